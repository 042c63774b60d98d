# `report` on many headings in a row (issue 16, third round): each heading
# measured the height of every heading after it to keep them on its page,
# so the time grew with the square of the run (20,000 headings: 137 s).
# As pathological.sh: N and 10N, CPU time above an empty plan's, limit 25.
set -eu
RUSAGE=${UNIT_DIR:-build}/rusage
. tests/contract/lib/linear.sh
gen() { awk -v n="$1" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---"; for (i = 0; i < n; i++) printf "# 見出し%d\n", i }'; }
gen 0 >"$TMP/empty.md"
gen 500 >"$TMP/h1.md"
gen 5000 >"$TMP/h10.md"
base=$("$RUSAGE" cpu "$PLANCHECK" report --no-config -o "$TMP/e.pdf" "$TMP/empty.md")
t1=$("$RUSAGE" cpu "$PLANCHECK" report --no-config -o "$TMP/h1.pdf" "$TMP/h1.md")
t10=$("$RUSAGE" cpu "$PLANCHECK" report --no-config -o "$TMP/h10.pdf" "$TMP/h10.md")
head -c 5 "$TMP/h10.pdf" | grep -q '%PDF-'
# a run of headings longer than a page cannot be kept with what follows:
# they share pages (5,000 headings took 5,000 pages, one each, and 20,000
# peaked at 200 MB)
pages=$(pdfinfo "$TMP/h10.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -lt 1000 ] || { echo "$pages pages for 5,000 headings in a row"; exit 1; }
linear "report, headings in a row (N=500)" "$base" "$t1" "$t10"
