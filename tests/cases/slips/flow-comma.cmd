# Commas in numbers inside a flow mapping: read as written (no error, the same figures as the plan without them)
# (a scratch folder of its own: two suites running at once shared fixed names in /tmp and removed each other's files)
t=$(mktemp -d "${TMPDIR:-/tmp}/pc-flow-comma.XXXXXX") && trap 'rm -rf "$t"' EXIT || exit 9
cd ../../.. && {
	sed 's/sales: 312000, operating_profit: 9800/sales: 312,000, operating_profit: 9,800/; s/value_added: 159700,/value_added: 159,700,/' examples/hakkoda-seiko.md
} >"$t/pc-flow-comma.md"
sh tests/cases/lib/check-only.sh flow-comma 'plan\.[a-z0-9-]+' <"$t/pc-flow-comma.md"; st=$?
grep -c '312,000\|9,800\|159,700' "$t/pc-flow-comma.md"
"$PLANCHECK" check --format json examples/hakkoda-seiko.md | jq -c '.files[0].computed' >"$t/a"
"$PLANCHECK" check --format json "$t/pc-flow-comma.md" | jq -c '.files[0].computed' >"$t/b"
cmp -s "$t/a" "$t/b" && echo "same figures"
exit $st
