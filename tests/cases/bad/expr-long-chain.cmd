# a chain of 3,000 terms, under the cap, is evaluated in a loop: on a
# 256 KiB stack its examples still run (the recursive evaluator needed
# about 1 MiB for it)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
# program p's fields (its schema)
printf 'schema: p\nfields:\n  subsidy:\n    label: 補助金\n    fields:\n      national: {label: 国補助金, type: amount}\n      prefecture: {label: 県補助金, type: amount}\n' >r/p/schema.yml
{
	printf 'pack: p\napplies:\n  program: p\nrules:\n'
	printf '  - id: p.chain\n    kind: assert\n    level: error\n    expr: '
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%strue", i ? " and " : ""; print " and subsidy.national + 0 + 0 + 0 <= 10" }'
	printf '    message: x\n    cite: c\n    source: s\n    examples: [{fail: "subsidy: {national: 100000}\\n"}, {pass: "subsidy: {national: 1}\\n"}]\n'
	printf '  - id: p.sum\n    kind: assert\n    level: error\n    expr: '
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%ssubsidy.national", i ? " + " : ""; print " <= 3000" }'
	printf '    message: x\n    cite: c\n    source: s\n    examples: [{fail: "subsidy: {national: 2}\\n"}, {pass: "subsidy: {national: 1}\\n"}]\n'
} >r/p/r.yml
ulimit -s 256
"$PLANCHECK" rules --test --rules r 2>&1
