# Pathological inputs in the style of cmark's: each is checked at size N
# and 10N and the CPU time above an empty plan's must grow about tenfold,
# not a hundredfold (limit 25).  Also: none crashes, and each gives the
# finding that says what is wrong where one applies.
set -eu
RUSAGE=${UNIT_DIR:-build}/rusage
gen() {   # kind n > file
	case $1 in
	headings) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---"; for (i = 0; i < n; i++) printf "# 見出し%d\n\n本文%d。\n", i, i }' ;;
	longline) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "当社は部品%dを作る。", i; print "" }' ;;
	expenses) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\nexpenses:"; for (i = 0; i < n; i++) printf "  - category: 建物費\n    item: 工事%d\n    amount: %d万円\n    quotes: 2\n", i, i % 900 + 10; print "subsidy:\n  eligible_total: 1万円\n---\n# 本文" }' ;;
	nesting) awk -v n="$2" 'BEGIN { printf "---\nprogram: saikouchiku\nx: "; for (i = 0; i < n; i++) printf "["; print "\n---\n# 本文" }' ;;
	waivers) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "<!-- plancheck-disable-next-line common.spelling -->\nマーケテイング%d。\n", i }' ;;
	esac
}
printf -- '---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n' >"$TMP/empty.md"
base=$("$RUSAGE" cpu "$PLANCHECK" check "$TMP/empty.md")
for kind in headings:10000 longline:30000 expenses:1000 nesting:10000 waivers:1000; do
	k=${kind%%:*}
	n=${kind#*:}
	gen "$k" "$n" >"$TMP/$k-1.md"
	gen "$k" $((n * 10)) >"$TMP/$k-10.md"
	t1=$("$RUSAGE" cpu "$PLANCHECK" check --max-size 64M "$TMP/$k-1.md") || { echo "$k: crashed at $n"; exit 1; }
	t10=$("$RUSAGE" cpu "$PLANCHECK" check --max-size 64M "$TMP/$k-10.md") || { echo "$k: crashed at $((n * 10))"; exit 1; }
	# the work above start-up, at least 20 ms so that noise stays small
	w1=$((t1 - base))
	w10=$((t10 - base))
	[ $w1 -ge 20 ] || w1=20
	ratio=$(awk -v a="$w10" -v b="$w1" 'BEGIN { printf "%.1f", a / b }')
	echo "$k: N=$n ${t1} ms, 10N ${t10} ms, ratio $ratio (size $(wc -c <"$TMP/$k-10.md") bytes)"
	# under valgrind start-up dwarfs the work and the ratio means nothing;
	# the inputs still run there, for memory errors
	[ "${PLANCHECK_TIMING:-on}" = off ] ||
		awk -v r="$ratio" 'BEGIN { exit !(r <= 25) }' || { echo "$k grows faster than linearly"; exit 1; }
done
# what they say
"$PLANCHECK" check "$TMP/nesting-10.md" | grep -q 'plan.yaml-depth'
"$PLANCHECK" check "$TMP/waivers-1.md" | grep -q 'plan.waiver'
st=0
"$PLANCHECK" check --max-size 1M "$TMP/longline-10.md" >"$TMP/out" || st=$?
[ $st = 1 ] && grep -q 'plan.too-large' "$TMP/out"
# findings are capped, and the cap says so
"$PLANCHECK" check "$TMP/waivers-10.md" | grep -q 'plan.too-many-findings'
