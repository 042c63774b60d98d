# 最低賃金枠 第9回 中小企業 10人 3/4: 1,200万円の経費に900万円は誤りではない
cd ../../.. && sh tests/cases/lib/check-only.sh saitei-chingin-pass 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 9
frame: 最低賃金枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 10}
subsidy: {eligible_total: 1200万円, national: 900万円}
---
PLAN
