# what a pack says reaches the terminal: escape sequences, bidi overrides
# and line breaks written as YAML escapes are stripped from its messages,
# suggestions and cites when it is loaded; a plan's own control
# characters are a warning each run and read as spaces (both used to
# reach the terminal raw)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
# program p's fields (its schema)
printf 'schema: p\nfields:\n  subsidy:\n    label: 補助金\n    fields:\n      national: {label: 国補助金, type: amount}\n      prefecture: {label: 県補助金, type: amount}\n' >r/p/schema.yml
cat >r/p/r.yml <<'YML'
pack: p
applies:
  program: p
rules:
  - id: p.esc
    kind: assert
    level: error
    expr: subsidy.national <= 1
    message: "\e[31m国補助金\e[0m が多すぎます\u202E\nnext"
    suggestion: "\e]0;owned\a減らしてください"
    cite: "c\e[2J"
    source: s
    examples: [{fail: "subsidy: {national: 2}\n"}, {pass: "subsidy: {national: 1}\n"}]
YML
printf -- '---\nprogram: p\nsubsidy:\n  national: 5\n---\n# 見出し\n\033[2J本文\302\233です\177。\n' >plan.md
"$PLANCHECK" check --rules r plan.md | od -c | grep -c '033' 
"$PLANCHECK" check --rules r plan.md
