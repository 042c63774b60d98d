# Word drafts (.docx, the committed fixtures): check gives each finding the
# place a Word user finds it at - in text (場所), JSON (place), SARIF
# (snippet, location message, logical location) and the PDF (該当箇所);
# review takes .docx drafts; a Word draft read from standard input is read
# as Word too; fix refuses a Word draft with what to do instead.
set -eu
py=/usr/bin/python3
[ -x $py ] || py=python3
FX=tests/fixtures/docx
st=0
"$PLANCHECK" check "$FX/python-docx.docx" >"$TMP/t.txt" || st=$?
[ $st = 1 ] || { echo "check exit $st"; exit 1; }
grep -q '^      = 場所: 「1. 補助事業の具体的取組内容」の' "$TMP/t.txt" || grep -q '^      = 場所: ' "$TMP/t.txt"
grep -q 'plan.docx' "$TMP/t.txt"
"$PLANCHECK" check --format json "$FX/python-docx.docx" >"$TMP/t.json" || true
sh tests/json-shape.sh "$TMP/t.json"
# every finding has a place; a finding in the body names its heading path
jq -e '[.files[0].findings[] | select(.place == null)] | length == 0' "$TMP/t.json" >/dev/null
jq -e '[.files[0].findings[] | .place | select(.heading != null and (.paragraph != null or .table != null))] | length > 0' \
	"$TMP/t.json" >/dev/null || { echo "no finding placed in a section"; exit 1; }
# a text draft has no place: lines and columns are the place
"$PLANCHECK" check --format json examples/hakkoda-seiko.md >"$TMP/m.json" || true
jq -e '[.files[0].findings[] | select(.place)] | length == 0' "$TMP/m.json" >/dev/null
# standard input: sniffed, read as Word
"$PLANCHECK" check --format json - <"$FX/libreoffice.docx" >"$TMP/in.json" || true
jq -e '.files[0].findings | map(.rule) | index("plan.docx") != null' "$TMP/in.json" >/dev/null
# SARIF: a snippet and the place on every result of a Word draft
"$PLANCHECK" check --format sarif "$FX/python-docx.docx" "$FX/libreoffice.docx" >"$TMP/d.sarif" || true
jq -e '[.runs[0].results[] | select(.locations[0].physicalLocation.region.snippet.text | type != "string")] | length == 0' \
	"$TMP/d.sarif" >/dev/null
jq -e '[.runs[0].results[] | select(.locations[0].message.text | type != "string")] | length == 0' "$TMP/d.sarif" >/dev/null
# against the OASIS schema the repository carries (as sarif.sh does)
$py tests/sarif-validate.py tests/schemas/sarif-schema-2.1.0.json "$TMP/d.sarif"
# the PDF renders the Word draft with its findings, each with its quote
"$PLANCHECK" report "$FX/python-docx.docx" -o "$TMP/d.pdf" || [ $? = 1 ]
pdftotext "$TMP/d.pdf" - | grep -q '該当箇所'
pdftotext "$TMP/d.pdf" - | grep -q 'りんごの加工を主力とする'
# review takes the Word drafts
mkdir -p "$TMP/in"
cp "$FX/python-docx.docx" "$TMP/in/A.DOCX"
cp examples/hakkoda-seiko.md "$TMP/in/b.md"
st=0
"$PLANCHECK" review "$TMP/in" -o "$TMP/out" --no-pdf >/dev/null 2>&1 || st=$?
[ $st -le 1 ]
grep -q 'A.DOCX' "$TMP/out/summary.csv"
! grep 'A.DOCX' "$TMP/out/summary.csv" | grep -q '読めない'
# fix: a Word draft is not rewritten
st=0
"$PLANCHECK" fix "$FX/python-docx.docx" -o "$TMP/x.docx" 2>"$TMP/fix.err" || st=$?
[ $st = 2 ] && grep -q 'import' "$TMP/fix.err" && [ ! -e "$TMP/x.docx" ]
# import: front matter + Markdown; check on it gives the Word draft's findings
"$PLANCHECK" import "$FX/python-docx.docx" -o "$TMP/imp.md" 2>/dev/null
head -n 1 "$TMP/imp.md" | grep -q '^---$'
grep -q '^plancheck: 1$' "$TMP/imp.md"
grep -q '^# 1. 補助事業の具体的取組内容$' "$TMP/imp.md"
"$PLANCHECK" check --format json "$FX/python-docx.docx" | jq -r '.files[0].findings[] | select(.rule != "plan.docx") | "\(.rule) \(.message)"' | sort >"$TMP/f1" || true
"$PLANCHECK" check --format json "$TMP/imp.md" | jq -r '.files[0].findings[] | "\(.rule) \(.message)"' | sort >"$TMP/f2" || true
cmp -s "$TMP/f1" "$TMP/f2" || { echo "import: other findings"; diff "$TMP/f1" "$TMP/f2" | head; exit 1; }
# never over the draft; the draft unchanged
cp "$FX/python-docx.docx" "$TMP/same.docx"
st=0
"$PLANCHECK" import "$TMP/same.docx" -o "$TMP/same.docx" 2>/dev/null || st=$?
[ $st = 2 ] && cmp -s "$TMP/same.docx" "$FX/python-docx.docx"
