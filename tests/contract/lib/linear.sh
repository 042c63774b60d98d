# linear LABEL BASE T1 T10: the CPU milliseconds of an empty input (start-up),
# of N and of 10N; fails when the work above start-up grows more than 25x
# for 10x the input.  A ratio of CPU time, never a wall clock; the work is
# taken as at least 20 ms so that noise stays small.  Under valgrind
# (PLANCHECK_TIMING=off) start-up dwarfs the work and the ratio means
# nothing: the inputs still run there, for memory errors.
linear() {
	_w1=$(($3 - $2))
	_w10=$(($4 - $2))
	[ $_w1 -ge 20 ] || _w1=20
	_ratio=$(awk -v a="$_w10" -v b="$_w1" 'BEGIN { printf "%.1f", a / b }')
	echo "$1: N $3 ms, 10N $4 ms, ratio $_ratio"
	[ "${PLANCHECK_TIMING:-on}" = off ] || awk -v r="$_ratio" 'BEGIN { exit !(r <= 25) }' ||
		{ echo "$1 grows faster than linearly"; return 1; }
}
