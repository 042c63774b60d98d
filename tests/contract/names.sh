# File names that are not UTF-8 (CP932 bytes from a Windows zip, stray
# bytes) or hold control characters (ESC, a line break) are printed safely
# in every format: a CP932 name as what it says, other bytes and controls
# as \xNN; JSON, SARIF and the review's CSV and JSON parse as UTF-8, and
# no escape sequence reaches the terminal (raw bytes made them unparsable)
set -eu
py=/usr/bin/python3
[ -x $py ] || py=python3
d=$TMP/in
mkdir -p "$d"
for n in "$(printf '\223\372\226\173')" "$(printf '\377\376-bad')" "$(printf 'esc\033[31m')" "$(printf 'nl\nx')"; do
	cp "$PUB/hakkoda-seiko.md" "$d/$n.md"
done
set -- "$d"/*.md
[ $# = 4 ]
st=0
"$PLANCHECK" check --format json "$@" >"$TMP/j" 2>&1 || st=$?
"$PLANCHECK" check --format sarif "$@" >"$TMP/s" 2>&1 || st=$?
"$PLANCHECK" check "$@" >"$TMP/t" 2>&1 || st=$?
"$PLANCHECK" review "$d" -o "$TMP/out" --no-pdf 2>"$TMP/log" || st=$?
$py - "$TMP" <<'PY'
import json, sys
t = sys.argv[1]
j = json.load(open(t + "/j", encoding="utf-8"))
paths = sorted(f["path"].rsplit("/", 1)[1] for f in j["files"])
want = sorted(["日本.md", "\\xFF\\xFE-bad.md", "esc\\x1B[31m.md", "nl\\x0Ax.md"])
assert paths == want, paths
json.load(open(t + "/s", encoding="utf-8"))
text = open(t + "/t", "rb").read()
text.decode("utf-8")
assert b"\x1b" not in text, "ESC reached the terminal"
assert b"nl\nx" not in text, "a line break in a name split a line"
csv = open(t + "/out/summary.csv", "rb").read().decode("utf-8")
assert "日本.md" in csv, csv
s = json.load(open(t + "/out/summary.json", encoding="utf-8"))
assert len(s["drafts"]) == 4
log = open(t + "/log", "rb").read()
log.decode("utf-8")
assert b"\x1b" not in log
PY
