# A waiver silences a rule for a stretch of the body: the finding is still
# listed, marked waived with its reason, and does not count for the exit
# status.  A waiver without a reason is itself a warning.
set -eu
cat >"$TMP/w.md" <<'MD'
---
program: minimal
---
# 見出し
<!-- plancheck-disable minimal.name reason="個人事業主のため屋号なし" -->
本文。
<!-- plancheck-enable -->
MD
# the front matter is outside the stretch: not waived
st=0
"$PLANCHECK" check --rules tests/rules-min "$TMP/w.md" >"$TMP/out" || st=$?
[ $st = 1 ]
# a stretch covering the finding's line
cat >"$TMP/w2.md" <<'MD'
---
program: minimal
---
<!-- plancheck-disable-next-line minimal.name reason="屋号なし" -->
# 見出し
MD
# a body waiver does not reach the front matter ...
printf -- '---\nprogram: minimal\n---\n<!-- plancheck-disable * reason="検証用" -->\n# 見出し\n' >"$TMP/w3.md"
st=0
"$PLANCHECK" check --rules tests/rules-min --format json "$TMP/w3.md" >"$TMP/j" || st=$?
[ $st = 1 ]
# ... a YAML comment in the front matter does
printf -- '---\n# plancheck-disable-next-line minimal.name reason="屋号なし"\nprogram: minimal\n---\n# 見出し\n' >"$TMP/w5.md"
"$PLANCHECK" check --rules tests/rules-min --format json "$TMP/w5.md" >"$TMP/j5" || { cat "$TMP/j5"; exit 1; }
jq -e '.files[0].findings | length == 1 and .[0].waived and .[0].waiver_reason == "屋号なし"' "$TMP/j5" >/dev/null
# findings in the body are waivable: a missing heading (at the body start)
printf -- '---\nprogram: saikouchiku\nround: 6\n---\n<!-- plancheck-disable saikouchiku.section-shisan reason="資産の取得なし" -->\n# 1. 補助事業の具体的取組内容\n' >"$TMP/w4.md"
"$PLANCHECK" check --format json "$TMP/w4.md" >"$TMP/j4" || true
jq -e '[.files[0].findings[] | select(.rule == "saikouchiku.section-shisan")] | length == 1 and .[0].waived == true and .[0].waiver_reason == "資産の取得なし"' "$TMP/j4" >/dev/null || { cat "$TMP/j4"; exit 1; }
