#!/bin/sh
# The load part of make bench (also runnable alone): one `plancheck serve`
# (its thread pool, the rules loaded once) under wrk, POST /api/check of
# one generated draft, with 50 connections and then 200, for
# BENCH_LOAD_SECONDS each: requests/s, p50, p99 and errors.  The peer, in
# the same run and at the same concurrency: 50 `plancheck check` processes
# at once, each starting again as soon as it ends (what a desk's script
# would do without serve): drafts/s and p50 of one check.
#   sh bench/serve-load.sh DRAFT [OUTDIR]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRAFT=$1
B=${2:-$ROOT/build/bench}
PC=${PLANCHECK:-$ROOT/plancheck}
S=${BENCH_LOAD_SECONDS:-10}
export PLANCHECK_DATA=${PLANCHECK_DATA:-$ROOT}
mkdir -p "$B"
if ! command -v wrk >/dev/null 2>&1; then
	echo "bench: wrk is not installed (scripts/deps.sh installs it): the serve load run is skipped"
	exit 0
fi

# the peer: C processes at once for S seconds, each run's milliseconds
# (and a mark for a run that failed: exit 2 or worse) in one file each
peer() {
	c=$1
	rm -rf "$B/peer"
	mkdir -p "$B/peer"
	t0=$(date +%s%N)
	end=$(($(date +%s) + S))
	i=0
	while [ $i -lt "$c" ]; do
		(
			while [ "$(date +%s)" -lt "$end" ]; do
				s=$(date +%s%N)
				st=0
				"$PC" check --format json "$DRAFT" >/dev/null 2>&1 || st=$?
				e=$(date +%s%N)
				[ $st -le 1 ] && echo $(((e - s) / 1000000)) || echo fail
			done >"$B/peer/$i"
		) &
		i=$((i + 1))
	done
	wait
	t1=$(date +%s%N)
	cat "$B"/peer/* >"$B/peer.ms"
	n=$(grep -c '^[0-9]' "$B/peer.ms" || true)
	fails=$(grep -c fail "$B/peer.ms" || true)
	p50=$(grep '^[0-9]' "$B/peer.ms" | sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print 0 }')
	rps=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / ((b - a) / 1e9) }')
	echo "$n $rps $p50 $fails"
	rm -rf "$B/peer" "$B/peer.ms"
}

# wrk's latency in ms ("4.49s", "208.00ms", "950.00us")
ms() { awk -v x="$1" 'BEGIN { v = x + 0; if (x ~ /us$/) v /= 1000; else if (x ~ /ms$/) v = v; else if (x ~ /s$/) v *= 1000; else if (x ~ /m$/) v *= 60000; printf "%.0f", v }'; }

load() {   # load CONNECTIONS -> "requests rps p50ms p99ms non2xx socket"
	wrk -t2 -c"$1" -d"${S}s" --timeout 10s --latency -s "$ROOT/bench/serve-post.lua" \
		"${url}api/check?name=draft.md" >"$B/wrk-$1.out" 2>&1 || true
	w=$B/wrk-$1.out
	echo "$(awk '/requests in/ { print $1 }' "$w") $(awk '/^Requests\/sec:/ { print $2 }' "$w")" \
		"$(ms "$(awk '$1 == "50%" { print $2 }' "$w")")" "$(ms "$(awk '$1 == "99%" { print $2 }' "$w")")" \
		"$(awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$w")" \
		"$(awk '/Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); s += $i } } END { print s + 0 }' "$w")"
}

mkdir -p "$B/serve-tmp"
TMPDIR=$B/serve-tmp "$PC" serve --listen 127.0.0.1:0 >"$B/serve.out" 2>"$B/serve.err" &
spid=$!
url=""
for _ in $(seq 1 100); do
	url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$B/serve.out" 2>/dev/null | head -n 1 || true)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { echo "bench: serve did not start: $(cat "$B/serve.err")"; kill "$spid" 2>/dev/null; exit 1; }
export DRAFT
# shellcheck disable=SC2046
set -- $(load 50)
s50_n=$1 s50_rps=$2 s50_p50=$3 s50_p99=$4 s50_bad=$(($5 + $6))
# shellcheck disable=SC2046
set -- $(peer 50)
p_n=$1 p_rps=$2 p_p50=$3 p_fail=$4
# shellcheck disable=SC2046
set -- $(load 200)
s200_n=$1 s200_rps=$2 s200_p50=$3 s200_p99=$4 s200_non2xx=$5 s200_sock=$6
kill -TERM "$spid"
sst=0
wait "$spid" || sst=$?
rm -rf "$B/serve-tmp"

printf '\nserve, %s s each, %s cores, one draft of %s bytes:\n' "$S" "$(nproc)" "$(wc -c <"$DRAFT")"
printf '  50 concurrent POST /api/check: %s requests, %s req/s, p50 %s ms, p99 %s ms; %s failed (non-2xx or socket)\n' \
	"$s50_n" "$s50_rps" "$s50_p50" "$s50_p99" "$s50_bad"
printf '  peer, 50 concurrent `plancheck check` processes: %s checks, %s drafts/s, p50 %s ms; %s failed\n' \
	"$p_n" "$p_rps" "$p_p50" "$p_fail"
printf '  serve / peer: %sx the throughput, p50 %sx\n' \
	"$(awk -v a="$s50_rps" -v b="$p_rps" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')" \
	"$(awk -v a="$s50_p50" -v b="$p_p50" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
printf '  200 concurrent POST /api/check: %s requests, %s req/s, p50 %s ms, p99 %s ms; errors: %s non-2xx, %s socket\n' \
	"$s200_n" "$s200_rps" "$s200_p50" "$s200_p99" "$s200_non2xx" "$s200_sock"
printf '  server exit on SIGTERM: %s\n' "$sst"
