# --help and --version answer and exit 0; several files give one JSON
# document with an entry each; PLANCHECK_DATA points at the data.
set -eu
"$PLANCHECK" --version | grep -q '^plancheck [0-9]'
"$PLANCHECK" --help | grep -q 'plancheck <コマンド>'
"$PLANCHECK" check --help | grep -q 'plancheck check'
pub="$PUB"
st=0
"$PLANCHECK" check --format json "$pub/hakkoda-seiko.md" "$pub/defects/tsugaru-foods.md" >"$TMP/j" || st=$?
[ $st = 1 ]
jq -e '.files | length == 2' "$TMP/j" >/dev/null
sh tests/json-shape.sh "$TMP/j"
# -q shows errors only
"$PLANCHECK" check -q "$pub/defects/tsugaru-foods.md" >"$TMP/q" || true
! grep -q ': warning:' "$TMP/q"
grep -q ': error:' "$TMP/q"
# the data directory can be moved
mkdir -p "$TMP/data"
cp -R rules dicts "$TMP/data/"
PLANCHECK_DATA="$TMP/data" "$PLANCHECK" rules | grep -q saikouchiku.expense-sum
# and an empty one is refused with a clear message
mkdir -p "$TMP/nodata"
st=0
PLANCHECK_DATA="$TMP/nodata" "$PLANCHECK" rules 2>"$TMP/err" || st=$?
[ $st = 2 ] && grep -q '規則のディレクトリ .*/nodata/rules を開けません' "$TMP/err"
