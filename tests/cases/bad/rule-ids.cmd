# rule ids are pack.name in [a-z0-9_-] parts joined by dots, 128 characters
# at most; a space, /../, U+202E, a line break, a NUL or 100,000
# characters are refused at the id (they were all accepted), and so is a
# pack folder whose name could not start an id
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" "$t/r/Bad Pack" && cd "$t" || exit 9
# program p's fields (its schema)
printf 'schema: p\nfields:\n  subsidy:\n    label: 補助金\n    fields:\n      national: {label: 国補助金, type: amount}\n      prefecture: {label: 県補助金, type: amount}\n' >r/p/schema.yml
long=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "a" }')
{
	printf 'pack: p\napplies:\n  program: p\nrules:\n'
	for id in 'p.has space' 'p./../etc' 'p.\u202Eexe.md' 'p.line\nbreak' 'p.nul\0x' "p.$long" 'p.fine-id_2'; do
		printf '  - id: "%s"\n    kind: assert\n    level: error\n    expr: subsidy.national <= 1\n' "$id"
		printf '    message: x\n    cite: c\n    source: s\n    examples: [{fail: "subsidy: {national: 2}\\n"}, {pass: "subsidy: {national: 1}\\n"}]\n'
	done
} >r/p/r.yml
printf 'pack: Bad Pack\nrules: []\n' >"r/Bad Pack/r.yml"
"$PLANCHECK" rules --rules r 2>&1
