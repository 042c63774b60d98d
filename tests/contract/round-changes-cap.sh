# Changing round: 6 to round: 3 changes the cap the plan is held to, with
# no change in C: the cap comes from the pack's lookup table.
set -eu
sed 's/^round: 6$/round: 3/' "$PUB/hakkoda-seiko.md" >"$TMP/r3.md"
cap6=$("$PLANCHECK" check --format json "$PUB/hakkoda-seiko.md" | jq '.files[0].computed.national_cap')
cap3=$("$PLANCHECK" check --format json "$TMP/r3.md" | jq '.files[0].computed.national_cap')
[ "$cap6" = 20000000 ] || { echo "round 6 cap $cap6"; exit 1; }
[ "$cap3" = 40000000 ] || { echo "round 3 cap $cap3"; exit 1; }
# and a national grant over the round-6 cap is an error only in round 6
sed 's/^  national: 2,000万円$/  national: 2,400万円/' "$PUB/hakkoda-seiko.md" >"$TMP/n6.md"
sed 's/^round: 6$/round: 3/' "$TMP/n6.md" >"$TMP/n3.md"
"$PLANCHECK" check "$TMP/n6.md" >"$TMP/out6" && { echo "2,400万円 in round 6 passed"; exit 1; }
grep -q 'saikouchiku.national-cap' "$TMP/out6"
"$PLANCHECK" check "$TMP/n3.md" >"$TMP/out3" || { cat "$TMP/out3"; exit 1; }
