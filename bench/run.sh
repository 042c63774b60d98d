#!/bin/sh
# make bench: plancheck against a floor and against textlint on the same
# generated drafts, in the same session, as ratios; then the peak memory
# of a 10,000-draft review (JSON only).  BENCH_N drafts (default 1000).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${BENCH_N:-1000}
BIG=${BENCH_BIG:-10000}
B=$ROOT/build/bench
PC=$ROOT/plancheck
export PLANCHECK_DATA=$ROOT
rm -rf "$B/drafts" "$B"/review-*
mkdir -p "$B"
./build/gen tests/corpus/public/hakkoda-seiko.md "$B/drafts" "$N" 1
pages=$($PC check --format json "$B/drafts/draft-00001.md" | jq -r '.files[0].computed.estimated_pages')
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }
echo "bench: $N drafts of ~$pages A4 pages each ($(du -sh "$B/drafts" | cut -f1)), $(nproc) cores"

# best of three for each: one run of the floor lasts some 50 ms, and a
# busy machine's noise would otherwise decide the ratio
best() {   # best N CMD... : the highest drafts/s of three runs
	n=$1
	shift
	b=0
	for _ in 1 2 3; do
		t0=$(now)
		"$@" || true
		t1=$(now)
		b=$(awk -v b="$b" -v r="$(rate "$n" "$t0" "$t1")" 'BEGIN { print (r > b ? r : b) }')
	done
	echo "$b"
}
floor=$(best "$N" sh -c './build/floor "$@" >/dev/null' floor "$B"/drafts/*.md)
pc=$(best "$N" sh -c '"$0" check --format json "$@" >"'"$B"'/plancheck.json"' "$PC" "$B"/drafts/*.md)
# review writes a file per draft: each run into a directory of its own.
# Deleting thousands of files just before creating thousands more makes
# ext4 search past the recently freed inodes (seen: 3x slower), so old
# output is only deleted at the end.
k=0
review_once() {
	k=$((k + 1))
	$PC review "$B/drafts" -o "$B/review-$$-$k" --no-pdf -q
}
pcj=$(best "$N" review_once)

tl="-"
if TL=$(sh bench/textlint-setup.sh 2>/dev/null); then
	t0=$(now)
	(cd "$TL" && ./node_modules/.bin/textlint --format json "$B"/drafts/*.md >"$B/textlint.json") || true
	t1=$(now)
	tl=$(rate "$N" "$t0" "$t1")
else
	echo "bench: npm is not available: the textlint column is skipped"
fi

printf '\n%-44s %12s %10s\n' "checker" "drafts/s" "ratio"
printf '%-44s %12s %10s\n' "floor (read + libyaml front matter only)" "$floor" "1.00"
printf '%-44s %12s %10s\n' "plancheck check (1 thread)" "$pc" "$(awk -v a="$pc" -v b="$floor" 'BEGIN{printf "%.2f", a/b}') of floor"
printf '%-44s %12s %10s\n' "plancheck review --no-pdf ($(nproc) threads)" "$pcj" "$(awk -v a="$pcj" -v b="$floor" 'BEGIN{printf "%.2f", a/b}') of floor"
if [ "$tl" != "-" ]; then
	printf '%-44s %12s %10s\n' "textlint (sentence-length, max-ten, no-mix, prh)" "$tl" "1.00"
	printf '%-44s %12s %10s\n' "plancheck check / textlint" "" "$(awk -v a="$pc" -v b="$tl" 'BEGIN{printf "%.0fx", a/b}')"
fi

# instructions, which do not depend on what else the machine is doing:
# (21 drafts - 1 draft) / 20, so that loading the rules is left out
if command -v valgrind >/dev/null 2>&1; then
	ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $4 }'; }
	set -- "$B"/drafts/draft-000[01]?.md "$B"/drafts/draft-0002[01].md   # 00001..00021
	one=$B/drafts/draft-00001.md
	fl=$(awk -v a="$(ir ./build/floor "$@")" -v b="$(ir ./build/floor "$one")" 'BEGIN { print (a - b) / 20 }')
	ck=$(awk -v a="$(ir "$PC" check --format json "$@")" -v b="$(ir "$PC" check --format json "$one")" 'BEGIN { print (a - b) / 20 }')
	printf '\ninstructions a draft (callgrind): floor %.2f M, plancheck check %.2f M: %.1fx the floor\n' \
		"$(awk -v x="$fl" 'BEGIN{print x/1e6}')" "$(awk -v x="$ck" 'BEGIN{print x/1e6}')" \
		"$(awk -v a="$ck" -v b="$fl" 'BEGIN{print a/b}')"
fi

# memory: a 10,000-draft review, JSON only
rm -rf "$B/big"
./build/gen tests/corpus/public/hakkoda-seiko.md "$B/big" "$BIG" 2
kib=$(./build/rusage rss $PC review "$B/big" -o "$B/big-out" --no-pdf -q || true)
printf '\npeak RSS of review over %d drafts (JSON only, %d threads): %s KiB (%.1f MB)\n' "$BIG" "$(nproc)" \
	"$kib" "$(awk -v k="$kib" 'BEGIN{print k/1024}')"
rm -rf "$B/big" "$B/big-out"
rm -rf "$B"/review-*
