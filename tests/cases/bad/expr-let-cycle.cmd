# lets that refer to each other in a circle, and a chain of 3,000 lets,
# are refused at the let (they were accepted; the chain recursed 3,000
# deep in every evaluation)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
# program p's fields (its schema)
printf 'schema: p\nfields:\n  subsidy:\n    label: 補助金\n    fields:\n      national: {label: 国補助金, type: amount}\n      prefecture: {label: 県補助金, type: amount}\n' >r/p/schema.yml
{
	printf 'pack: p\napplies:\n  program: p\nlet:\n  a: b + 1\n  b: a * 2\n  l0: subsidy.national\n'
	awk 'BEGIN { for (i = 1; i < 3000; i++) printf "  l%d: l%d + 1\n", i, i - 1 }'
	printf 'rules:\n  - id: p.let\n    kind: assert\n    level: error\n    expr: l2999 <= 10000\n'
	printf '    message: x\n    cite: c\n    source: s\n    examples: [{fail: "subsidy: {national: 100000}\\n"}, {pass: "subsidy: {national: 1}\\n"}]\n'
} >r/p/r.yml
"$PLANCHECK" rules --rules r 2>&1
