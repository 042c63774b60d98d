# グリーン成長枠 第8回: 採択発表から17か月の完了は誤り
cd ../../.. && sh tests/cases/lib/check-only.sh green-17-fail 'saikouchiku\.project-period[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 8
frame: グリーン成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
timeline:
  national_adoption: 2022-08-25
  national_grant_decision: 2022-11-25
  project_end: 2024-01-25
---
PLAN
