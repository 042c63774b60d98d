# The report set as a Japanese document: the draft in Mincho with Gothic
# headings; no heading (of the draft, or of the findings list) is the
# last line of a page; justified lines reach the margin; numbers in a
# table are right-aligned; a word, an identifier or a katakana term is
# never broken inside a narrow table cell; the handbook's cover title
# stays inside the margins.
set -eu
GEN=${UNIT_DIR:-build}/gen
RIGHT=533.276   # A4 width minus the right margin
mkdir -p "$TMP/g"
"$GEN" "$PUB/hakkoda-seiko.md" "$TMP/g" 6 3 >/dev/null
# and a draft whose headings fall at every height of a page: sections of
# 1 to 9 one-line paragraphs
{
	printf -- '---\nplancheck: 1\nprogram: saikouchiku\nround: 6\n---\n'
	for i in $(seq 1 60); do
		printf '## 見出しその%d\n\n' "$i"
		for k in $(seq 0 $((i % 9))); do printf '段落%dの%d行目は短い一行の文です。\n\n' "$i" "$k"; done
	done
} >"$TMP/feet.md"
for plan in "$PUB/hakkoda-seiko.md" "$PUB/defects/tsugaru-foods.md" "$TMP"/g/draft-0000[1-6].md "$TMP/feet.md"; do
	name=$(basename "$plan" .md)
	"$PLANCHECK" report "$plan" -o "$TMP/$name.pdf" || [ $? = 1 ]
	pdffonts "$TMP/$name.pdf" | grep -q 'IPAexMincho' || { echo "$name: no Mincho"; exit 1; }
	pdffonts "$TMP/$name.pdf" | grep -q 'IPAexGothic' || { echo "$name: no Gothic"; exit 1; }
	# headings: the draft's, and the findings list's group titles
	{ sed -n 's/^#\{1,6\}[ 　]*//p' "$plan" | sed 's/ *{#[^}]*}$//'
	  printf '%s\n' 'エラー（直してから提出）' '警告（確かめて、必要なら直す）' '情報' '除外した指摘' '指摘一覧'; } |
		sed 's/[ 　]//g' | grep . >"$TMP/heads"
	pages=$(pdfinfo "$TMP/$name.pdf" | awk '/^Pages:/ { print $2 }')
	for p in $(seq 2 "$pages"); do
		last=$(pdftotext -raw -f "$p" -l "$p" "$TMP/$name.pdf" - | sed 's/[ 　\f]//g' |
			grep -av '^事業計画書点検結果\|^[0-9]*/$' | grep -a . | tail -n 1)
		while read -r h; do
			case $h in "$last"*) echo "$name: page $p ends with the heading 「$h」"; exit 1 ;; esac
		done <"$TMP/heads"
	done
done
# justified: a line of the draft's prose (Mincho 10 pt, 17 pt apart)
# followed by another of the same paragraph (at the left margin, 62)
# ends at the right margin; allow one in ten short (a number that could
# not move down and left more than the spacing may take)
pdftotext -bbox-layout "$TMP/tsugaru-foods.pdf" - | awk -v R="$RIGHT" '
	/<page / { n = 0 }
	/<line / {
		match($0, /xMin="[0-9.]*"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
		match($0, /yMin="[0-9.]*"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
		match($0, /xMax="[0-9.]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
		if (n && x0 > 61.5 && x0 < 62.5 && y0 - py > 16.9 && y0 - py < 17.1 && (px0 > 61.5 && px0 < 72.5)) {
			lines++
			if (px1 < R - 1) short++
		}
		n++; px0 = x0; py = y0; px1 = x1
	}
	END { if (lines < 40 || short * 10 > lines) { print "justified lines: " short " of " lines " short"; exit 1 } }'
# numbers right-aligned: the amounts of the draft's asset table end at one x
pdftotext -bbox "$TMP/tsugaru-foods.pdf" - | grep -aE '>(14,800,000円|15,400,000円|6,300,000円)<' |
	sed 's/.*xMax="\([0-9.]*\)".*/\1/' | sort | awk 'NR == 1 { a = $1 } { if ($1 - a > 0.5 || a - $1 > 0.5) bad = 1 } END { if (NR != 3 || bad) { print "amounts not right-aligned"; exit 1 } }'
# narrow cells: words stay whole
cat >"$TMP/narrow.md" <<'MD'
---
plancheck: 1
program: saikouchiku
round: 6
---
# 表

| 項目 | 内容 | 名 | 値 | 値 | 値 | 値 | 値 |
|---|---|---|---|---|---|---|---|
| national_grant_application | マシニングセンタ | 5軸マシニングセンタ導入費用 | 12,400 | 9,800 | 10,200 | 122,500 | 24,700 |
MD
"$PLANCHECK" report "$TMP/narrow.md" -o "$TMP/narrow.pdf" --dump-lines "$TMP/narrow.lines" || [ $? = 1 ]
for w in national_grant_application マシニングセンタ 122,500; do
	grep -q "$w" "$TMP/narrow.lines" || { echo "「$w」 broken in a cell:"; grep -n 'national\|マシニング\|122' "$TMP/narrow.lines"; exit 1; }
done
# a header with a short bracketed note wraps before the bracket, the note
# whole (「2023年度（基準年 / 度）」 was printed), and a longer header takes
# at most two lines (summary.pdf's 「該当する計画書」 went one character a line)
"$PLANCHECK" report examples/tsugaru-foods.md -o "$TMP/tf.pdf" --dump-lines "$TMP/tf.lines" || [ $? = 1 ]
grep -q '（基準年度）' "$TMP/tf.lines" || { echo "（基準年度） broken in its header:"; grep -n '基準' "$TMP/tf.lines"; exit 1; }
grep -q '（実績）' "$TMP/tf.lines" || { echo "（実績） broken in its header:"; grep -n '実' "$TMP/tf.lines"; exit 1; }
mkdir -p "$TMP/rv"
cp examples/tsugaru-foods.md examples/hakkoda-seiko.md "$TMP/rv/"
"$PLANCHECK" review "$TMP/rv" -o "$TMP/rvout" -q 2>/dev/null || true
pdftotext -layout "$TMP/rvout/summary.pdf" - | grep -q '該当する' ||
	{ echo "「該当する計画書」 broken into single characters:"; pdftotext -layout "$TMP/rvout/summary.pdf" - | grep -n '該当'; exit 1; }
# the handbook cover: its title (the text over 20 points) ends inside the
# margin
"$PLANCHECK" handbook -o "$TMP/hb.pdf"
pdftotext -bbox -f 1 -l 1 "$TMP/hb.pdf" - | grep -a '<word ' | awk -v R="$RIGHT" '
	{ match($0, /yMin="[0-9.]*"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	  match($0, /yMax="[0-9.]*"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	  match($0, /xMax="[0-9.]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	  if (y1 - y0 > 20) { title = 1; if (x1 > R + 0.5) { print "cover title past the margin: " x1; bad = 1 } } }
	END { if (!title) print "no cover title"; exit bad || !title }'
