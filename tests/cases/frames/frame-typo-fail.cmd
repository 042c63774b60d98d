# 申請枠の書き間違い: 近い名前を示す誤り
cd ../../.. && sh tests/cases/lib/check-only.sh frame-typo-fail 'saikouchiku\.frame[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長わく
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
---
PLAN
