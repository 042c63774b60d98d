# 成長枠 第11回 中小企業 30人: 大規模な賃上げなしで 2/3 は誤り（1/2）
cd ../../.. && sh tests/cases/lib/check-only.sh seicho-r11-no-uplift-fail 'saikouchiku\.(national-[a-z-]+|uplift-[a-z-]+)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
subsidy: {eligible_total: 3000万円, national: 2000万円}
---
PLAN
