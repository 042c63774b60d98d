#!/bin/sh
# How far plancheck and textlint agree on sentence length and 読点, at the
# same thresholds (textlint max-ten in strict mode so that both count
# every 、): the public corpus and AGREE_N generated drafts through both,
# findings compared by file and line.  Prints, per rule, how many of
# textlint's findings plancheck also makes and the other way round.  By
# line, not by finding: max-ten reports a sentence again at every further
# max+1 読点, plancheck once per sentence with the count.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${AGREE_N:-60}
B=$ROOT/build/agree
export PLANCHECK_DATA=$ROOT
TL=$(sh bench/textlint-setup.sh) || { echo "textlint-agree: npm is not available" >&2; exit 3; }
rm -rf "$B"
mkdir -p "$B/files"
cp tests/corpus/public/hakkoda-seiko.md tests/corpus/public/defects/tsugaru-foods.md "$B/files/"
./build/gen tests/corpus/public/hakkoda-seiko.md "$B/files" "$N" 3
# The two rules alone, so nothing else is compared, at two threshold
# sets: the shipped ones (120 characters, 7 読点), where the corpus gives
# textlint and plancheck almost nothing to disagree on, and strict ones
# (60, 3) where every draft has dozens of findings to compare.
compare() {
	max_len=$1 max_ten=$2 rules=$3
	cat >"$B/textlintrc.json" <<JSON
{"rules": {"sentence-length": {"max": $max_len}, "max-ten": {"max": $max_ten, "strict": true}}}
JSON
	(cd "$TL" && ./node_modules/.bin/textlint --config "$B/textlintrc.json" --format json "$B"/files/*.md >"$B/tl.json") || true
	./plancheck check --rules "$rules" --format json "$B"/files/*.md >"$B/pc.json" || true
	echo "thresholds: sentence-length $max_len, max-ten $max_ten"
	for pair in "sentence-length common.sentence-length" "max-ten common.comma-count"; do
		set -- $pair
		jq -r --arg r "$1" '.[] | .filePath as $f | .messages[] | select(.ruleId == $r) | "\($f | split("/") | last):\(.line)"' "$B/tl.json" | sort -u >"$B/t"
		jq -r --arg r "$2" '.files[] | .path as $f | .findings[] | select(.rule == $r) | "\($f | split("/") | last):\(.line)"' "$B/pc.json" | sort -u >"$B/p"
		t=$(wc -l <"$B/t")
		p=$(wc -l <"$B/p")
		both=$(comm -12 "$B/t" "$B/p" | wc -l)
		printf '  %-16s textlint %5d  plancheck %5d  both %5d  plancheck finds %5.1f%% of textlint'"'"'s, textlint %5.1f%% of plancheck'"'"'s\n' \
			"$1" "$t" "$p" "$both" "$(awk -v a="$both" -v b="$t" 'BEGIN{print b ? 100*a/b : 100}')" \
			"$(awk -v a="$both" -v b="$p" 'BEGIN{print b ? 100*a/b : 100}')"
		comm -3 "$B/t" "$B/p" | head -n 8 | sed 's/^/      differs: /'
	done
}
compare 120 7 "$ROOT/rules"
cp -r "$ROOT/rules" "$B/rules-strict"
sed -i 's/^    max: 120$/    max: 60/; s/^    max: 7$/    max: 3/' "$B/rules-strict/common/prose.yml"
compare 60 3 "$B/rules-strict"

# ---- the morphology rules (rules/common/morphology.yml) -------------------
# textlint with each of its seven rules against plancheck's counterpart, on
# the public corpus, the industry plans of tests/prose, the generated
# drafts above and AGREE_PROSE drafts from bench/prose-gen.sh (prose where
# the constructs are frequent).  plancheck's info level counts: those
# rules are shipped as info.  By file and line, both ways.
NP=${AGREE_PROSE:-40}
cp tests/prose/*.md "$B/files/"
sh bench/prose-gen.sh "$B/files" "$NP" 7
cat >"$B/textlintrc-morph.json" <<JSON
{"rules": {"no-doubled-joshi": true, "no-dropping-the-ra": true, "no-double-negative-ja": true,
 "ja-no-redundant-expression": true, "ja-no-weak-phrase": true, "no-doubled-conjunction": true,
 "no-doubled-conjunctive-particle-ga": true}}
JSON
(cd "$TL" && ./node_modules/.bin/textlint --config "$B/textlintrc-morph.json" --format json "$B"/files/*.md >"$B/tl-morph.json") || true
./plancheck check --no-config --format json "$B"/files/*.md >"$B/pc-morph.json" || true
echo "morphology rules: $(ls "$B"/files/*.md | wc -l) files"
total_t=0 total_p=0 total_b=0
for pair in "no-dropping-the-ra common.dropping-ra" "no-double-negative-ja common.double-negative" \
	"no-doubled-joshi common.doubled-joshi" "no-doubled-conjunctive-particle-ga common.doubled-ga" \
	"no-doubled-conjunction common.doubled-conjunction" "ja-no-redundant-expression common.redundant-expression" \
	"ja-no-weak-phrase common.weak-phrase"; do
	set -- $pair
	jq -r --arg r "$1" '.[] | .filePath as $f | .messages[] | select(.ruleId == $r) | "\($f | split("/") | last):\(.line)"' "$B/tl-morph.json" | sort -u >"$B/t"
	jq -r --arg r "$2" '.files[] | .path as $f | .findings[] | select(.rule == $r) | "\($f | split("/") | last):\(.line)"' "$B/pc-morph.json" | sort -u >"$B/p"
	t=$(wc -l <"$B/t")
	p=$(wc -l <"$B/p")
	both=$(comm -12 "$B/t" "$B/p" | wc -l)
	printf '  %-36s textlint %5d  plancheck %5d  both %5d  plancheck finds %5.1f%% of textlint'"'"'s, textlint %5.1f%% of plancheck'"'"'s\n' \
		"$1" "$t" "$p" "$both" "$(awk -v a="$both" -v b="$t" 'BEGIN{print b ? 100*a/b : 100}')" \
		"$(awk -v a="$both" -v b="$p" 'BEGIN{print b ? 100*a/b : 100}')"
	comm -3 "$B/t" "$B/p" | head -n 6 | sed 's/^/      differs: /'
done
