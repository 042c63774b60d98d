# グリーン成長枠 第8回: 交付決定から14か月・採択発表から16か月以内の完了は誤りではない
cd ../../.. && sh tests/cases/lib/check-only.sh green-14-pass 'saikouchiku\.project-period[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 8
frame: グリーン成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
timeline:
  national_adoption: 2022-08-25
  national_grant_decision: 2022-10-20
  project_end: 2023-12-20
---
PLAN
