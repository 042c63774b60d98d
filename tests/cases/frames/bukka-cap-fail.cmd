# 物価高騰対策・回復再生応援枠 第10回 中小企業 60人: 上限3,000万円を超える
cd ../../.. && sh tests/cases/lib/check-only.sh bukka-cap-fail 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 10
frame: 物価高騰対策・回復再生応援枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 60}
subsidy: {eligible_total: 6000万円, national: 3200万円}
---
PLAN
