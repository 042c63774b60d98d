#!/bin/sh
# make bench, the PDF part (issue 15): `report` (one process a draft, as a
# user runs it) and `review` with PDFs, against commit 58a901d - the PDF
# engine before glyph runs went into the page content directly, fonts
# were subset once and libdeflate compressed - built from its own tree in
# build/bench and run on the same drafts in this same session, with its
# own rules.  Ratios, never absolute times: the goal is report in at most
# half the time and review with PDFs at twice the drafts per second.
#
#   sh bench/pdf.sh DRAFTDIR    (bench/run.sh passes its generated drafts)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
D=$1
B=$ROOT/build/bench
BASE=${BENCH_PDF_BASE:-58a901d}
W=$B/base-$BASE
NR=${BENCH_PDF_REPORTS:-20}     # reports, one process each
NV=${BENCH_PDF_REVIEW:-100}     # drafts in the review with PDFs
now() { date +%s.%N; }

# the peer: the old tree as git has it (no worktree left registered),
# built once and kept in build/bench
if [ ! -x "$W/plancheck" ]; then
	if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then
		echo "bench pdf: commit $BASE is not in this clone (shallow?): the PDF comparison is skipped"
		exit 0
	fi
	rm -rf "$W"
	mkdir -p "$W"
	git archive "$BASE" | tar -x -C "$W"
	if ! (cd "$W" && make -j2 plancheck >build.log 2>&1); then
		echo "bench pdf: $BASE does not build here ($W/build.log): the PDF comparison is skipped"
		rm -f "$W/plancheck"
		exit 0
	fi
fi

set -- "$D"/*.md
[ $# -ge "$NR" ] || NR=$#
# Each figure twice: wall clock, and CPU time (user + system, from
# build/rusage), which a machine busy with other work disturbs far less.
reports() {   # reports BIN DATA OUT: NR drafts, one process each; best of three: "wall-ms cpu-ms" a draft
	bw=999999
	bc=999999
	for _ in 1 2 3; do
		i=0
		cpu=0
		t0=$(now)
		for f in "$D"/*.md; do
			i=$((i + 1))
			[ $i -le "$NR" ] || break
			c=$(PLANCHECK_DATA=$2 ./build/rusage cpu "$1" report "$f" -o "$3/r$i.pdf" 2>/dev/null) || c=0
			cpu=$((cpu + c))
		done
		t1=$(now)
		bw=$(awk -v b="$bw" -v a="$t0" -v c="$t1" -v n="$NR" 'BEGIN { r = (c - a) * 1000 / n; print (r < b ? r : b) }')
		bc=$(awk -v b="$bc" -v c="$cpu" -v n="$NR" 'BEGIN { r = c / n; print (r < b ? r : b) }')
	done
	echo "$bw $bc"
}
mkdir -p "$B/pdf-new" "$B/pdf-old"
r_new=$(reports "$ROOT/plancheck" "$ROOT" "$B/pdf-new")
r_old=$(reports "$W/plancheck" "$W" "$B/pdf-old")
pages=$(pdfinfo "$B/pdf-new/r1.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
size_new=$(wc -c <"$B/pdf-new/r1.pdf")
size_old=$(wc -c <"$B/pdf-old/r1.pdf")

# review with PDFs over NV drafts, every core; each run into a folder of
# its own (deleted at the end: see run.sh on ext4 and freed inodes)
rm -rf "$B/pdf-drafts"
mkdir -p "$B/pdf-drafts"
i=0
for f in "$D"/*.md; do
	i=$((i + 1))
	[ $i -le "$NV" ] || break
	cp "$f" "$B/pdf-drafts/"   # copies: review follows no link unless asked
done
NV=$i
review_rate() {   # review_rate BIN DATA TAG: best of three: "drafts/s drafts/CPU-s"
	bw=0
	bc=0
	for k in 1 2 3; do
		t0=$(now)
		c=$(PLANCHECK_DATA=$2 ./build/rusage cpu "$1" review "$B/pdf-drafts" -o "$B/pdf-review-$3-$k" \
			-j "$(nproc)" -q 2>/dev/null) || c=0
		t1=$(now)
		bw=$(awk -v b="$bw" -v a="$t0" -v c="$t1" -v n="$NV" 'BEGIN { r = n / (c - a); print (r > b ? r : b) }')
		bc=$(awk -v b="$bc" -v c="$c" -v n="$NV" 'BEGIN { r = (c > 0 ? n * 1000 / c : 0); print (r > b ? r : b) }')
	done
	echo "$bw $bc"
}
v_new=$(review_rate "$ROOT/plancheck" "$ROOT" new)
v_old=$(review_rate "$W/plancheck" "$W" old)
pdfs=$(ls "$B/pdf-review-new-1"/*.pdf 2>/dev/null | wc -l)
pdfs_old=$(ls "$B/pdf-review-old-1"/*.pdf 2>/dev/null | wc -l)

row() {   # row LABEL OLD NEW RATIO
	printf '%-46s %10s %10s %8s\n' "$1" "$2" "$3" "$4"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
f1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
printf '\nPDF against %s (same drafts, same session; %s pages a report; a review run wrote %s PDFs, %s with %s)\n' \
	"$BASE" "${pages:-?}" "$pdfs" "$pdfs_old" "$BASE"
row "" "$BASE" "now" "now/old"
set -- $r_old
ow=$1 oc=$2
set -- $r_new
row "report, ms a draft, wall (one process each)" "$(f1 "$ow")" "$(f1 "$1")" "$(ratio "$1" "$ow")"
row "report, ms a draft, CPU" "$(f1 "$oc")" "$(f1 "$2")" "$(ratio "$2" "$oc")"
set -- $v_old
ow=$1 oc=$2
set -- $v_new
row "review with PDFs, drafts/s, wall ($(nproc) threads)" "$(f1 "$ow")" "$(f1 "$1")" "$(ratio "$1" "$ow")"
row "review with PDFs, drafts a CPU-second" "$(f1 "$oc")" "$(f1 "$2")" "$(ratio "$2" "$oc")"
row "report size, KB" "$((size_old / 1024))" "$((size_new / 1024))" "$(ratio "$size_new" "$size_old")"
rm -rf "$B/pdf-new" "$B/pdf-old" "$B/pdf-drafts" "$B"/pdf-review-*
