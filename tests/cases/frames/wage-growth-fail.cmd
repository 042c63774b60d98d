# 成長枠 第11回: 給与支給総額が年率1%しか伸びない（要件 年率平均2%）
cd ../../.. && sh tests/cases/lib/check-only.sh wage-growth-fail 'saikouchiku\.(wage-[a-z-]+|growth[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 11
frame: 成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
financial_plan:
  unit: 千円
  base_year: 2024
  rows:
    - {year: 2024, kind: 基準年度, value_added: 100000, total_wages: 50000}
    - {year: 2025, kind: 計画, value_added: 105000, total_wages: 50500}
    - {year: 2026, kind: 計画, value_added: 110000, total_wages: 51000}
    - {year: 2027, kind: 計画, value_added: 115000, total_wages: 51500}
---
PLAN
