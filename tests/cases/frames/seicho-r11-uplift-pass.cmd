# 成長枠 第11回 中小企業 30人: 大規模な賃上げ（給与支給総額 年6%以上・事業場内最低賃金 年45円以上）で 2/3
cd ../../.. && sh tests/cases/lib/check-only.sh seicho-r11-uplift-pass 'saikouchiku\.(national-[a-z-]+|uplift-[a-z-]+)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長枠
large_wage_increase: true
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
subsidy: {eligible_total: 3000万円, national: 2000万円}
financial_plan:
  unit: 千円
  base_year: 2024
  rows:
    - {year: 2023, kind: 実績, value_added: 100000, total_wages: 50000, min_wage: 950}
    - {year: 2024, kind: 基準年度, value_added: 104000, total_wages: 53200, min_wage: 1000}
    - {year: 2025, kind: 計画, value_added: 109000, total_wages: 54300, min_wage: 1050}
    - {year: 2026, kind: 計画, value_added: 114000, total_wages: 55400, min_wage: 1100}
    - {year: 2027, kind: 計画, value_added: 119000, total_wages: 56500, min_wage: 1150}
---
PLAN
