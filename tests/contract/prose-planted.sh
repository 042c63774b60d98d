# The clean public plan gives no warning; a typo, a ら抜き言葉, a double
# negative and a doubled particle planted in a copy are each found on
# their own line (the doubled particle as advice: info, as the shipped
# level says), and nothing else is added.
set -eu
export HOME="$TMP"
pub=${PUB:-$SHARED/corpus/public}
plan="$pub/hakkoda-seiko.md"
"$PLANCHECK" check --no-config --format json "$plan" >"$TMP/clean.json"
jq -e '.files[0].summary.error == 0 and .files[0].summary.warning == 0' "$TMP/clean.json" >/dev/null
awk 'NR == 95  { $0 = $0 "営業はマーケテイングの担当者が担う。" }
     NR == 96  { $0 = $0 "翌月には試作品を見れる体制にする。" }
     NR == 120 { $0 = $0 "月産目標を達成できないことはない。" }
     NR == 130 { $0 = $0 "当社は来期は増収を見込む。" }
     { print }' "$plan" >"$TMP/planted.md"
"$PLANCHECK" check --no-config --format json "$TMP/planted.md" >"$TMP/p.json" || true
at() {   # at LINE RULE SEVERITY: exactly one such finding on that line
	n=$(jq --argjson l "$1" --arg r "$2" --arg s "$3" \
		'[.files[0].findings[] | select(.line == $l and .rule == $r and .severity == $s)] | length' "$TMP/p.json")
	[ "$n" = 1 ] || { echo "line $1: $n findings of $2 ($3)"; exit 1; }
}
at 95 common.spelling warning
at 96 common.dropping-ra warning
at 120 common.double-negative warning
at 130 common.doubled-joshi info
jq -e '.files[0].summary.warning == 3 and .files[0].summary.error == 0' "$TMP/p.json" >/dev/null
jq -r '.files[0].findings[] | select(.line == 95) | .suggestion' "$TMP/p.json" | grep -q 'マーケティング'
