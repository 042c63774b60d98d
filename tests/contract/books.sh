# The printed books: qpdf clean; fonts embedded and subset; no 禁則
# violation in any laid-out line; the manual has 40 pages of content after
# its cover and contents; every contents entry's title is on the page the
# contents give; the handbook's appendix lists exactly the rules in rules/;
# every rule's cite names a section of the manual.
set -eu
kinsoku() {
	bad=$(grep -nE '^[、。，．）」』】〕〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？：；]|[（「『【〔〈《]$' "$1" || true)
	[ -z "$bad" ] || { echo "禁則 violations in $1:"; echo "$bad" | head; return 1; }
}
check_pdf() {
	qpdf --check "$1" | grep -q 'No syntax or stream encoding errors found'
	pdffonts "$1" 2>/dev/null | tail -n +3 >"$TMP/fonts"
	[ "$(wc -l <"$TMP/fonts")" = 2 ]   # Gothic and Mincho
	if awk '$(NF-4) != "yes" || $(NF-3) != "yes"' "$TMP/fonts" | grep -q .; then cat "$TMP/fonts"; return 1; fi
}
# the page label of PDF page $2 (1-based), from the catalog's /PageLabels
label() {
	qpdf --json "$1" | jq -r --argjson i $(($2 - 1)) '
		[.pagelabels[] | select(.index <= $i)] | last | .label as $l
		| (($l["/P"] // "u:") | ltrimstr("u:")) + (if $l["/S"] then (($l["/St"] // 1) + $i - .index | tostring) else "" end)'
}
check_toc() {
	pdf=$1
	toc=$2
	n=0
	while IFS='	' read -r level title page pdfpage; do
		want=$(printf '%s' "$title" | tr -d ' 　')
		pdftotext -f "$pdfpage" -l "$pdfpage" "$pdf" - 2>/dev/null | tr -d ' 　\n' >"$TMP/page"
		grep -qF "$want" "$TMP/page" || { echo "contents: 「$title」 is not on page $page"; return 1; }
		# the number the contents print is the page's label (表紙 and 目次
		# apart, the chapters from 1)
		[ "$(label "$pdf" "$pdfpage")" = "$page" ] || { echo "contents: page $page has label $(label "$pdf" "$pdfpage")"; return 1; }
		n=$((n + 1))
	done <"$toc"
	[ $n -gt 10 ]
	[ "$(label "$pdf" 1)" = 表紙 ] && label "$pdf" 2 | grep -q '^目次'
}
"$PLANCHECK" manual -o "$TMP/manual.pdf" --dump-toc "$TMP/mtoc" --dump-lines "$TMP/mlines"
check_pdf "$TMP/manual.pdf"
kinsoku "$TMP/mlines"
check_toc "$TMP/manual.pdf" "$TMP/mtoc"
pages=$(pdfinfo "$TMP/manual.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
first=$(awk -F'\t' 'NR == 1 { print $4 }' "$TMP/mtoc")   # the first chapter's PDF page
[ $((pages - first + 1)) -ge 40 ] || { echo "manual: $((pages - first + 1)) pages of content"; exit 1; }
"$PLANCHECK" handbook -o "$TMP/hb.pdf" --dump-toc "$TMP/htoc" --dump-lines "$TMP/hlines"
check_pdf "$TMP/hb.pdf"
kinsoku "$TMP/hlines"
check_toc "$TMP/hb.pdf" "$TMP/htoc"
# the appendix: exactly the rules of rules/ (ids joined across wrapped lines)
"$PLANCHECK" rules --format json | jq -r '.[].id' | sort >"$TMP/want"
packs=$(cut -d. -f1 "$TMP/want" | sort -u | tr '\n' '|' | sed 's/|$//')
tr -d '\n' <"$TMP/hlines" | grep -oE "($packs)\.[a-z0-9-]+" | sort -u >"$TMP/got"
diff "$TMP/want" "$TMP/got"
# one source: every cite resolves (exit 1 otherwise)
"$PLANCHECK" manual --check-cites >"$TMP/cites"
! grep -q 'error:' "$TMP/cites"
# a cite that names no section fails the check, at the rule's line
cp -R rules "$TMP/r"
sed -i 's/^    cite: hojo-ritsu$/    cite: hojo-ritu/' "$TMP/r/saikouchiku/numbers.yml"
st=0
"$PLANCHECK" manual --check-cites --rules "$TMP/r" >"$TMP/cites2" || st=$?
[ $st = 1 ]
grep -q "numbers.yml:[0-9]*:[0-9]*: error: 規則 saikouchiku.national-rate の cite「hojo-ritu」はマニュアルのどの節にもありません" "$TMP/cites2"

# the covers' words are data (each book's book.yml), not code; without it
# the book is refused with the file named, and nothing is written
mkdir -p "$TMP/data"
cp -R manual rules dicts templates web "$TMP/data/"
sed 's/^title: .*/title: 試しの題/' manual/book.yml >"$TMP/data/manual/book.yml"
PLANCHECK_DATA=$TMP/data "$PLANCHECK" manual -o "$TMP/m2.pdf"
pdftotext -l 1 "$TMP/m2.pdf" - | grep -qx '試しの題'
rm "$TMP/data/manual/handbook/book.yml"
st=0
PLANCHECK_DATA=$TMP/data "$PLANCHECK" handbook -o "$TMP/h3.pdf" 2>"$TMP/h3.err" || st=$?
[ $st = 2 ] || { echo "handbook without book.yml: exit $st"; exit 1; }
grep -q 'handbook/book.yml' "$TMP/h3.err"
[ ! -e "$TMP/h3.pdf" ]
