# グリーン成長枠 第8回: 付加価値額 年率3.3%は目標5.0%に届かない
cd ../../.. && sh tests/cases/lib/check-only.sh green-growth-fail 'saikouchiku\.(wage-[a-z-]+|growth[a-z-]*)' <<'PLAN'
---
plancheck: 1
program: saikouchiku
round: 8
frame: グリーン成長枠
applicant: {name: 株式会社テスト, size: 中小企業, employees: 30}
financial_plan:
  unit: 千円
  base_year: 2023
  rows:
    - {year: 2023, kind: 基準年度, value_added: 100000}
    - {year: 2024, kind: 計画, value_added: 103300}
    - {year: 2025, kind: 計画, value_added: 106600}
    - {year: 2026, kind: 計画, value_added: 110000}
---
PLAN
