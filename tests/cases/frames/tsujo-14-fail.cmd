# 通常枠 第8回: 交付決定から14か月は誤り（グリーン成長枠の期間は通常枠には使えない）
cd ../../.. && sh tests/cases/lib/check-only.sh tsujo-14-fail 'saikouchiku\.project-period[a-z-]*' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 8
frame: 通常枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
timeline:
  national_adoption: 2022-08-25
  national_grant_decision: 2022-11-15
  project_end: 2024-01-10
---
PLAN
