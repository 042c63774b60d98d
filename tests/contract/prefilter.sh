# The prefilter (src/prefilter.c) only skips pattern rules, and mention
# rules' paragraphs, that cannot match: with it on and off the findings
# are byte-identical, over the public corpus, the examples, every test
# case, generated drafts, and a plan holding the failing example of every
# rule in every pack (so each pattern rule matches somewhere and must get
# through).
set -eu
plan=$TMP/all-fails.md
cp "$PUB/hakkoda-seiko.md" "$plan"
printf '\n## 表記の例\n\n' >>"$plan"
n=0
for f in rules/*/*.yml; do
	# - fail: "---\n本文\n" → the body lines
	sed -n 's/^ *- fail: "---\\n\(.*\)"$/\1/p' "$f" | while IFS= read -r ex; do
		printf '%b\n\n' "$ex" | grep -v '^#' >>"$plan" || true
	done
done
n=$(grep -c . "$plan")
"${UNIT_DIR:-build}/gen" "$PUB/hakkoda-seiko.md" "$TMP/gen" 60 7 >/dev/null
set -- "$plan" "$PUB"/*.md examples/*.md tests/cases/bad/*.md "$TMP"/gen/*.md
"$PLANCHECK" check --format json "$@" >"$TMP/on.json" 2>/dev/null || true
PLANCHECK_PREFILTER=off "$PLANCHECK" check --format json "$@" >"$TMP/off.json" 2>/dev/null || true
cmp "$TMP/on.json" "$TMP/off.json" || { diff "$TMP/on.json" "$TMP/off.json" | head -20; exit 1; }
# not vacuous: the plan of failing examples trips the notation rules
hits=$(jq '[.files[0].findings[] | select(.rule | startswith("common.notation-"))] | length' "$TMP/on.json")
[ "$hits" -ge 80 ] || { echo "only $hits notation findings in $plan ($n lines)"; exit 1; }
