# 第12回 成長分野進出枠（GX進出類型）は第12回の枠
cd ../../.. && sh tests/cases/lib/check-only.sh frame-pass 'saikouchiku\.frame[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 12
frame: 成長分野進出枠（GX進出類型）
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
---
PLAN
