# --format sarif is valid SARIF 2.1.0 (checked against OASIS's schema in
# tests/schemas by Debian's jsonschema), with a rule catalogue, results
# that point into it, and waived findings as suppressions.
set -eu
py=/usr/bin/python3
[ -x $py ] || py=python3
pub="$PUB"
st=0
"$PLANCHECK" check --format sarif "$pub/hakkoda-seiko.md" "$pub/defects/tsugaru-foods.md" \
	"$pub/encodings/hakkoda-seiko-cp932-crlf.md" >"$TMP/a.sarif" || st=$?
[ $st = 1 ]
"$PLANCHECK" check --format sarif "$pub/hakkoda-seiko.md" >"$TMP/clean.sarif"
sed '139i <!-- plancheck-disable-next-line common.spelling reason="社内の表記" -->' \
	"$pub/defects/tsugaru-foods.md" >"$TMP/w.md"
"$PLANCHECK" check --format sarif "$TMP/w.md" >"$TMP/w.sarif" || true
# a parser finding (an unknown key) needs a catalogue entry too
printf -- '---\nprogram: saikouchiku\nround: 6\nsubsidiy: 1\n---\n# 見出し\n' >"$TMP/u.md"
"$PLANCHECK" check --format sarif "$TMP/u.md" >"$TMP/u.sarif" || true
# the OASIS schema, copied into the repository (tests/schemas/README says
# from where and under which terms), so this runs without ../shared
$py tests/sarif-validate.py tests/schemas/sarif-schema-2.1.0.json \
	"$TMP/a.sarif" "$TMP/clean.sarif" "$TMP/w.sarif" "$TMP/u.sarif"
# (advice, level "note", may remain: the morphology rules ship some as info)
jq -e '[.runs[0].results[] | select(.level != "note")] | length == 0' "$TMP/clean.sarif" >/dev/null
jq -e '.runs[0].artifacts | length == 3' "$TMP/a.sarif" >/dev/null
jq -e '[.runs[0].results[] | select(.suppressions)] | length == 1 and .[0].suppressions[0].justification == "社内の表記"' "$TMP/w.sarif" >/dev/null
jq -e '[.runs[0].results[] | select(.ruleId == "plan.unknown-key")] | length == 1' "$TMP/u.sarif" >/dev/null
jq -e '.runs[0].tool.driver.rules | length > 100' "$TMP/a.sarif" >/dev/null
