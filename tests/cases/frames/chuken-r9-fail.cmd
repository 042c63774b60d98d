# 中堅企業 120人・通常枠・第9回・1億円: 46,666,667円は1円超える（誤り）
cd ../../.. && sh tests/cases/lib/check-only.sh chuken-r9-fail 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 9
frame: 通常枠
applicant: {name: 株式会社テスト, size: 中堅企業, employees: 120}
subsidy: {eligible_total: 1億円, national: 46,666,667}
---
PLAN
