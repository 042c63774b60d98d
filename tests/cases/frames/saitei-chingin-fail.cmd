# 最低賃金枠 第9回 中小企業 10人: 3/4 を超える950万円は誤り
cd ../../.. && sh tests/cases/lib/check-only.sh saitei-chingin-fail 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 9
frame: 最低賃金枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 10}
subsidy: {eligible_total: 1200万円, national: 950万円}
---
PLAN
