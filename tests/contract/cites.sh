# 根拠 a reader can follow: every finding's cite comes with the manual
# section's number and title exactly as the printed manual heads it
# (JSON cite_title; the text, explain and the PDF print it with its page);
# manual/index.tsv is what `plancheck manual` lays out now (else: make
# manual-index); and a cite whose heading is not the manual's fails.
set -eu
# the index is current
"$PLANCHECK" manual -o "$TMP/m.pdf" --dump-index "$TMP/index.tsv"
cmp -s "$TMP/index.tsv" manual/index.tsv || {
	echo "manual/index.tsv is stale: run make manual-index"
	diff manual/index.tsv "$TMP/index.tsv" | head
	exit 1
}
# every cite of every finding has its heading, the one in the manual's source
for plan in "$PUB/defects/tsugaru-foods.md" "$PUB/hakkoda-seiko.md"; do
	"$PLANCHECK" check --format json "$plan" >"$TMP/f.json" || true
	jq -r '.files[].findings[] | select(.cite != null) | [.cite, (.cite_title // "")] | @tsv' "$TMP/f.json" | sort -u >"$TMP/pairs"
	[ -s "$TMP/pairs" ]
	while IFS='	' read -r id title; do
		[ -n "$title" ] || { echo "$id: no cite_title"; exit 1; }
		src=$(grep -h "{#$id[ }]" manual/*.md | head -n 1 | sed 's/^#* *//; s/ *{#.*//')
		[ "$src" = "$title" ] || { echo "$id: cite_title 「$title」, the manual heads it 「$src」"; exit 1; }
		# and the text prints it with its page
		"$PLANCHECK" check "$plan" | grep -q "= 根拠: マニュアル $title（[0-9]*ページ）" ||
			{ echo "$id: the text output does not print 「$title」"; exit 1; }
	done <"$TMP/pairs"
done
"$PLANCHECK" explain saikouchiku.national-rate | grep -q '^マニュアル: 1\.3 補助率（[0-9]*ページ、hojo-ritsu）$'
"$PLANCHECK" report "$PUB/defects/tsugaru-foods.md" -o "$TMP/r.pdf" || [ $? = 1 ]
pdftotext "$TMP/r.pdf" - | grep -q '根拠: マニュアル 1\.3 補助率（[0-9]*ページ）'
# a heading changed in the manual without the index: check-cites fails
mkdir -p "$TMP/data"
cp -R rules dicts templates manual "$TMP/data/"
sed -i 's/^## 1\.3 補助率 {#hojo-ritsu/## 1.3 補助の率 {#hojo-ritsu/' "$TMP/data/manual/01-gaiyo.md"
st=0
PLANCHECK_DATA=$TMP/data "$PLANCHECK" manual --check-cites --rules "$TMP/data/rules" >"$TMP/cites" || st=$?
[ $st = 1 ] || { echo "check-cites exit $st"; cat "$TMP/cites"; exit 1; }
grep -q 'cite「hojo-ritsu」の見出し「1.3 補助の率」が manual/index.tsv に「1.3 補助率」とあります' "$TMP/cites"
