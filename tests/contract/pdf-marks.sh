# Marks that print: every highlight, squiggly, note and margin marker of
# the feedback PDF has the print flag (/F 4) and an appearance of its own;
# pop-ups and links do not print.  poppler's print path (pdftocairo -pdf)
# draws them into the printed copy, pdf.js's print intent draws every one.
# The catalog has page labels (表紙 apart, the body from 1), /Lang ja-JP
# and the title shown in the window; the author is the applicant.
set -eu
plan="$PUB/defects/tsugaru-foods.md"
st=0
"$PLANCHECK" report "$plan" -o "$TMP/r.pdf" || st=$?
[ $st -le 1 ] || { echo "report failed"; exit 1; }
"$PLANCHECK" check --format json "$plan" >"$TMP/r.json" || true
n=$(jq '[.files[0].findings[] | select(.waived | not)] | length' "$TMP/r.json")
[ "$n" -gt 0 ]
qpdf --json "$TMP/r.pdf" >"$TMP/r.qpdf.json"
objs() { jq "[.qpdf[1][] | .value? // . | select(type == \"object\") | $1]" "$TMP/r.qpdf.json"; }
marks='select(.["/Subtype"] == "/Highlight" or .["/Subtype"] == "/Squiggly" or .["/Subtype"] == "/Text" or .["/Subtype"] == "/FreeText")'
# one highlight (or squiggly), one note and one marker per finding
total=$(objs "$marks" | jq length)
[ "$total" = $((3 * n)) ] || { echo "$total marks for $n findings"; exit 1; }
bad=$(objs "$marks | select(((.[\"/F\"] // 0) / 4 | floor) % 2 != 1 or (.[\"/AP\"][\"/N\"] | not))" | jq length)
[ "$bad" = 0 ] || { echo "$bad marks without the print flag or an appearance:"; objs "$marks | select(((.[\"/F\"] // 0) / 4 | floor) % 2 != 1 or (.[\"/AP\"][\"/N\"] | not))" | head -20; exit 1; }
pops=$(objs 'select(.["/Subtype"] == "/Popup")' | jq length)
[ "$pops" = "$n" ] || { echo "$pops pop-ups for $n notes"; exit 1; }
printing=$(objs 'select(.["/Subtype"] == "/Popup" or .["/Subtype"] == "/Link") | select(((.["/F"] // 0) / 4 | floor) % 2 == 1)' | jq length)
[ "$printing" = 0 ] || { echo "$printing pop-ups or links print"; exit 1; }
# the catalog and the document information
cat=$(jq '[.qpdf[1][] | .value? // . | select(type == "object") | select(.["/Type"] == "/Catalog")][0]' "$TMP/r.qpdf.json")
[ "$(printf '%s' "$cat" | jq -r '.["/Lang"]')" = "u:ja-JP" ] || { echo "no /Lang ja-JP: $cat"; exit 1; }
[ "$(printf '%s' "$cat" | jq -r '.["/ViewerPreferences"]["/DisplayDocTitle"]')" = "true" ] || { echo "no DisplayDocTitle"; exit 1; }
[ "$(printf '%s' "$cat" | jq -c '.["/PageLabels"]["/Nums"]')" = '[0,{"/P":"u:表紙"},1,{"/S":"/D"}]' ] ||
	{ echo "page labels: $(printf '%s' "$cat" | jq -c '.["/PageLabels"]')"; exit 1; }
pdfinfo "$TMP/r.pdf" | grep -q '^Author: *株式会社津軽フーズ$' || { pdfinfo "$TMP/r.pdf"; exit 1; }
# poppler's print path: the printed copy carries the marks in its pages
# (the page with the first highlight differs from the page drawn without
# its annotations)
pdftocairo -pdf "$TMP/r.pdf" "$TMP/printed.pdf"
pg=$(objs 'select(.["/Subtype"] == "/Highlight")' | jq -r '.[0]["/P"]')
idx=$(jq -r --arg p "$pg" '[.pages[] | .object] | index($p) + 1' "$TMP/r.qpdf.json")
pdftoppm -r 40 -gray -f "$idx" -l "$idx" "$TMP/printed.pdf" "$TMP/printed"
pdftoppm -r 40 -gray -f "$idx" -l "$idx" -hide-annotations "$TMP/r.pdf" "$TMP/bare"
if cmp -s "$TMP"/printed-*.pgm "$TMP"/bare-*.pgm; then
	echo "the printed copy of page $idx has no marks"
	exit 1
fi
# pdf.js, printing: every mark is drawn
if ! tools=$(sh scripts/npm-tools.sh 2>"$TMP/npm.err"); then
	echo "pdf.js print intent: $(cat "$TMP/npm.err" | head -n 1)" >>"$SKIPS"
	exit 0
fi
got=$(cd "$tools" && node pdf-print.mjs "$TMP/r.pdf")
[ "$(printf '%s' "$got" | jq .printed)" = "$total" ] || { echo "pdf.js prints $got, want $total marks"; exit 1; }
