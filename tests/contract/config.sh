# .plancheck.yml, --dict, --config, --no-config and `plancheck init`:
# a configuration two folders up silences what it lists; --dict silences
# a word; a missing dictionary, a misspelt key, an unknown rule or a bad
# rule parameter is refused (exit 2) at its line; review gives each
# draft the configuration of its own folder.
set -eu
export HOME="$TMP"   # the walk up stops here, whatever /tmp holds
draft="$PUB/defects/tsugaru-foods.md"
mkdir -p "$TMP/desk/client/drafts" "$TMP/other"
cp "$draft" "$TMP/desk/client/drafts/a.md"
cp "$draft" "$TMP/other/b.md"
a="$TMP/desk/client/drafts/a.md"
st=0
"$PLANCHECK" check "$a" >"$TMP/plain" || st=$?
[ $st = 1 ]
grep -q 'マーケテイング.*common.spelling' "$TMP/plain"
grep -q 'common.comma-count' "$TMP/plain"
grep -q 'warning: .*saikouchiku.section-torikumi' "$TMP/plain"

# --dict: one word a line; repeatable; a hunspell .dic (count first, /flags)
printf 'マーケテイング\n' >"$TMP/w.txt"
printf '2\nオホーツク/X\nマーケテイング/X\n' >"$TMP/w.dic"
"$PLANCHECK" check --dict "$TMP/w.txt" "$a" >"$TMP/o" || true
! grep -q 'common.spelling' "$TMP/o"
"$PLANCHECK" check --dict "$TMP/nothing.txt" --dict "$TMP/w.dic" "$a" >"$TMP/o" 2>"$TMP/e" && exit 1 || st=$?
[ $st = 2 ] && grep -q '辞書 .*nothing.txt を開けません' "$TMP/e"
"$PLANCHECK" check --dict "$TMP/w.txt" --dict "$TMP/w.dic" "$a" >"$TMP/o" || true
! grep -q 'common.spelling' "$TMP/o"

# init writes a commented file that checks as "nothing set"
(cd "$TMP/desk" && "$PLANCHECK" init >/dev/null)
[ -f "$TMP/desk/.plancheck.yml" ]
grep -q '^# plancheck の設定ファイル' "$TMP/desk/.plancheck.yml"
st=0
(cd "$TMP/desk" && "$PLANCHECK" init) 2>"$TMP/e" || st=$?
[ $st = 2 ] && grep -q 'すでにあります' "$TMP/e"
"$PLANCHECK" check "$a" >"$TMP/o" || true
cmp -s "$TMP/plain" "$TMP/o"

# two folders up: a dictionary beside it, a rule off, a level changed
printf 'マーケテイング\n' >"$TMP/desk/用語.txt"
cat >"$TMP/desk/.plancheck.yml" <<'YML'
# the desk's settings
dict:
  - 用語.txt
rules:
  common.comma-count: off
  saikouchiku.section-torikumi: info
  common.sentence-length:
    level: error
    max: 60
YML
"$PLANCHECK" check -v "$a" >"$TMP/o" 2>"$TMP/v" || true
! grep -q 'common.spelling' "$TMP/o"
! grep -q 'common.comma-count' "$TMP/o"
grep -q 'info: .*saikouchiku.section-torikumi' "$TMP/o"
grep -q 'error: 一文が .*（60 字以内が目安） \[common.sentence-length\]' "$TMP/o"
grep -q "設定 $TMP/desk/.plancheck.yml" "$TMP/v"
# --no-config and --config override the search
"$PLANCHECK" check --no-config "$a" >"$TMP/o" || true
cmp -s "$TMP/plain" "$TMP/o"
"$PLANCHECK" check --config "$TMP/desk/.plancheck.yml" "$TMP/other/b.md" >"$TMP/o" || true
! grep -q 'common.comma-count' "$TMP/o"
st=0
"$PLANCHECK" check --config "$TMP/none.yml" "$a" 2>"$TMP/e" || st=$?
[ $st = 2 ] && grep -q '設定ファイル .*none.yml を開けません' "$TMP/e"

# review: each draft with its own folder's configuration, one JSON each
"$PLANCHECK" review "$TMP/desk" "$TMP/other" -o "$TMP/out" --no-pdf -q || true
jq -e '[.files[0].findings[].rule] | index("common.comma-count") == null' "$TMP/out/client_drafts_a.json" >/dev/null
jq -e '[.files[0].findings[].rule] | index("common.comma-count") != null' "$TMP/out/b.json" >/dev/null

# rules_dirs: a desk's own pack beside the installed ones, and format:
mkdir -p "$TMP/desk/packs/desk"
cat >"$TMP/desk/packs/desk/pack.yml" <<'YML'
pack: desk
rules:
  - id: desk.no-mochiron
    kind: pattern
    level: warning
    pattern: もちろん
    message: 「もちろん」は使わないでください
    cite: bunsho
    source: 窓口の申し合わせ
    examples:
      - fail: "---\nもちろん実行する。\n"
      - pass: "---\n実行する。\n"
YML
cat >"$TMP/desk/.plancheck.yml" <<'YML'
rules_dirs: packs
format: json
YML
printf '\nもちろん新工場を建てる。\n' >>"$a"
"$PLANCHECK" check "$a" >"$TMP/o.json" || true
jq -e '[.files[0].findings[] | select(.rule == "desk.no-mochiron")] | length == 1' "$TMP/o.json" >/dev/null
"$PLANCHECK" check --format text "$a" | grep -q 'desk.no-mochiron'

# refused at the line: a misspelt key, an unknown rule, a bad parameter
cat >"$TMP/desk/.plancheck.yml" <<'YML'
dict: 用語.txt
rulez:
  common.comma-count: off
YML
st=0
"$PLANCHECK" check "$a" >/dev/null 2>"$TMP/e" || st=$?
[ $st = 2 ]
grep -q "^$TMP/desk/.plancheck.yml:2:1: error: 設定に不明なキー「rulez」があります（「rules」の書き間違いではありませんか）" "$TMP/e"
cat >"$TMP/desk/.plancheck.yml" <<'YML'
rules:
  common.coma-count: off
YML
st=0
"$PLANCHECK" check "$a" >/dev/null 2>"$TMP/e" || st=$?
[ $st = 2 ] && grep -q ':2:3: error: 規則「common.coma-count」はありません（「common.comma-count」の書き間違いではありませんか）' "$TMP/e"
cat >"$TMP/desk/.plancheck.yml" <<'YML'
rules:
  common.sentence-length: {level: warning, maks: 40}
YML
st=0
"$PLANCHECK" check "$a" >/dev/null 2>"$TMP/e" || st=$?
[ $st = 2 ] && grep -q ':2:44: error: 規則 common.sentence-length に設定「maks」はありません（「max」の書き間違いではありませんか）' "$TMP/e"
cat >"$TMP/desk/.plancheck.yml" <<'YML'
rules:
  common.sentence-length: {level: warning, max: 四十}
YML
st=0
"$PLANCHECK" check "$a" >/dev/null 2>"$TMP/e" || st=$?
[ $st = 2 ] && grep -q ':2:49: error: 整数を書いてください' "$TMP/e"
# and review stops before writing anything
st=0
"$PLANCHECK" review "$TMP/desk" -o "$TMP/out2" --no-pdf -q 2>/dev/null || st=$?
[ $st = 2 ] && [ ! -e "$TMP/out2/summary.csv" ]
