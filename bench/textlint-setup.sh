#!/bin/sh
# Installs textlint and the rules nearest to plancheck's prose checks from
# npm into build/textlint (once), and writes a .textlintrc.json at the
# same thresholds as rules/common/prose.yml plus a prh dictionary made from
# plancheck's own notation rules (rules --format json), so both tools do
# the same work; also the morphology rules rules/common/morphology.yml
# mirrors and the preset ja-technical-writing (for make bench).  Versions
# are pinned so that a re-run measures the same textlint.  Prints the
# directory, or fails when npm is absent.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/build/textlint
command -v npm >/dev/null 2>&1 || { echo "npm not found" >&2; exit 3; }
mkdir -p "$DIR"
if [ ! -d "$DIR/node_modules/textlint-rule-preset-ja-technical-writing" ]; then
	(cd "$DIR" && [ -f package.json ] || echo '{"name":"plancheck-bench","private":true}' >"$DIR/package.json")
	(cd "$DIR" && npm install --no-audit --no-fund --silent textlint@14 textlint-rule-sentence-length@5 \
		textlint-rule-max-ten@5 textlint-rule-no-mix-dearu-desumasu@6 textlint-rule-prh@6 \
		textlint-rule-no-doubled-joshi@5.1.1 textlint-rule-no-dropping-the-ra@3.0.0 \
		textlint-rule-no-double-negative-ja@2.0.1 textlint-rule-ja-no-redundant-expression@4.0.1 \
		textlint-rule-ja-no-weak-phrase@2.0.0 textlint-rule-no-doubled-conjunction@3.0.1 \
		textlint-rule-no-doubled-conjunctive-particle-ga@3.0.0 \
		textlint-rule-preset-ja-technical-writing@12.0.2) >&2
fi
PLANCHECK_DATA=$ROOT "$ROOT/plancheck" rules --format json |
	jq -r '"version: 1", "rules:", (.[] | select(.pattern != null and .replace != null and .replace != "@halfwidth") |
		"  - expected: \(.replace | tojson)\n    pattern: \("/" + .pattern + "/" | tojson)")' >"$DIR/prh.yml"
# the thresholds of rules/common/prose.yml; max-ten strict counts every 、
# as plancheck does (its default skips a 、 between two nouns)
cat >"$DIR/.textlintrc.json" <<JSON
{
  "rules": {
    "sentence-length": {"max": 120},
    "max-ten": {"max": 7, "strict": true},
    "no-mix-dearu-desumasu": true,
    "prh": {"rulePaths": ["$DIR/prh.yml"]}
  }
}
JSON
echo "$DIR"
