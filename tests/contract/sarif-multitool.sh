# SARIF clean in a real consumer: Microsoft's SARIF Multitool (npm
# @microsoft/sarif-multitool, at the version tests/npm pins) validates the
# SARIF of the public corpus - paths relative (resolved through
# originalUriBaseIds), absolute (file:// URIs), under ../, with Japanese
# names, and standard input - with 0 errors and 0 warnings (its notes are
# advice).  Skipped and counted only when the tool cannot be installed.
set -eu
if ! tools=$(sh scripts/npm-tools.sh 2>"$TMP/npm.err"); then
	echo "SARIF Multitool: $(head -n 1 "$TMP/npm.err")" >>"$SKIPS"
	exit 77
fi
mt=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
[ -x "$mt" ] || { echo "SARIF Multitool: no binary for this platform ($mt)" >>"$SKIPS"; exit 77; }
pub=tests/corpus/public
root=$(pwd)
"$PLANCHECK" check --format sarif "$pub/hakkoda-seiko.md" "$pub/defects/tsugaru-foods.md" \
	"$pub/encodings/hakkoda-seiko-cp932-crlf.md" >"$TMP/relative.sarif" || true
"$PLANCHECK" check --format sarif "$root/$pub/hakkoda-seiko.md" "$root/$pub/defects/tsugaru-foods.md" \
	"$root/$pub/encodings/hakkoda-seiko-cp932-crlf.md" >"$TMP/absolute.sarif" || true
mkdir -p "$TMP/事業計画 2024"
cp "$pub/defects/tsugaru-foods.md" "$TMP/事業計画 2024/津軽フーズ（第6回）.md"
(cd "$TMP/事業計画 2024" && "$PLANCHECK" check --format sarif "津軽フーズ（第6回）.md" ../"事業計画 2024"/*.md) \
	>"$TMP/japanese.sarif" || true
(cd tests && "$PLANCHECK" check --format sarif ../"$pub/hakkoda-seiko.md") >"$TMP/parent.sarif" || true
"$PLANCHECK" check --format sarif - <"$pub/defects/tsugaru-foods.md" >"$TMP/stdin.sarif" || true
# the uris: relative ones under %SRCROOT%, absolute ones file://, all percent-encoded
jq -e '.runs[0].originalUriBaseIds["%SRCROOT%"].uri | startswith("file:///")' "$TMP/relative.sarif" >/dev/null
jq -e '[.runs[0].artifacts[].location.uri] | all(startswith("file:///"))' "$TMP/absolute.sarif" >/dev/null
jq -e '.runs[0].tool.driver.informationUri | startswith("file:///")' "$TMP/relative.sarif" >/dev/null
jq -e '[.runs[0].artifacts[].location.uri] | all(test("^[A-Za-z0-9._~/%:-]+$"))' "$TMP/japanese.sarif" >/dev/null
# (a .NET single-file program: its own extraction folder, so that two
# suites running at once do not share one)
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$TMP/dotnet"
for f in relative absolute japanese parent stdin; do
	rm -f "$TMP/$f.out.sarif"
	st=0
	"$mt" validate "$TMP/$f.sarif" -o "$TMP/$f.out.sarif" --level "Error;Warning" >"$TMP/$f.log" 2>&1 || st=$?
	if [ $st != 0 ]; then
		[ -f "$TMP/$f.log" ] && tail -n 15 "$TMP/$f.log"
		echo "the Multitool failed on $f.sarif (exit $st)"
		exit 1
	fi
	n=$(jq '[.runs[].results[]? | select(.level == "error" or .level == "warning")] | length' "$TMP/$f.out.sarif")
	[ "$n" = 0 ] || { grep -E ': (error|warning) ' "$TMP/$f.log" | head; echo "$f.sarif: $n errors and warnings"; exit 1; }
done
