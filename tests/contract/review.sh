# Batch review: 200 generated drafts and 3 broken ones give 203 rows, the
# broken three marked 読めない; the summaries are byte-identical whatever
# -j; the CSV opens as Excel expects (BOM, CRLF) and parses; every
# readable draft has its JSON and a valid PDF; the exit status is 1.
set -eu
GEN=${UNIT_DIR:-build}/gen
mkdir -p "$TMP/in/sub"
"$GEN" "$PUB/hakkoda-seiko.md" "$TMP/in" 150
"$GEN" "$PUB/hakkoda-seiko.md" "$TMP/in/sub" 50 7
# a zip (what a .docx is) renamed .md: fixed bytes, so the test is the
# same every run
printf 'PK\003\004\024\000\006\000' >"$TMP/in/broken-binary.md"
head -c 3000 /dev/zero | tr '\000' '\221' >>"$TMP/in/broken-binary.md"
: >"$TMP/in/broken-empty.md"
printf -- '---\nprogram: saikouchiku\nround: [6\n---\n# 1. 見出し\n' >"$TMP/in/sub/broken-yaml.md"
for j in 1 2; do
	st=0
	"$PLANCHECK" review "$TMP/in" -o "$TMP/out$j" -j $j 2>"$TMP/log$j" || st=$?
	[ $st = 1 ] || { cat "$TMP/log$j"; echo "exit $st"; exit 1; }
done
for f in summary.csv summary.json summary.pdf; do
	cmp "$TMP/out1/$f" "$TMP/out2/$f"
done
grep -q '203 件: ' "$TMP/log1" || { echo "no 203-draft line in the log:"; cat "$TMP/log1"; exit 1; }
py=/usr/bin/python3
[ -x $py ] || py=python3
$py - "$TMP/out1/summary.csv" <<'PY'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n"), "not CRLF"
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert len(rows) == 203, len(rows)
bad = [r["ファイル"] for r in rows if r["判定"] == "読めない"]
assert sorted(p.rsplit("/", 1)[1] for p in bad) == ["broken-binary.md", "broken-empty.md", "broken-yaml.md"], bad
assert all(r["判定"] in ("提出可", "要修正", "読めない") for r in rows)
ok = [r for r in rows if r["判定"] == "提出可"]
assert ok and all(int(r["国補助金申請額"]) <= int(r["国補助金上限"]) for r in ok)
assert [r["ファイル"] for r in rows] == sorted(r["ファイル"] for r in rows)
PY
jq -e '.drafts | length == 203' "$TMP/out1/summary.json" >/dev/null || { echo "summary.json: not 203 drafts"; exit 1; }
jq -e '[.drafts[] | select(.verdict == "読めない")] | length == 3' "$TMP/out1/summary.json" >/dev/null ||
	{ echo "summary.json: not 3 読めない"; exit 1; }
# every draft has its JSON; every draft that is text has its PDF (the
# broken YAML one too: its author needs the error marked), and summary.*
n=$(find "$TMP/out1" -name '*.json' | wc -l)
[ "$n" = 204 ] || { echo "$n JSON files, want 204"; cat "$TMP/log1"; exit 1; }
n=$(find "$TMP/out1" -name '*.pdf' | wc -l)
[ "$n" = 202 ] || { echo "$n PDF files, want 202"; cat "$TMP/log1"; exit 1; }
for f in sub_broken-yaml.pdf sub_draft-00001.pdf draft-00001.pdf; do
	test -f "$TMP/out1/$f" || { echo "no $f"; exit 1; }
done
test ! -f "$TMP/out1/broken-binary.pdf" || { echo "a PDF for the binary file"; exit 1; }
qpdf --check "$TMP/out1/sub_draft-00007.pdf" >"$TMP/qpdf1" 2>&1 || { cat "$TMP/qpdf1"; exit 1; }
qpdf --check "$TMP/out1/summary.pdf" >"$TMP/qpdf2" 2>&1 || { cat "$TMP/qpdf2"; exit 1; }
# no temporary files left behind
if ls "$TMP/out1" | grep '\.tmp\.'; then echo "temporary files left"; exit 1; fi
