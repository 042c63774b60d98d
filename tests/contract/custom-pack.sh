# A made-up program pack in a temp dir works through --rules without
# rebuilding: its table, let, assert and field rules all run.
set -eu
mkdir -p "$TMP/rules/shinjigyo"
# the program's own plan fields: without them its paths would be unknown
cat >"$TMP/rules/shinjigyo/schema.yml" <<'YML'
schema: shinjigyo
fields:
  subsidy:
    label: 補助金
    fields:
      eligible_total: {label: 補助対象経費, type: amount}
      national: {label: 補助金申請額, type: amount}
YML
cat >"$TMP/rules/shinjigyo/pack.yml" <<'YML'
pack: shinjigyo
applies:
  program: shinjigyo
tables:
  cap:
    keys: [round]
    rows:
      - {round: any, value: 300万円}
let:
  cap_amount:
    expr: min(floor(subsidy.eligible_total / 2), lookup(cap, round))
    computed: shinjigyo_max
    label: 上限
rules:
  - id: shinjigyo.rate
    kind: assert
    level: error
    expr: subsidy.national <= cap_amount
    at: subsidy.national
    message: 補助金 {subsidy.national} が上限 {cap_amount} を超えています
    cite: x
    source: 新事業展開等促進事業（例）
    examples:
      - fail: "subsidy: {eligible_total: 1000万円, national: 400万円}\n"
      - pass: "subsidy: {eligible_total: 1000万円, national: 300万円}\n"
YML
printf -- '---\nprogram: shinjigyo\nround: 1\nsubsidy:\n  eligible_total: 1000万円\n  national: 350万円\n---\n# 本文\n' >"$TMP/p.md"
st=0
"$PLANCHECK" check --rules "$TMP/rules" "$TMP/p.md" >"$TMP/out" || st=$?
[ $st = 1 ] || { cat "$TMP/out"; echo "exit $st"; exit 1; }
grep -q 'p.md:6:13: error: 補助金 350万円 が上限 300万円 を超えています \[shinjigyo.rate\]' "$TMP/out"
grep -q '上限: 300万円' "$TMP/out"
"$PLANCHECK" rules --test --rules "$TMP/rules" | grep -q 'rules: 2 passed, 0 failed'
