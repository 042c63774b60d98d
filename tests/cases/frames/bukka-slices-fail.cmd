# 物価高騰対策・回復再生応援枠 第11回 中小企業 10人: 全体に 3/4 を掛けた1,450万円は誤り
cd ../../.. && sh tests/cases/lib/check-only.sh bukka-slices-fail 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 物価高騰対策・回復再生応援枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 10}
subsidy: {eligible_total: 2000万円, national: 1450万円}
---
PLAN
