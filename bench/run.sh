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
rm -rf "$B/drafts"
mkdir -p "$B"
./build/gen ../shared/corpus/public/hakkoda-seiko.md "$B/drafts" "$N" 1
pages=$($PC check --format json "$B/drafts/draft-00001.md" | jq -r '.files[0].computed.estimated_pages')
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }
echo "bench: $N drafts of ~$pages A4 pages each ($(du -sh "$B/drafts" | cut -f1)), $(nproc) cores"

t0=$(now)
./build/floor "$B"/drafts/*.md >/dev/null
t1=$(now)
floor=$(rate "$N" "$t0" "$t1")

t0=$(now)
$PC check --format json "$B"/drafts/*.md >"$B/plancheck.json" || true
t1=$(now)
pc=$(rate "$N" "$t0" "$t1")

t0=$(now)
$PC review "$B/drafts" -o "$B/review" --no-pdf -q || true
t1=$(now)
pcj=$(rate "$N" "$t0" "$t1")

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

# memory: a 10,000-draft review, JSON only
rm -rf "$B/big"
./build/gen ../shared/corpus/public/hakkoda-seiko.md "$B/big" "$BIG" 2
kib=$(./build/rusage rss $PC review "$B/big" -o "$B/big-out" --no-pdf -q || true)
printf '\npeak RSS of review over %d drafts (JSON only, %d threads): %s KiB (%.1f MB)\n' "$BIG" "$(nproc)" \
	"$kib" "$(awk -v k="$kib" 'BEGIN{print k/1024}')"
rm -rf "$B/big" "$B/big-out"
