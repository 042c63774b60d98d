#!/bin/sh
# Installs textlint and the rules nearest to plancheck's prose checks from
# npm into build/textlint (once), and writes a .textlintrc.json at the
# same thresholds as rules/common/prose.yml plus a prh dictionary made from
# plancheck's own notation rules (rules --format json), so both tools do
# the same work.  Prints the directory, or fails when npm is absent.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/build/textlint
command -v npm >/dev/null 2>&1 || { echo "npm not found" >&2; exit 3; }
mkdir -p "$DIR"
if [ ! -x "$DIR/node_modules/.bin/textlint" ]; then
	(cd "$DIR" && [ -f package.json ] || echo '{"name":"plancheck-bench","private":true}' >"$DIR/package.json")
	(cd "$DIR" && npm install --no-audit --no-fund --silent textlint@14 textlint-rule-sentence-length@5 \
		textlint-rule-max-ten@5 textlint-rule-no-mix-dearu-desumasu@6 textlint-rule-prh@6) >&2
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
