# 回復・再生応援枠 第7回 中小企業 3/4: 1,000万円に750万円
cd ../../.. && sh tests/cases/lib/check-only.sh kaifuku-saisei-pass 'saikouchiku\.(national-[a-z-]+|frame[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 7
frame: 回復・再生応援枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 8}
subsidy: {eligible_total: 1000万円, national: 750万円}
---
PLAN
