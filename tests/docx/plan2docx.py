#!/usr/bin/python3
"""Write a plan (front matter + Markdown body) as a Word draft the way an
applicant writing in Word would have it, with Debian's python3-docx and
python3-yaml - the converter behind tests/contract/docx-parity.sh.  It
differs on purpose from tests/browser/make-docx.py, so the reader meets
more than one way of doing it:

- 基本情報 has its caption as a first row spanning the table, and values
  as people write them (事業再構築補助金, 第6回, 18名, あり/なし, 和暦);
- 経費明細's caption is a paragraph above it with the unit, a 合計 row ends it;
- 収益計画 has the years as rows, the unit in the caption;
- 手続の日程's dates are in 和暦;
- the body's headings use Word's heading styles, lists its list styles,
  Markdown tables become Word tables; HTML comments are dropped.

With --style columns it writes the other common layout instead, so the
parity test meets two converters' habits:

- 基本情報 is 「申請者の概要」, a heading above a four-column table
  (label | value | label | value) with a 項目 | 内容 header row, the
  employees as 18人, the amounts in 円 with their unit;
- 経費明細 has a heading, its amounts in 千円 in the header when they are
  whole thousands, and a 計 row;
- 収益計画 has the years as columns (実績（2021年度）, 基準年度（2023年度）,
  令和6年度 …), the unit in a short paragraph between heading and table;
- 手続の日程's dates are written 2022/6/30.

With --style plain, a third habit: values as the front matter has them
(True, 2022-06-30, aomori), the documents.md labels with ASCII brackets,
a 基準年度 row in 基本情報, years as columns headed only 2021年度 with a
区分 row, the unit in each row label (売上高（千円）), captions as bold
paragraphs 「■ 基本情報」.

    plan2docx.py [--style rows|columns|plain] PLAN.md OUT.docx
"""
import datetime
import re
import sys

import docx
import yaml


def get(fm, path):
    for k in path.split("."):
        if not isinstance(fm, dict) or k not in fm:
            return None
        fm = fm[k]
    return fm


def wareki(v):
    if isinstance(v, str):
        try:
            v = datetime.date.fromisoformat(v)
        except ValueError:
            return v
    if isinstance(v, datetime.date) and v >= datetime.date(2019, 5, 1):
        y = v.year - 2018
        return f"令和{'元' if y == 1 else y}年{v.month}月{v.day}日"
    return str(v)


def yen(v):
    return "" if v is None else str(v)


BASIC = [("補助金名", "program"), ("公募回", "round"), ("申請枠", "frame"), ("事業者名", "applicant.name"),
         ("法人・個人の別", "applicant.form"), ("企業規模", "applicant.size"), ("従業員数（常勤）", "applicant.employees"),
         ("資本金", "applicant.capital"), ("業種", "applicant.industry"), ("所在地", "applicant.address"),
         ("類型", "restructuring.type"), ("上乗せ支援", "topup"), ("重点分野", "applicant.priority_field"),
         ("認定支援機関", "support_org.name"), ("認定支援機関ID", "support_org.id"),
         ("認定支援機関の確認書", "support_org.confirmed"), ("金融機関の確認書", "bank_confirmation"),
         ("既存事業の製品・サービス", "restructuring.existing.product"), ("既存事業の市場", "restructuring.existing.market"),
         ("新事業の製品・サービス", "restructuring.new.product"), ("新事業の市場", "restructuring.new.market"),
         ("補助対象経費", "subsidy.eligible_total"), ("国補助金", "subsidy.national"), ("県上乗せ", "subsidy.prefecture")]
ROWS = [("売上高", "sales"), ("営業利益", "operating_profit"), ("経常利益", "ordinary_profit"), ("人件費", "labor_cost"),
        ("減価償却費", "depreciation"), ("付加価値額", "value_added"), ("従業員数", "employees"),
        ("新事業売上高", "new_business_sales")]
STEPS = [("国への申請", "national_application"), ("採択発表", "national_adoption"),
         ("交付申請", "national_grant_application"), ("交付決定", "national_grant_decision"),
         ("県への予備申請", "prefecture_preliminary"), ("事業完了", "project_end"), ("実績報告", "performance_report"),
         ("確定通知", "national_confirmation"), ("県への交付申請", "prefecture_grant_application"),
         ("精算払請求", "payment_claim")]


def as_written(path, v):
    if v is None:
        return None
    if path == "program":
        return "事業再構築補助金" if v == "saikouchiku" else str(v)
    if path == "round":
        return f"第{v}回"
    if path == "applicant.employees":
        return f"{v}名"
    if path == "topup":
        return "青森県の上乗せ支援を申請する" if v == "aomori" else str(v)
    if isinstance(v, bool):
        return "あり" if v else "なし"
    return str(v)


def table(d, rows, style="Table Grid"):
    t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    t.style = style
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            t.cell(i, j).text = "" if v is None else str(v)
    return t


def inline(text):
    # **bold** and `code` marks are Markdown, not words
    return re.sub(r"\*\*(.+?)\*\*|`(.+?)`", lambda m: m.group(1) or m.group(2), text)


def body(d, md):
    lines = md.split("\n")
    i = 0
    para = []

    def flush():
        if para:
            d.add_paragraph(inline("".join(para)))
            para.clear()
    in_comment = False
    while i < len(lines):
        line = lines[i]
        if in_comment:
            in_comment = "-->" not in line
            i += 1
            continue
        if line.lstrip().startswith("<!--"):
            flush()
            in_comment = "-->" not in line
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*(\{#.*\})?\s*$", line)
        if m:
            flush()
            d.add_heading(inline(m.group(2)), level=len(m.group(1)))
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append([inline(c) for c in cells])
                i += 1
            table(d, rows)
            continue
        m = re.match(r"^\s*(?:[-*+]|・)\s+(.*)$", line) or re.match(r"^\s*・(.*)$", line)
        if m:
            flush()
            d.add_paragraph(inline(m.group(1)), style="List Bullet")
            i += 1
            continue
        m = re.match(r"^\s*\d+[.)]\s+(.*)$", line)
        if m:
            flush()
            d.add_paragraph(inline(m.group(1)), style="List Number")
            i += 1
            continue
        if not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()


def amount_yen(v):
    """an amount as written in the front matter, in yen (None: not plain)"""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    t = str(v).replace(",", "").replace("円", "")
    mult = 1
    for u, m in (("億", 100000000), ("万", 10000), ("千", 1000)):
        if t.endswith(u):
            t, mult = t[:-len(u)], m
    try:
        return int(t) * mult if "." not in t else None
    except ValueError:
        return None


def columns_style(d, fm):
    d.add_heading("申請者の概要", level=1)
    pairs = []
    for label, path in BASIC:
        v = get(fm, path)
        if v is None:
            continue
        if path == "applicant.employees":
            w = f"{v}人"
        elif path.startswith("subsidy.") or path == "applicant.capital":
            y = amount_yen(v)
            w = f"{y:,}円" if y is not None else str(v)
        else:
            w = as_written(path, v)
        pairs.append((label, w))
    rows = [("項目", "内容", "項目", "内容")]
    for i in range(0, len(pairs), 2):
        a = pairs[i]
        b = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
        rows.append((a[0], a[1], b[0], b[1]))
    table(d, rows)
    exps = fm.get("expenses") or []
    d.add_heading("経費明細", level=2)
    ys = [amount_yen(e.get("amount")) for e in exps]
    thousands = all(y is not None and y % 1000 == 0 for y in ys)
    rows = [("経費区分", "内容（品名）", "金額（千円）" if thousands else "金額（円）", "見積数")]
    for e, y in zip(exps, ys):
        a = e.get("amount")
        w = f"{y // 1000:,}" if thousands else yen(a)
        rows.append((e.get("category"), e.get("item"), w, e.get("quotes")))
    if all(y is not None for y in ys):
        tot = sum(ys)
        rows.append(("計", "", f"{tot // 1000:,}" if thousands else f"{tot:,}", ""))
    table(d, rows)
    fp = fm.get("financial_plan") or {}
    unit = fp.get("unit", "円")
    base = fp.get("base_year")
    d.add_heading("売上・利益計画", level=2)
    d.add_paragraph(f"（単位：{unit}）")
    heads = ["項目"]
    for r in fp.get("rows") or []:
        y, k = r.get("year"), r.get("kind", "")
        if k == "計画" and isinstance(y, int) and y >= 2019:
            heads.append(f"令和{y - 2018}年度")
        elif k == "計画" and base:
            heads.append(f"{y - base}年後（{y}年度）")
        else:
            heads.append(f"{k}（{y}年度）")
    rows = [heads]
    for label, key in ROWS:
        if any(key in r for r in fp.get("rows") or []):
            rows.append([label] + [yen(r.get(key)) for r in fp.get("rows") or []])
    table(d, rows)
    tl = fm.get("timeline") or {}
    d.add_heading("補助金手続の日程", level=2)
    rows = [("手続", "予定日")]
    for label, k in STEPS:
        if k in tl:
            v = tl[k]
            if isinstance(v, datetime.date):
                v = f"{v.year}/{v.month}/{v.day}"
            rows.append((label, v))
    table(d, rows)


def plain_style(d, fm):
    def caption(text):
        d.add_paragraph().add_run(text).bold = True
    caption("■ 基本情報")
    rows = [("項目", "値")]
    labels = dict(BASIC)
    labels.update({"従業員数 (常勤)": "applicant.employees", "国補助金 (補助金申請額)": "subsidy.national",
                   "県上乗せ (県補助金)": "subsidy.prefecture"})
    for k in ("従業員数（常勤）", "国補助金", "県上乗せ"):
        del labels[k]
    for label, path in labels.items():
        v = get(fm, path)
        if v is not None:
            rows.append((label, str(v)))
    fp = fm.get("financial_plan") or {}
    if fp.get("base_year") is not None:
        rows.append(("基準年度", str(fp["base_year"])))
    table(d, rows)
    caption("■ 経費明細")
    rows = [("経費区分", "内容 (品名)", "金額", "見積数")]
    for e in fm.get("expenses") or []:
        rows.append((e.get("category"), e.get("item"), yen(e.get("amount")), e.get("quotes")))
    table(d, rows)
    caption("■ 収益計画")
    unit = fp.get("unit", "円")
    frows = fp.get("rows") or []
    rows = [["項目"] + [f"{r.get('year')}年度" for r in frows], ["区分"] + [r.get("kind", "") for r in frows]]
    for label, key in ROWS:
        if any(key in r for r in frows):
            lab = label if key == "employees" else f"{label}（{unit}）"
            rows.append([lab] + [yen(r.get(key)) for r in frows])
    table(d, rows)
    caption("■ 手続の日程")
    tl = fm.get("timeline") or {}
    rows = [("手続", "日付")] + [(label, str(tl[k])) for label, k in STEPS if k in tl]
    table(d, rows)


def main():
    args = sys.argv[1:]
    style = "rows"
    if args[:1] == ["--style"]:
        style, args = args[1], args[2:]
    raw = open(args[0], "rb").read()
    try:
        src = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        src = raw.decode("cp932")   # the public plan's Shift_JIS copy
    src = src.replace("\r\n", "\n")
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", src, re.S)
    fm = yaml.safe_load(m.group(1))
    d = docx.Document()
    d.add_paragraph("事業計画書", style="Title")
    if style in ("columns", "plain"):
        (columns_style if style == "columns" else plain_style)(d, fm)
        body(d, m.group(2))
        d.save(args[1])
        return
    # 基本情報: a caption row spanning the table
    rows = [("基本情報", "")] + [(label, as_written(path, get(fm, path))) for label, path in BASIC
                                 if get(fm, path) is not None]
    t = table(d, rows)
    t.cell(0, 0).merge(t.cell(0, 1))
    t.cell(0, 0).text = "基本情報"
    d.add_paragraph("")
    # 経費明細: the caption (with its unit) above, a 合計 row
    exps = fm.get("expenses") or []
    d.add_paragraph("補助対象経費の内訳（単位：円）")
    rows = [("経費区分", "内容（品名）", "金額（税抜）", "見積数")]
    total = 0
    for e in exps:
        a = e.get("amount")
        rows.append((e.get("category"), e.get("item"), yen(a), e.get("quotes")))
        try:
            total += int(str(a).replace(",", ""))
        except ValueError:
            total = None
    if total is not None:
        rows.append(("合計", "", f"{total:,}", ""))
    table(d, rows)
    # 収益計画: the years as rows
    fp = fm.get("financial_plan") or {}
    unit = fp.get("unit", "円")
    d.add_paragraph(f"収益計画（単位：{unit}）")
    rows = [["年度"] + [label for label, _ in ROWS]]
    for r in fp.get("rows") or []:
        rows.append([f"{r.get('kind', '')}（{r.get('year', '')}年度）"] + [yen(r.get(k)) for _, k in ROWS])
    table(d, rows)
    # 手続の日程: dates in 和暦
    tl = fm.get("timeline") or {}
    d.add_paragraph("手続の日程")
    rows = [("手続", "日付")] + [(label, wareki(tl[k])) for label, k in STEPS if k in tl]
    table(d, rows)
    body(d, m.group(2))
    d.save(args[1])


main()
