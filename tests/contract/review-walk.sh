# The review walker: .md, .txt and .docx in any letter case are drafts,
# recursively; every other entry is listed as skipped with its reason (a
# hidden name, another extension, a FIFO, a dangling link, a link out of
# the folder, a folder or file reached twice), or - named like a draft -
# is a 読めない row with its reason; a symlink loop ends at once (it gave
# 329 rows for 11 drafts and "File name too long"); a FIFO never blocks;
# --follow-links reads a link out of the folder.
set -eu
plan="$PUB/hakkoda-seiko.md"
in=$TMP/in
mkdir -p "$in/sub/deeper" "$TMP/outside"
cp "$plan" "$in/a.md"
cp "$plan" "$in/B.MD"
cp "$plan" "$in/sub/c.TXT"
cp "$plan" "$in/sub/deeper/e.Md"
cp "$plan" "$TMP/outside/o.md"
printf 'PK\003\004\024\000' >"$in/d.DOCX"
echo x >"$in/img.png"
touch "$in/.hidden"
mkfifo "$in/pipe" "$in/pipe.md"
ln -s nowhere.md "$in/dangling.md"
ln -s nowhere "$in/dangling"
ln -s .. "$in/sub/up"
ln -s ../../sub "$in/sub/deeper/loop"
ln -s ../outside "$in/out"
ln -s a.md "$in/a-again.md"
st=0
timeout 60 "$PLANCHECK" review "$in" -o "$TMP/o1" --no-pdf 2>"$TMP/log" || st=$?
[ $st = 1 ] || { cat "$TMP/log"; echo "exit $st"; exit 1; }
# the rows: drafts in any case, the draft-named FIFO and dangling link as 読めない
got=$(sed 1d "$TMP/o1/summary.csv" | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')
want="\"$in/B.MD\" \"$in/a.md\" \"$in/d.DOCX\" \"$in/dangling.md\" \"$in/pipe.md\" \"$in/sub/c.TXT\" \"$in/sub/deeper/e.Md\" "
[ "$got" = "$want" ] || { echo "rows: $got"; echo "want: $want"; exit 1; }
jq -e '[.drafts[] | select(.verdict == "読めない")] | length == 3' "$TMP/o1/summary.json" >/dev/null
jq -e '.drafts[] | select(.path | endswith("/pipe.md")) | .reason | contains("FIFO")' "$TMP/o1/summary.json" >/dev/null
jq -e '.drafts[] | select(.path | endswith("/dangling.md")) | .reason | contains("リンク切れ")' "$TMP/o1/summary.json" >/dev/null
# every other entry, said with its reason, and counted
for want in "in/.hidden（隠しファイル" "in/a-again.md（既に読んだファイル" "in/dangling（リンク先がありません" \
	"in/img.png（計画書の種類ではありません（.png）" "in/out（フォルダーの外を指すリンク" "in/pipe（名前付きパイプ" \
	"in/sub/up（既に読んだフォルダー" "in/sub/deeper/loop（既に読んだフォルダー"; do
	grep -q "対象外: $TMP/$want" "$TMP/log" || { echo "not said: $want"; cat "$TMP/log"; exit 1; }
done
grep -q '^7 件: 提出可 4、要修正 0、読めない 3、対象外 8' "$TMP/log" || { cat "$TMP/log"; exit 1; }
# --follow-links: the folder outside is read too
st=0
timeout 60 "$PLANCHECK" review "$in" -o "$TMP/o2" --no-pdf --follow-links 2>"$TMP/log2" || st=$?
[ $st = 1 ]
jq -e '[.drafts[] | select(.path | endswith("/out/o.md"))] | length == 1' "$TMP/o2/summary.json" >/dev/null
grep -q '^8 件: ' "$TMP/log2" || { cat "$TMP/log2"; exit 1; }
# a draft deep in long folder names: its outputs get a short name (a file
# name holds 255 bytes; writing the long one failed)
p=$TMP/deep
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do p=$p/フォルダー名がとても長い場合$i; done
mkdir -p "$p"
cp "$plan" "$p/計画.md"
timeout 60 "$PLANCHECK" review "$TMP/deep" -o "$TMP/o3" --no-pdf 2>"$TMP/log3" || { cat "$TMP/log3"; exit 1; }
[ "$(find "$TMP/o3" -maxdepth 1 -name '*.json' ! -name 'summary.json' | wc -l)" = 1 ]
# a draft named and also inside a folder named (or named twice) is read
# once, under the name given, whatever the order (it gave two rows)
k=0
for args in "$in/sub/deeper/e.Md $in/sub" "$in/sub/c.TXT $in/sub" "$in/sub $in/sub/c.TXT" "$in/a.md $in/a.md"; do
	k=$((k + 1))
	# shellcheck disable=SC2086
	timeout 60 "$PLANCHECK" review $args -o "$TMP/o4-$k" --no-pdf 2>"$TMP/log4" || true
	rows=$(sed 1d "$TMP/o4-$k/summary.csv" | cut -d, -f1 | tr -d '\r' | sort | uniq -d)
	[ -z "$rows" ] || { echo "twice ($args): $rows"; exit 1; }
	grep -q '対象外: .*（既に.*ファイル' "$TMP/log4" || { echo "not said ($args)"; cat "$TMP/log4"; exit 1; }
done
grep -c '^' "$TMP/o4-3/summary.csv" | grep -qx 3 || { cat "$TMP/o4-3/summary.csv"; exit 1; }
# output names that are one file on a Windows share or a Mac (x.md and
# X.MD wrote x.json and X.json), or the summaries' own (summary.md's
# JSON and PDF were overwritten by summary.json and summary.pdf): each
# draft keeps an output of its own
mkdir -p "$TMP/names"
for f in x.md X.MD summary.md Summary.txt; do cp "$plan" "$TMP/names/$f"; done
timeout 120 "$PLANCHECK" review "$TMP/names" -o "$TMP/o5" 2>"$TMP/log5" || true
n=$(find "$TMP/o5" -maxdepth 1 -name '*.json' ! -name 'summary.json' | wc -l)
[ "$n" = 4 ] || { echo "$n per-draft JSON for 4 drafts:"; ls "$TMP/o5"; exit 1; }
[ "$(find "$TMP/o5" -maxdepth 1 -iname 'x*.json' | tr 'A-Z' 'a-z' | sort | uniq -d)" = "" ]
[ "$(find "$TMP/o5" -maxdepth 1 -name '*.pdf' ! -name 'summary.pdf' | wc -l)" = 4 ]
jq -e '.drafts | length == 4' "$TMP/o5/summary.json" >/dev/null
# a draft replaced after the walk by a link out of the folder (or by any
# other file) is not read: the batch reads the file the walker saw or
# none (the link's target, outside the folder, was read and reported)
mkdir -p "$TMP/swap/in"
for i in $(seq 100 499); do cp "$plan" "$TMP/swap/in/a$i.md"; done
cp "$plan" "$TMP/swap/in/z-last.md"
sed 's/^  name: .*/  name: 外の秘密株式会社/' "$plan" >"$TMP/swap/outside.md"
"$PLANCHECK" review "$TMP/swap/in" -o "$TMP/o6" --no-pdf -j1 >/dev/null 2>&1 &
rpid=$!
n=0
while [ "$(find "$TMP/o6" -maxdepth 1 -name 'a*.json' 2>/dev/null | wc -l)" = 0 ] && [ $n -lt 3000 ]; do sleep 0.01; n=$((n + 1)); done
ln -sf "$TMP/swap/outside.md" "$TMP/swap/in/z-last.md"
wait $rpid || true
! grep -q '外の秘密株式会社' "$TMP/o6/summary.csv" || { echo "a link swapped in mid-run was read"; exit 1; }
grep 'z-last.md' "$TMP/o6/summary.csv" | grep -q '置き換えられた' || { grep 'z-last' "$TMP/o6/summary.csv"; exit 1; }
