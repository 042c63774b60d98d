# Errors lead: the PDF's findings list gives the errors first, then the
# warnings, then information, each group in page order; the cover lists
# the errors (up to ten) with a link each to where it is marked; the
# timeline draws a step a rule needs but the plan lacks as missing; on a
# terminal with fewer rows than the findings take, check starts with the
# same summary (and not otherwise).
set -eu
plan="$PUB/defects/tsugaru-foods.md"
"$PLANCHECK" report "$plan" -o "$TMP/r.pdf" || [ $? = 1 ]
"$PLANCHECK" check --format json "$plan" >"$TMP/r.json" || true
ne=$(jq '[.files[0].findings[] | select(.severity == "error" and (.waived | not))] | length' "$TMP/r.json")
nw=$(jq '[.files[0].findings[] | select(.severity == "warning" and (.waived | not))] | length' "$TMP/r.json")
ni=$(jq '[.files[0].findings[] | select(.severity == "info" and (.waived | not))] | length' "$TMP/r.json")
[ "$ne" -gt 0 ] && [ "$nw" -gt 0 ]
# the list: entry headers "N.　エラー　Mページ　…" in order
pages=$(pdfinfo "$TMP/r.pdf" | awk '/^Pages:/ { print $2 }')
start=$(for p in $(seq 1 "$pages"); do pdftotext -raw -f "$p" -l "$p" "$TMP/r.pdf" - | grep -q '^指摘一覧' && echo "$p"; done | head -n 1)
pdftotext -raw -f "$start" -l "$pages" "$TMP/r.pdf" - | grep -E '^[0-9]+\. (エラー|警告|情報) ' >"$TMP/entries"
[ "$(wc -l <"$TMP/entries")" = $((ne + nw + ni)) ] || { cat "$TMP/entries"; exit 1; }
awk -F' ' '
	{ n = $1 + 0; if (n != NR) { print "entry " NR " is numbered " n; bad = 1 }
	  g = ($2 == "エラー") ? 0 : ($2 == "警告") ? 1 : 2
	  if (g < last) { print "a " $2 " after a later group: " $0; bad = 1 }
	  pg = $3; sub(/ページ/, "", pg); pg += 0
	  if (g == last && pg < lastpg) { print "not in page order: " $0; bad = 1 }
	  last = g; lastpg = pg }
	END { exit bad }' "$TMP/entries"
# the cover: one link per listed error, to a page of the body
links=$(qpdf --json "$TMP/r.pdf" | jq '[.pages[0].object as $p | .qpdf[1]["obj:" + $p].value["/Annots"][]? ] | length')
want=$((ne < 10 ? ne : 10))
[ "$links" = "$want" ] || { echo "cover: $links links for $want errors"; exit 1; }
pdftotext -f 1 -l 1 "$TMP/r.pdf" - | grep -q "まず直すエラー（$ne 件）"
# a step the order rule needs, removed: drawn as missing
grep -v '^  national_application:' "$plan" >"$TMP/m.md"
"$PLANCHECK" report "$TMP/m.md" -o "$TMP/m.pdf" || [ $? = 1 ]
pdftotext -f 1 -l 1 "$TMP/m.pdf" - | tr -d ' \n' | grep -q '国への申請.*日付の記入がありません' ||
	{ echo "the missing step is not drawn"; pdftotext -f 1 -l 1 "$TMP/m.pdf" - | head -60; exit 1; }
# the terminal: a summary first when the findings take more rows than it has
LINES=20 "$PLANCHECK" check "$plan" >"$TMP/t20" || true
head -n 1 "$TMP/t20" | grep -q "エラー $ne 件、警告 $nw 件、情報 $ni 件。まず直すエラー:"
[ "$(sed -n 2p "$TMP/t20" | grep -c '^   1\. ')" = 1 ]
LINES=1000 "$PLANCHECK" check "$plan" >"$TMP/t1000" || true
env -u LINES "$PLANCHECK" check "$plan" >"$TMP/tpipe" || true
cmp -s "$TMP/t1000" "$TMP/tpipe"
head -n 1 "$TMP/tpipe" | grep -q ':[0-9]*:[0-9]*: error: '
