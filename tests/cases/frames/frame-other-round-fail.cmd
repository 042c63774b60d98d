# 第6回に成長枠はない: その枠がある回を示す誤り
cd ../../.. && sh tests/cases/lib/check-only.sh frame-other-round-fail 'saikouchiku\.frame[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 6
frame: 成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
---
PLAN
