# Peak memory, as peak RSS from build/rusage (a ratio to the input, never a
# time), within 10× the input plus a constant: the constant is a small
# clean plan's peak (rule packs, dictionaries, MeCab's) and 32 MiB (the
# front matter's tree is capped at 200,000 values, about that much).
#  - check and report of a plan with 20,000 and 155,000 expense rows (15 MB;
#    16 MB of them peaked at 650 MB for check and 1.6 GB for report);
#  - check of 8 MB of ordinary prose (the example's body, repeated; 278 MB
#    with 100-byte tokens, 171 MB with 40-byte ones) and of one 6 MB
#    sentence ("あ、" repeated: MeCab's lattice of it took 1.1 GB before
#    MeCab was given at most 1 KB at once);
#  - report of 1 MB of prose (6,000 findings, 600 pages; it peaked at
#    304 MB while every mark was a set of libharu objects).
set -eu
RUSAGE=${UNIT_DIR:-build}/rusage
case $PLANCHECK in
*valgrind* | *asan*)
	# their shadow memory is the measurement's
	echo "memory bounds (under a sanitizer or valgrind RSS is not the program's)" >>"$SKIPS"
	exit 77 ;;
esac
rows() {   # n > file: flow rows as a spreadsheet export writes them
	awk -v n="$1" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\nexpenses:"
		for (i = 0; i < n; i++) printf "  - {category: 機械装置・システム構築費, item: 加工機%d, amount: 1000, quotes: 3}\n", i
		print "subsidy:\n  eligible_total: 1万円\n---\n# 本文\n\n本文です。" }'
}
prose() {   # bytes > file: the example plan with its body repeated
	awk -v want="$1" 'NR == 1, /^---$/ && NR > 1 { print; next } { body = body $0 "\n" }
		END { while (n < want) { printf "%s", body; n += length(body) } }' "$PUB/hakkoda-seiko.md"
}
base=$("$RUSAGE" rss "$PLANCHECK" check "$PUB/hakkoda-seiko.md") || true
# bound WHAT FILE PENDING -- COMMAND...: the command's peak within the bound
bound() {
	what=$1 file=$2 pending=$3
	shift 3
	size=$(($(wc -c <"$file") / 1024))
	peak=$("$RUSAGE" rss "$@") || true
	limit=$((base + 32768 + 10 * size))
	echo "$what: input $size KiB, peak $peak KiB, limit $limit KiB (base $base KiB)"
	[ "$peak" -le "$limit" ] && return 0
	if [ -n "$pending" ]; then
		echo "$what: $peak KiB > $limit KiB (pending $pending)" >>"$SKIPS"
		return 0
	fi
	echo "$what peaks past 10× the input plus the constant"
	exit 1
}
for n in 20000 155000; do
	rows $n >"$TMP/rows.md"
	bound "check, $n rows" "$TMP/rows.md" "" "$PLANCHECK" check "$TMP/rows.md"
	bound "report, $n rows" "$TMP/rows.md" "" "$PLANCHECK" report "$TMP/rows.md" -o "$TMP/rows.pdf"
done
prose 8388608 >"$TMP/prose.md"
bound "check, 8 MB of prose" "$TMP/prose.md" "" "$PLANCHECK" check "$TMP/prose.md"
awk 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n"; for (i = 0; i < 1048576; i++) printf "あ、"; print "" }' >"$TMP/commas.md"
bound "check, one sentence of 6 MB" "$TMP/commas.md" "" "$PLANCHECK" check --max-size 64M "$TMP/commas.md"
prose 1048576 >"$TMP/prose1.md"
bound "report, 1 MB of prose" "$TMP/prose1.md" "" \
	"$PLANCHECK" report "$TMP/prose1.md" -o "$TMP/prose1.pdf"
