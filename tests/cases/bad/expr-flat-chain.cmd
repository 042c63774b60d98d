# a rule whose expression is a flat chain of 20,000 terms (+, and): refused
# when loaded, at the term past the cap; it used to pass validation and
# then overflow the stack in evaluation (SIGSEGV)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
{
	printf 'pack: p\napplies:\n  program: p\nrules:\n'
	for op in + and; do
		printf '  - id: p.chain-%s\n    kind: assert\n    level: error\n    expr: ' "$([ "$op" = + ] && echo plus || echo and)"
		if [ "$op" = + ]; then
			awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%s1", i ? " + " : ""; print " > subsidy.national" }'
		else
			awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%strue", i ? " and " : ""; print " and subsidy.national > 1" }'
		fi
		printf '    message: x\n    cite: c\n    source: s\n    examples: [{fail: "subsidy: {national: 100000}\\n"}, {pass: "subsidy: {national: 1}\\n"}]\n'
	done
} >r/p/r.yml
"$PLANCHECK" rules --test --rules r 2>&1
