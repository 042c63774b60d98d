# dividing by literals that come to zero: the expression never has a
# value, so the rule could never fire - refused at the divisor; a when
# that is always false likewise
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
# program p's fields (its schema)
printf 'schema: p\nfields:\n  subsidy:\n    label: 補助金\n    fields:\n      national: {label: 国補助金, type: amount}\n      prefecture: {label: 県補助金, type: amount}\n' >r/p/schema.yml
cat >r/p/r.yml <<'YML'
pack: p
applies:
  program: p
rules:
  - id: p.div
    kind: assert
    level: error
    expr: subsidy.national / (2 - 2) <= 1
    message: x
    cite: c
    source: s
    examples: [{fail: "subsidy: {national: 2}\n"}, {pass: "subsidy: {national: 1}\n"}]
  - id: p.div-zero
    kind: assert
    level: error
    expr: subsidy.national <= subsidy.prefecture / 0%
    message: x
    cite: c
    source: s
    examples: [{fail: "subsidy: {national: 2}\n"}, {pass: "subsidy: {national: 1}\n"}]
  - id: p.when
    kind: assert
    level: error
    when: 1 > 2
    expr: subsidy.national <= 1
    message: x
    cite: c
    source: s
    examples: [{fail: "subsidy: {national: 2}\n"}, {pass: "subsidy: {national: 1}\n"}]
YML
"$PLANCHECK" rules --rules r 2>&1
