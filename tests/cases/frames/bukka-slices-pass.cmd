# 物価高騰対策・回復再生応援枠 第11回 中小企業 10人: 600万円までは 3/4、超える部分 2/3 → 経費2,000万円に1,400万円
cd ../../.. && sh tests/cases/lib/check-only.sh bukka-slices-pass 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 物価高騰対策・回復再生応援枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 10}
subsidy: {eligible_total: 2000万円, national: 1400万円}
---
PLAN
