#!/bin/sh
# The whole suite, in POSIX sh: unit tests, every rule's own examples, the
# data-driven cases under tests/cases (input, expected output, exit status,
# input unchanged), the shared public corpus and its answer keys, and the
# contract checks of the issues.  Ends with one line "N passed, N failed"
# (", N skipped" after it when a test needs something this machine lacks,
# such as ../shared beside the clone: the repository carries its own copy
# of the public corpus in tests/corpus/public, so only the extra runs over
# ../shared are skipped then).
#
#   sh tests/run.sh            run everything
#   sh tests/run.sh --update   rewrite tests/cases/**/*.expected (review the diff!)
#
# PLANCHECK and UNIT_DIR select the binaries (make asan points them at the
# sanitizer build).
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
PLANCHECK=${PLANCHECK:-./plancheck}
case $PLANCHECK in /*) ;; *) PLANCHECK=$ROOT/${PLANCHECK#./} ;; esac
UNIT_DIR=${UNIT_DIR:-build}
SHARED=${SHARED:-$ROOT/../shared}
# the public plans and answer keys, as the repository carries them
PUB=$ROOT/tests/corpus/public
UPDATE=0
[ "${1:-}" = "--update" ] && UPDATE=1
# the repository's own rules and dictionaries, whichever binary runs
PLANCHECK_DATA=${PLANCHECK_DATA:-$ROOT}
export PLANCHECK PLANCHECK_DATA PUB LC_ALL=C.UTF-8 NO_COLOR=1
# a terminal height would put a summary before long text outputs
unset LINES
TMP=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# seconds one test (a unit binary, a case, a contract check) may take
# before it is stopped and counted failed: a hang is one failure, not a
# suite that never ends (make valgrind raises it)
CONTRACT_TIMEOUT=${CONTRACT_TIMEOUT:-900}
T="timeout -k 10 $CONTRACT_TIMEOUT"

pass=0
fail=0
skipped=0
ok() { pass=$((pass + 1)); }
skip() {
	skipped=$((skipped + ${2:-1}))
	echo "SKIP: $1"
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}
# expect_rc WHAT WANT GOT
expect_rc() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: exit $3, want $2"; fi
}

# ---- unit tests --------------------------------------------------------
for t in "$UNIT_DIR"/test_*; do
	case $t in *.d | *.o) continue ;; esac
	[ -x "$t" ] || continue
	out=$($T "$t" 2>&1)
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		printf '%s\n' "$out"
		bad "$t did not finish"
		continue
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" = 0 ] || printf '%s\n' "$out" | grep -v ' passed, '
done

# ---- fuzz corpora, replayed without fuzzing --------------------------------
for t in plan rules amount expr prefilter http docx table; do
	r="$UNIT_DIR/replay_$t"
	[ -x "$r" ] || { bad "$r missing"; continue; }
	if PLANCHECK_PLAN=examples/hakkoda-seiko.md "$r" fuzz/seeds/$t fuzz/regress/$t >"$TMP/replay" 2>&1; then ok; else
		bad "fuzz replay $t"
		tail -n 20 "$TMP/replay"
	fi
done

# ---- every rule's own examples ----------------------------------------
out=$("$PLANCHECK" rules --test 2>&1)
rc=$?
line=$(printf '%s\n' "$out" | tail -n 1)
p=$(printf '%s\n' "$line" | sed -n 's/^rules: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(printf '%s\n' "$line" | sed -n 's/^rules: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -n "$p" ]; then
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" = 0 ] || printf '%s\n' "$out" | grep -v ' passed, '
else
	printf '%s\n' "$out"
	bad "rules --test did not run"
fi
expect_rc "rules --test" "$([ "${f:-1}" = 0 ] && echo 0 || echo 1)" "$rc"

# expect_file WANT GOT: GOT must equal WANT byte for byte (--update: becomes it)
expect_file() {
	if [ $UPDATE = 1 ]; then
		cp "$2" "$1"
		ok
	elif cmp -s "$2" "$1"; then
		ok
	else
		bad "$1 differs:"
		diff -u "$1" "$2" | head -40
	fi
}

# ---- data-driven cases -----------------------------------------------------
# tests/cases/<group>/<name>.expected holds the combined stdout and stderr
# of one run and a last line "exit: N".  The run is
#   <name>.cmd  a shell script, run in its directory, or
#   <name>.gen  a script that writes the input: then `check <name>.md` in a
#               scratch directory, or else
#   `plancheck check <name>.md` in the case's directory.
# A <name>.json beside it is compared with `check --format json` as well.
for exp in tests/cases/*/*.expected; do
	[ -e "$exp" ] || continue
	dir=$(dirname "$exp")
	name=$(basename "$exp" .expected)
	got=$TMP/got
	# a group's ARGS file adds options; a relative --rules is from the repo root
	args=""
	[ -f "$dir/ARGS" ] && args=$(sed "s|@ROOT@|$ROOT|g" "$dir/ARGS")
	if [ -f "$dir/$name.cmd" ]; then
		(cd "$dir" && $T sh "./$name.cmd") >"$got" 2>&1
		echo "exit: $?" >>"$got"
		input=""
	else
		if [ -f "$dir/$name.gen" ]; then
			rundir=$TMP/gen
			rm -rf "$rundir"
			mkdir -p "$rundir"
			sh "$dir/$name.gen" >"$rundir/$name.md"
		else
			rundir=$dir
		fi
		input=$rundir/$name.md
		sum_before=$(cksum <"$input")
		# shellcheck disable=SC2086
		(cd "$rundir" && $T "$PLANCHECK" check $args "$name.md") >"$got" 2>&1
		echo "exit: $?" >>"$got"
		if [ -f "$dir/$name.json" ]; then
			# shellcheck disable=SC2086
			(cd "$rundir" && "$PLANCHECK" check $args --format json "$name.md") >"$TMP/got.json" 2>&1
			expect_file "$dir/$name.json" "$TMP/got.json"
		fi
		if [ "$(cksum <"$input")" = "$sum_before" ]; then ok; else bad "$input was modified"; fi
	fi
	expect_file "$exp" "$got"
done

# ---- the public corpus -----------------------------------------------------
# corpus DIR: the clean plan, its CP932/CRLF copy and the answer keys
corpus() {
	pub=$1
	"$PLANCHECK" check --format json "$pub/hakkoda-seiko.md" >"$TMP/clean.json" 2>&1
	expect_rc "clean public plan" 0 $?
	# no error and no warning, and every field present
	if grep -q '"summary": {"error": 0, "warning": 0,' "$TMP/clean.json"; then ok; else
		bad "clean public plan has findings:"
		grep '"severity"' "$TMP/clean.json" | head
	fi
	sh tests/json-shape.sh "$TMP/clean.json" && ok || bad "JSON shape of the clean plan"
	# the CP932/CRLF copy: same findings at the same lines, plus the note
	"$PLANCHECK" check --format json "$pub/encodings/hakkoda-seiko-cp932-crlf.md" >"$TMP/sj.json" 2>&1
	expect_rc "CP932 copy" 0 $?
	grep '"rule"' "$TMP/clean.json" >"$TMP/a"
	grep '"rule"' "$TMP/sj.json" | grep -v 'plan.encoding-cp932' >"$TMP/b"
	if cmp -s "$TMP/a" "$TMP/b"; then ok; else
		bad "CP932 copy gives other findings"
		diff "$TMP/a" "$TMP/b" | head
	fi
	if grep -q '"encoding": "cp932"' "$TMP/sj.json" && grep -q 'plan.encoding-cp932' "$TMP/sj.json"; then ok; else bad "CP932 not noted"; fi
	sed -n '/"computed"/p' "$TMP/clean.json" >"$TMP/ca"
	sed -n '/"computed"/p' "$TMP/sj.json" >"$TMP/cb"
	if cmp -s "$TMP/ca" "$TMP/cb"; then ok; else bad "CP932 copy computes other figures"; fi
	# the answer keys: every seeded defect at its line
	for key in "$pub"/*/*.expect.yml; do
		[ -f "$key" ] || continue
		if "$UNIT_DIR/score" rules "$key" >"$TMP/score" 2>&1; then ok; else
			bad "answer key $key:"
			cat "$TMP/score"
		fi
	done
}
before=$((pass + fail))
corpus "$PUB"
for key in tests/keys/*.expect.yml; do
	[ -f "$key" ] || continue
	if "$UNIT_DIR/score" rules "$key" >"$TMP/score" 2>&1; then ok; else
		bad "answer key $key:"
		cat "$TMP/score"
	fi
done
# the same over ../shared, when it is there: the repository's copy must
# not drift from the corpus it was taken from
if [ -d "$SHARED/corpus/public" ]; then
	corpus "$SHARED/corpus/public"
	for f in hakkoda-seiko.md defects/tsugaru-foods.md defects/tsugaru-foods.expect.yml \
		encodings/hakkoda-seiko-cp932-crlf.md; do
		if cmp -s "$PUB/$f" "$SHARED/corpus/public/$f"; then ok; else bad "tests/corpus/public/$f differs from $SHARED/corpus/public/$f"; fi
	done
else
	skip "the public corpus in $SHARED (not found; set SHARED=)" $((pass + fail - before + 4))
fi

# ---- no fuzzer artefact is tracked ------------------------------------------
# libFuzzer drops crash-*, leak-*, timeout-*, oom-* and slow-unit-* into the
# working directory; a reproducer belongs in fuzz/regress/<target>/
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	art=$(git -C "$ROOT" ls-files | grep -E '(^|/)(crash|leak|timeout|oom|slow-unit)-[^/]*$' | grep -v '^fuzz/regress/' || true)
	if [ -z "$art" ]; then ok; else bad "fuzzer artefacts are tracked (move them to fuzz/regress/<target>/ or delete them): $art"; fi
else
	skip "tracked fuzzer artefacts (not a git checkout)"
fi

# ---- contract checks ---------------------------------------------------------
for t in tests/contract/*.sh; do
	[ -f "$t" ] || continue
	# each contract test gets a scratch directory of its own
	# a check that needs what is not here writes one line per part it
	# skipped to $SKIPS, or exits 77 when it skipped everything
	ct=$TMP/contract-$(basename "$t" .sh)
	mkdir -p "$ct"
	# under a time limit of its own, traced: a check that hangs (a server
	# that never answers) is one failure showing the command it hung on,
	# not a suite that never ends; timeout stops the test's whole process
	# group, servers it started included
	out=$(SHARED=$SHARED TMP=$ct SKIPS=$ct.skips $T sh -x "$t" 2>&1)
	rc=$?
	[ $rc = 124 ] && out="$out
($t: no end after $CONTRACT_TIMEOUT s; stopped)"
	if [ -s "$ct.skips" ]; then
		while IFS= read -r why; do skip "$t: $why"; done <"$ct.skips"
	fi
	if [ $rc = 77 ]; then [ -s "$ct.skips" ] || skip "$t"; elif [ $rc = 0 ]; then ok; else
		bad "$t"
		printf '%s\n' "$out" | tail -n 30
	fi
done

# one source: the manual sections that describe a check no rule implements
"$PLANCHECK" manual --check-cites 2>&1 | grep ': note:' || true

if [ "$skipped" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skipped skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" = 0 ]
