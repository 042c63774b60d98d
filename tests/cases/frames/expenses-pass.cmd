# 補助対象の経費: 専用の機械・改修工事・自動車部品の指導は警告しない
cd ../../.. && sh tests/cases/lib/check-only.sh expenses-pass 'saikouchiku\.expense-[a-z-]+' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
expenses:
  - {category: 機械装置・システム構築費, item: PCB外観検査装置, amount: 8000000}
  - {category: 機械装置・システム構築費, item: 無人搬送車（AGV）, amount: 9000000}
  - {category: 建物費, item: 店舗の内装改修工事, amount: 20000000}
  - {category: 専門家経費, item: 自動車部品品質マネジメント導入指導, amount: 600000}
  - {category: 広告宣伝・販売促進費, item: 店舗の看板制作, amount: 400000}
subsidy: {eligible_total: 38,000,000, national: 1900万円}
---
PLAN
