# The feedback PDF: qpdf finds nothing wrong; every font is embedded and
# subset; pdftotext returns the draft in reading order; one highlight or
# squiggly per non-waived finding; one outline entry per section of the
# draft; no 禁則 violation in any laid-out line; the clean plan's PDF is
# under 256 KB.  A waived finding gets no highlight.
set -eu
pub="$PUB"
kinsoku() {
	# no line may start with closing brackets, 、。, ー, small kana, ！？;
	# none may end with an opening bracket
	bad=$(grep -nE '^[、。，．）」』】〕〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？・：；]|[（「『【〔〈《]$' "$1" || true)
	if [ -n "$bad" ]; then
		echo "禁則 violations in $1:"
		echo "$bad" | head
		return 1
	fi
}
annots() {
	qpdf --json "$1" 2>/dev/null | jq '[.qpdf[1][] | .value? // . | select(type == "object") | select(.["/Subtype"] == "/Highlight" or .["/Subtype"] == "/Squiggly")] | length'
}
for plan in "$pub/hakkoda-seiko.md" "$pub/defects/tsugaru-foods.md" "$pub/encodings/hakkoda-seiko-cp932-crlf.md"; do
	name=$(basename "$plan" .md)
	st=0
	"$PLANCHECK" report "$plan" -o "$TMP/$name.pdf" --dump-lines "$TMP/$name.lines" || st=$?
	[ $st -le 1 ] || { echo "report failed for $plan"; exit 1; }
	qpdf --check "$TMP/$name.pdf" | grep -q 'No syntax or stream encoding errors found'
	# every font embedded and subset
	pdffonts "$TMP/$name.pdf" 2>/dev/null | tail -n +3 >"$TMP/fonts"
	[ -s "$TMP/fonts" ]
	if awk '$(NF-4) != "yes" || $(NF-3) != "yes"' "$TMP/fonts" | grep -q .; then
		cat "$TMP/fonts"
		exit 1
	fi
	grep -q 'IPAex' "$TMP/fonts"
	kinsoku "$TMP/$name.lines"
	# highlights = findings that are not waived
	"$PLANCHECK" check --format json "$plan" >"$TMP/$name.json" || true
	want=$(jq '[.files[0].findings[] | select(.waived | not)] | length' "$TMP/$name.json")
	got=$(annots "$TMP/$name.pdf")
	[ "$got" = "$want" ] || { echo "$name: $got highlights for $want findings"; exit 1; }
	# the outline: one entry per heading of the draft, under 本文
	heads=$(grep -c '^#' "$plan" || true)
	outl=$(qpdf --json --json-key=outlines "$TMP/$name.pdf" 2>/dev/null |
		jq '[.outlines[] | select(.title == "本文") | .. | objects | select(has("title"))] | length - 1')
	[ "$outl" = "$heads" ] || { echo "$name: $outl outline entries for $heads headings"; exit 1; }
done
# reading order: headings and a sentence of each section come in file order
pdftotext "$TMP/hakkoda-seiko.pdf" "$TMP/h.txt" 2>"$TMP/pdftotext.err"
# a ToUnicode map poppler accepts (libharu's own is an encoding CMap)
if [ -s "$TMP/pdftotext.err" ]; then cat "$TMP/pdftotext.err"; exit 1; fi
tr -d ' \n' <"$TMP/h.txt" >"$TMP/h.flat"
pos=0
for phrase in 補助事業の具体的取組内容 当社は1987年に八戸市で創業した 強み・弱み・機会・脅威 \
	電動車部品は今後10年以上の需要拡大 将来の展望 民間調査機関の推計では 本事業で取得する主な資産 \
	収益計画 付加価値額は「営業利益＋人件費＋減価償却費」で算出した 指摘一覧; do
	# the first occurrence after the previous phrase (the cover and the
	# front matter repeat some words)
	at=$(grep -bo "$phrase" "$TMP/h.flat" | cut -d: -f1 | awk -v p="$pos" '$1 > p { print; exit }')
	[ -n "$at" ] || { echo "pdftotext lost, or out of order: $phrase"; exit 1; }
	pos=$at
done
# the clean plan's feedback is small: fonts are subset to what is drawn
# (two faces, Mincho for the draft and Gothic for headings: ~220 KB; one
# whole IPAex face alone would be over 4 MB)
size=$(wc -c <"$TMP/hakkoda-seiko.pdf")
[ "$size" -lt 262144 ] || { echo "clean plan PDF is $size bytes"; exit 1; }
grep -q '提出可' "$TMP/h.txt"
pdftotext "$TMP/tsugaru-foods.pdf" - 2>/dev/null | grep -q '要修正'
# a waived finding is listed but not highlighted
sed '139i <!-- plancheck-disable-next-line common.spelling reason="社内の表記" -->' \
	"$pub/defects/tsugaru-foods.md" >"$TMP/w.md"
"$PLANCHECK" report "$TMP/w.md" -o "$TMP/w.pdf" >/dev/null || true
"$PLANCHECK" check --format json "$TMP/w.md" >"$TMP/w.json" || true
jq -e '[.files[0].findings[] | select(.waived)] | length >= 1' "$TMP/w.json" >/dev/null
want=$(jq '[.files[0].findings[] | select(.waived | not)] | length' "$TMP/w.json")
[ "$(annots "$TMP/w.pdf")" = "$want" ]
# -o onto the input is refused
st=0
"$PLANCHECK" report "$TMP/w.md" -o "$TMP/w.md" 2>/dev/null || st=$?
[ $st = 2 ]
# libharu 2.3.0 failed at save (HPDF_INVALID_OBJECT) for some character
# sets when hb-subset renumbered the glyphs: this generated draft, shown
# under a header path with a 'Y', was one
"${UNIT_DIR:-build}/gen" "$PUB/hakkoda-seiko.md" "$TMP/Y" 74
st=0
(cd "$TMP" && "$PLANCHECK" report Y/draft-00074.md -o Y/d.pdf) || st=$?
[ $st -le 1 ] && qpdf --check "$TMP/Y/d.pdf" >/dev/null
