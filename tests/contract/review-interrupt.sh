# review interrupted with SIGINT leaves only complete files, writes no
# summary and says how far it got; --resume then redoes only what is
# missing or stale, and a draft changed since is checked again.
set -eu
GEN=${UNIT_DIR:-build}/gen
"$GEN" "$PUB/hakkoda-seiko.md" "$TMP/in" 80 11
"$PLANCHECK" review "$TMP/in" -o "$TMP/out" -j 1 2>"$TMP/log1" &
pid=$!
i=0
while [ "$(find "$TMP/out" -name '*.pdf' 2>/dev/null | wc -l)" -lt 5 ] && [ $i -lt 300 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT $pid
st=0
wait $pid || st=$?
[ $st = 130 ] || { cat "$TMP/log1"; echo "exit $st"; exit 1; }
grep -q '中断しました。[0-9]*/80 件を点検済みです' "$TMP/log1"
done1=$(sed -n 's/.*中断しました。\([0-9]*\)\/80.*/\1/p' "$TMP/log1")
[ "$done1" -ge 5 ] && [ "$done1" -lt 80 ]
test ! -e "$TMP/out/summary.csv"
! find "$TMP/out" -name '*.tmp.*' | grep -q .
for p in "$TMP"/out/*.pdf; do qpdf --check "$p" >/dev/null; done
for jf in "$TMP"/out/*.json; do jq -e '.files | length == 1' "$jf" >/dev/null; done
# resume: the rest, and the first ones reused
st=0
"$PLANCHECK" review "$TMP/in" -o "$TMP/out" -j 2 --resume 2>"$TMP/log2" || st=$?
[ $st -le 1 ] || { cat "$TMP/log2"; exit 1; }
reused=$(sed -n 's/.*前回の結果を \([0-9]*\) 件再利用.*/\1/p' "$TMP/log2")
[ "$reused" -ge "$done1" ] || { cat "$TMP/log2"; exit 1; }
[ "$(tail -n +2 "$TMP/out/summary.csv" | wc -l)" = 80 ]
cp "$TMP/out/summary.csv" "$TMP/sum1"
# a fresh full run gives the same summary as the interrupted-and-resumed one
"$PLANCHECK" review "$TMP/in" -o "$TMP/full" -j 2 --no-pdf 2>/dev/null || true
cmp "$TMP/sum1" "$TMP/full/summary.csv"
# a draft edited after its check is checked again
sleep 1
sed -i 's/^round: [0-9]*$/round: 3/' "$TMP/in/draft-00001.md"
"$PLANCHECK" review "$TMP/in" -o "$TMP/out" --resume 2>"$TMP/log3" || true
grep -q '前回の結果を 79 件再利用' "$TMP/log3"
grep -q '"in/draft-00001.md".*,3,' "$TMP/out/summary.csv" || grep -q 'draft-00001.md",.*,3,"通常枠"' "$TMP/out/summary.csv"
