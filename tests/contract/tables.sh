# Tables that carry data (documents.md §3), in Markdown: a draft with no
# front matter whose 基本情報/経費明細/手続の日程 tables and 収益計画表 say
# what the public plan's front matter says gives the same findings and
# figures; the 収益計画表 reads the same with the years as columns (千円) or
# as rows (万円), or under a two-row header (merged or not); where front matter and tables both exist a table value
# that disagrees is one error at its cell, naming the front matter's
# value; a wrong 合計 row is an error at the row; an unknown label is a
# warning with a did-you-mean.
set -eu
PLAN=examples/hakkoda-seiko.md
TAB=tests/tables/hakkoda-tables.md
findings() {   # FILE -> rule, severity, message (lines aside)
	"$PLANCHECK" check --format json "$1" >"$TMP/f.json" || true
	jq -r '.files[0].findings[] | "\(.rule) \(.severity) \(.message)"' "$TMP/f.json" |
		sed 's/（[0-9]* 行目）//g' | sort
}
figures() { "$PLANCHECK" check --format json "$1" | jq -c '.files[0].computed' || true; }
only() {   # FILE RULE -> "line message" of that rule's findings
	"$PLANCHECK" check --format json "$1" | jq -r --arg r "$2" '.files[0].findings[] | select(.rule == $r) | "\(.line) \(.message)"' || true
}

# the tables alone are the plan
findings "$PLAN" >"$TMP/a"
findings "$TAB" >"$TMP/b"
diff "$TMP/a" "$TMP/b"
[ "$(figures "$PLAN")" = "$(figures "$TAB")" ]
figures "$TAB" | grep -q '"plan_years":5'

# a table no caption names is known by its labels
sed 's/^# 基本情報$/# 申請者について/' "$TAB" >"$TMP/nocap.md"
findings "$TMP/nocap.md" >"$TMP/n"
diff "$TMP/a" "$TMP/n"

# the 収益計画表 with the years as rows, in 万円 (the figures ÷ 10)
rows() {   # FILE -> FILE with its 収益計画表 transposed and in 万円
	awk '
	function flush(   r, c, line) {
		print "（単位：万円）"; print ""
		line = "| 年度 |"; for (r = 2; r <= n; r++) line = line " " lab[r] " |"; print line
		line = "|---|"; for (r = 2; r <= n; r++) line = line "---|"; print line
		for (c = 2; c <= nc; c++) {
			line = "| " cell[1, c] " |"
			for (r = 2; r <= n; r++) { v = cell[r, c]; if (lab[r] !~ /従業員/) { gsub(",", "", v); v = v / 10 } line = line " " v " |" }
			print line
		}
	}
	/^（単位：千円）$/ { skip = 1; next }
	skip && /^\| 項目 \|/ { intable = 1 }
	intable && /^\|/ {
		if ($0 ~ /^\|---/) next
		n++; nc = split($0, f, "|") - 2
		for (c = 1; c <= nc; c++) { x = f[c + 1]; gsub(/^ +| +$/, "", x); cell[n, c] = x }
		lab[n] = cell[n, 1]; next
	}
	intable { flush(); intable = 0; skip = 0 }
	{ print }' "$1"
}
rows "$TAB" >"$TMP/rows.md"
grep -q '^| 基準年度 2023年度 | 31800 |' "$TMP/rows.md"
findings "$TMP/rows.md" >"$TMP/c"
diff "$TMP/a" "$TMP/c"
[ "$(figures "$PLAN")" = "$(figures "$TMP/rows.md")" ]

# a two-row header as Word tables have it: 実績 | 基準年度 | 計画 ... over a
# row of years with no label (the base year was lost: 基準年度 missing)
sed -e 's/^| 項目 | 直近決算 2021年度（実績） | 基準年度 2023年度 | 1年後 2024年度 | 2年後 2025年度 | 3年後 2026年度 | 4年後 2027年度 | 5年後 2028年度 |$/| 項目 | 実績 | 基準年度 | 計画 | 計画 | 計画 | 計画 | 計画 |/' \
	-e '/^| 項目 | 実績 | 基準年度 |/{n;a\
| | 2021年度 | 2023年度 | 2024年度 | 2025年度 | 2026年度 | 2027年度 | 2028年度 |
}' "$TAB" >"$TMP/two.md"
grep -q '^| | 2021年度 | 2023年度 |' "$TMP/two.md"
findings "$TMP/two.md" >"$TMP/t"
diff "$TMP/a" "$TMP/t"
[ "$(figures "$PLAN")" = "$(figures "$TMP/two.md")" ]
# ... and with 計画 merged over its five columns (the Word reader gives the
# cell once, then empty cells): those columns are years by the row below
sed 's/^| 項目 | 実績 | 基準年度 | 計画 | 計画 | 計画 | 計画 | 計画 |$/| 項目 | 実績 | 基準年度 | 計画 | | | | |/' "$TMP/two.md" >"$TMP/merged.md"
grep -q '^| 項目 | 実績 | 基準年度 | 計画 | | | | |$' "$TMP/merged.md"
findings "$TMP/merged.md" >"$TMP/t"
diff "$TMP/a" "$TMP/t"
[ "$(figures "$PLAN")" = "$(figures "$TMP/merged.md")" ]

# with the front matter: the table restates it (both shapes, both units)
[ -z "$(only "$PLAN" plan.table-mismatch)" ]
rows "$PLAN" >"$TMP/fm-rows.md"
[ -z "$(only "$TMP/fm-rows.md" plan.table-mismatch)" ]
# ... and one cell that disagrees is one error there, naming the front matter's value
sed 's/^| 営業利益 | 9,800 | 8,600 | 12,300 |/| 営業利益 | 9,800 | 8,600 | 13,300 |/' "$PLAN" >"$TMP/fm-bad.md"
line=$(grep -n '^| 営業利益 |' "$TMP/fm-bad.md" | cut -d: -f1)
only "$TMP/fm-bad.md" plan.table-mismatch >"$TMP/m"
[ "$(wc -l <"$TMP/m")" = 1 ]
grep -q "^$line .*営業利益「1,330万円」.*「1,230万円」" "$TMP/m"
"$PLANCHECK" check "$TMP/fm-bad.md" >/dev/null && exit 1
# a 基本情報 table beside the front matter: 20名 against 18
awk '/^# 1\./ && !done { print "# 基本情報\n\n| 項目 | 内容 |\n|---|---|\n| 事業者名 | 株式会社八甲田精工 |\n| 従業員数（常勤） | 20名 |\n| 資本金 | 1,000万円 |\n"; done = 1 } { print }' \
	"$PLAN" >"$TMP/fm-basic.md"
line=$(grep -n '^| 従業員数' "$TMP/fm-basic.md" | cut -d: -f1)
only "$TMP/fm-basic.md" plan.table-mismatch >"$TMP/m"
[ "$(wc -l <"$TMP/m")" = 1 ]
grep -q "^$line .*「20」.*「18」" "$TMP/m"

# a 合計 row that is not the column's sum
sed 's/^| 合計 | | 36,000,000 | |/| 合計 | | 35,000,000 | |/' "$TAB" >"$TMP/total.md"
line=$(grep -n '^| 合計 |' "$TMP/total.md" | cut -d: -f1)
only "$TMP/total.md" plan.table-total >"$TMP/t"
[ "$(wc -l <"$TMP/t")" = 1 ]
grep -q "^$line .*3,500万円.*3,600万円" "$TMP/t"
[ -z "$(only "$TAB" plan.table-total)" ]

# a label the table does not know: a warning with a did-you-mean, nothing dropped silently
sed 's/^| 所在地 |/| 所在値 |/' "$TAB" >"$TMP/label.md"
"$PLANCHECK" check --format json "$TMP/label.md" |
	jq -e '[.files[0].findings[] | select(.rule == "plan.table-label" and .severity == "warning"
		and (.message | contains("所在値")) and (.suggestion | contains("所在地")))] | length == 1' >/dev/null

# an empty value cell is an error (a form left unfilled)
sed 's/^| 事業者名 | 株式会社八甲田精工 |/| 事業者名 | |/' "$TAB" >"$TMP/empty.md"
[ "$(only "$TMP/empty.md" plan.table-empty | wc -l)" = 1 ]

# a Word draft (saved by LibreOffice) whose tables are the plan: the text's findings and figures
W=tests/fixtures/docx/hakkoda-seiko.docx
findings "$W" | grep -v '^plan.docx ' >"$TMP/w"
diff "$TMP/a" "$TMP/w"
[ "$(figures "$PLAN")" = "$(figures "$W")" ]
# ... and a finding in one of its cells is placed at that table, row and column
py=/usr/bin/python3
[ -x $py ] || py=python3
if $py -c 'import docx' 2>/dev/null; then
	$py - "$W" "$TMP/w-total.docx" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
for ti, t in enumerate(d.tables):
    for ri, r in enumerate(t.rows):
        if r.cells[0].text == "計":
            r.cells[2].text = "35,000"
d.save(sys.argv[2])
PY
	"$PLANCHECK" check --format json "$TMP/w-total.docx" >"$TMP/wt.json" || true
	jq -e '[.files[0].findings[] | select(.rule == "plan.table-total")] | length == 1' "$TMP/wt.json" >/dev/null
	at=$($py - "$W" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
for ti, t in enumerate(d.tables):
    for ri, r in enumerate(t.rows):
        if r.cells[0].text == "計":
            print(ti + 1, ri + 1, 3)
PY
)
	[ "$(jq -r '.files[0].findings[] | select(.rule == "plan.table-total") | .place | "\(.table) \(.row) \(.column)"' "$TMP/wt.json")" = "$at" ]
	jq -e '.files[0].findings[] | select(.rule == "plan.table-total") | .place.where | contains("表")' "$TMP/wt.json" >/dev/null
	"$PLANCHECK" check "$TMP/w-total.docx" | grep -A3 'plan.table-total' | grep -q '場所: 表 '
	# the body's 収益計画表 disagreeing with the 収益計画 a converter made of the
	# front matter: one error at the body table's cell, naming the first table's place
	$py tests/docx/plan2docx.py "$TMP/fm-bad.md" "$TMP/fm-bad.docx"
	"$PLANCHECK" check --format json "$TMP/fm-bad.docx" >"$TMP/fb.json" || true
	jq -e '[.files[0].findings[] | select(.rule == "plan.table-mismatch")] | length == 1' "$TMP/fb.json" >/dev/null
	jq -e '.files[0].findings[] | select(.rule == "plan.table-mismatch") | .place.quote == "13,300"
		and (.message | contains("1,230万円"))' "$TMP/fb.json" >/dev/null
else
	echo "a table cell's place in a Word draft (no python3-docx)" >>"$SKIPS"
fi
