# 補助対象外の経費: 半角のﾉｰﾄPC、2t ダンプ車両、店舗用建物の購入、建物費の舗装は警告
cd ../../.. && sh tests/cases/lib/check-only.sh expenses-fail 'saikouchiku\.expense-[a-z-]+' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
expenses:
  - {category: 機械装置・システム構築費, item: ﾉｰﾄPC 5台, amount: 1000000}
  - {category: 機械装置・システム構築費, item: 2t ダンプ車両, amount: 5000000}
  - {category: 建物費, item: 店舗用建物の購入, amount: 30000000}
  - {category: 建物費, item: 駐車場のアスファルト舗装, amount: 4000000}
subsidy: {eligible_total: 40,000,000, national: 2000万円}
---
PLAN
