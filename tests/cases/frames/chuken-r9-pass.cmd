# 中堅企業 120人・通常枠・第9回・補助対象経費1億円: 1/2 で補助金4,000万円まで、超える部分 1/3 → 46,666,666円まで
cd ../../.. && sh tests/cases/lib/check-only.sh chuken-r9-pass 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 9
frame: 通常枠
applicant: {name: 株式会社テスト, size: 中堅企業, employees: 120}
subsidy: {eligible_total: 1億円, national: 46,666,666}
---
PLAN
