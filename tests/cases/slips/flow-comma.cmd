# Commas in numbers inside a flow mapping: read as written (no error, the same figures as the plan without them)
cd ../../.. && {
	sed 's/sales: 312000, operating_profit: 9800/sales: 312,000, operating_profit: 9,800/; s/value_added: 159700,/value_added: 159,700,/' examples/hakkoda-seiko.md
} >"${TMPDIR:-/tmp}/pc-flow-comma.md"
sh tests/cases/lib/check-only.sh flow-comma 'plan\.[a-z0-9-]+' <"${TMPDIR:-/tmp}/pc-flow-comma.md"; st=$?
grep -c '312,000\|9,800\|159,700' "${TMPDIR:-/tmp}/pc-flow-comma.md"
"$PLANCHECK" check --format json examples/hakkoda-seiko.md | jq -c '.files[0].computed' >"${TMPDIR:-/tmp}/pc-fc-a"
"$PLANCHECK" check --format json "${TMPDIR:-/tmp}/pc-flow-comma.md" | jq -c '.files[0].computed' >"${TMPDIR:-/tmp}/pc-fc-b"
cmp -s "${TMPDIR:-/tmp}/pc-fc-a" "${TMPDIR:-/tmp}/pc-fc-b" && echo "same figures"
rm -f "${TMPDIR:-/tmp}/pc-flow-comma.md" "${TMPDIR:-/tmp}/pc-fc-a" "${TMPDIR:-/tmp}/pc-fc-b"
exit $st
