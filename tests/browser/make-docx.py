#!/usr/bin/python3
"""Write a plan (front matter + Markdown) as the Word draft an applicant
would have: the body's headings in Word's heading styles, lists as list
paragraphs, and the numbers in the captioned tables of
../shared/spec/documents.md section 3 (基本情報, 経費明細, 収益計画,
手続の日程) instead of YAML.  Used by make check-browser to drop the public
defects plan on the page as .docx.  Debian's python3-docx and python3-yaml.

    make-docx.py PLAN.md OUT.docx
"""
import sys

import docx
import yaml

# 基本情報: the documents.md labels for the front-matter fields
BASIC = [
    ("補助金名", ("program",)), ("事業者名", ("applicant", "name")), ("法人・個人の別", ("applicant", "form")),
    ("企業規模", ("applicant", "size")), ("従業員数", ("applicant", "employees")),
    ("資本金", ("applicant", "capital")), ("業種", ("applicant", "industry")),
    ("所在地", ("applicant", "address")), ("公募回", ("round",)), ("申請枠", ("frame",)),
    ("類型", ("restructuring", "type")), ("上乗せ支援", ("topup",)),
    ("重点分野", ("applicant", "priority_field")), ("認定支援機関", ("support_org", "name")),
    ("認定支援機関ID", ("support_org", "id")), ("認定支援機関の確認書", ("support_org", "confirmed")),
    ("金融機関の確認書", ("bank_confirmation",)),
    ("既存事業の製品・サービス", ("restructuring", "existing", "product")),
    ("既存事業の市場", ("restructuring", "existing", "market")),
    ("新事業の製品・サービス", ("restructuring", "new", "product")),
    ("新事業の市場", ("restructuring", "new", "market")),
    ("補助対象経費", ("subsidy", "eligible_total")), ("国補助金", ("subsidy", "national")),
    ("県上乗せ", ("subsidy", "prefecture")),
]
PLAN_ROWS = [("売上高", "sales"), ("営業利益", "operating_profit"), ("経常利益", "ordinary_profit"),
             ("人件費", "labor_cost"), ("減価償却費", "depreciation"), ("付加価値額", "value_added"),
             ("従業員数", "employees"), ("新事業売上高", "new_business_sales"),
             ("給与支給総額", "total_wages")]
STEPS = [("国への申請", "national_application"), ("採択発表", "national_adoption"),
         ("交付申請", "national_grant_application"), ("交付決定", "national_grant_decision"),
         ("県への予備申請", "prefecture_preliminary"), ("事業完了", "project_end"),
         ("実績報告", "performance_report"), ("確定通知", "national_confirmation"),
         ("県への交付申請", "prefecture_grant_application"), ("精算払請求", "payment_claim")]


def get(fm, path):
    for k in path:
        if not isinstance(fm, dict) or k not in fm:
            return None
        fm = fm[k]
    return fm


def shown(v):
    if v is True:
        return "あり"
    if v is False:
        return "なし"
    return str(v)


def table(doc, caption, rows):
    doc.add_paragraph(caption)
    t = doc.add_table(rows=0, cols=len(rows[0]))
    t.style = "Table Grid"
    for r in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v


def main():
    src, out = sys.argv[1], sys.argv[2]
    text = open(src, encoding="utf-8").read()
    _, fm_text, body = text.split("---\n", 2)
    fm = yaml.safe_load(fm_text)
    doc = docx.Document()
    doc.add_heading("事業計画書", level=0)

    table(doc, "基本情報", [[label, shown(get(fm, path))] for label, path in BASIC if get(fm, path) is not None])
    table(doc, "経費明細", [["経費区分", "内容", "金額（円）", "見積数"]] +
          [[e["category"], e["item"], shown(e["amount"]), shown(e.get("quotes", ""))] for e in fm.get("expenses", [])])
    fp = fm.get("financial_plan", {})
    rows = fp.get("rows", [])
    unit = fp.get("unit", "円")
    head = ["項目"] + [f"{r['kind']}（{r['year']}年度）" for r in rows]
    plan = [head] + [[label] + [shown(r[key]) for r in rows] for label, key in PLAN_ROWS if any(key in r for r in rows)]
    table(doc, f"収益計画（単位：{unit}）", plan)
    tl = fm.get("timeline", {})
    table(doc, "手続の日程", [["手続", "日付"]] + [[label, shown(tl[key])] for label, key in STEPS if key in tl])

    for line in body.splitlines():
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            level = len(s) - len(s.lstrip("#"))
            doc.add_heading(s[level:].strip(), level=min(level, 3))
        elif s.startswith("- "):
            doc.add_paragraph(s[2:], style="List Bullet")
        else:
            doc.add_paragraph(s)
    doc.save(out)


if __name__ == "__main__":
    main()
