# Pathological inputs in the style of cmark's: each is checked at size N
# and 10N and the CPU time above an empty plan's must grow about tenfold,
# not a hundredfold (limit 25).  Also: none crashes, and each gives the
# finding that says what is wrong where one applies.
set -eu
RUSAGE=${UNIT_DIR:-build}/rusage
. tests/contract/lib/linear.sh
gen() {   # kind n > file
	case $1 in
	headings) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---"; for (i = 0; i < n; i++) printf "# 見出し%d\n\n本文%d。\n", i, i }' ;;
	longline) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "当社は部品%dを作る。", i; print "" }' ;;
	expenses) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\nexpenses:"; for (i = 0; i < n; i++) printf "  - category: 建物費\n    item: 工事%d\n    amount: %d万円\n    quotes: 2\n", i, i % 900 + 10; print "subsidy:\n  eligible_total: 1万円\n---\n# 本文" }' ;;
	nesting) awk -v n="$2" 'BEGIN { printf "---\nprogram: saikouchiku\nx: "; for (i = 0; i < n; i++) printf "["; print "\n---\n# 本文" }' ;;
	waivers) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "<!-- plancheck-disable-next-line common.spelling -->\nマーケテイング%d。\n", i }' ;;
	# issue 16: many keys (the duplicate check scanned them all), a long
	# number in {…} (rebuilt per digit group), broken rows (a full re-read
	# per repair, each tree kept), a huge table, tiny paragraphs, many
	# findings
	keys) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6"; for (i = 0; i < n; i++) printf "k%d: 1\n", i; print "---\n# 本文" }' ;;
	comma) awk -v n="$2" 'BEGIN { printf "---\nprogram: saikouchiku\nround: 6\nsubsidy: {national: 1"; for (i = 0; i < n; i++) printf ",000"; print "}\n---\n# 本文" }' ;;
	broken) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\nexpenses:"; for (i = 0; i < n; i++) printf "  - {category: 建物費, item: 工事%d, amount: 1000, quotes: %s}\n", i, i % 300 == 7 ? "[2" : "2"; print "---\n# 本文" }' ;;
	table) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容\n\n|年度|売上高|営業利益|\n|---|---|---|"; for (i = 0; i < n; i++) printf "|%d|%d|%d|\n", i, i * 3, i * 2 }' ;;
	paragraphs) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "\nあ%d\n", i }' ;;
	findings) awk -v n="$2" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容"; for (i = 0; i < n; i++) printf "\n全て下さい%d。\n", i }' ;;
	# issue 16 / H16's sweep: one line of a single character class, which
	# MeCab groups from every start position (O(run²): 100,000 digits or
	# '#' took 17 s), combining marks after one kana, one sentence of 、
	digits | hashes | brackets | combining | commas)
		awk -v n="$2" -v k="$1" 'BEGIN { print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容\n"
			u = k == "digits" ? "7" : k == "hashes" ? "#" : k == "brackets" ? "[]" : k == "combining" ? "\343\202\231" : "あ、"
			if (k == "combining") printf "か"
			for (i = 0; i < n; i++) printf "%s", u
			print "" }' ;;
	esac
}
printf -- '---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n' >"$TMP/empty.md"
base=$("$RUSAGE" cpu "$PLANCHECK" check "$TMP/empty.md")
for kind in headings:10000 longline:30000 expenses:1000 nesting:10000 waivers:1000 keys:3000 comma:3000 \
	broken:2000 table:3000 paragraphs:3000 findings:2000 \
	digits:10000 hashes:10000 brackets:10000 combining:4000 commas:20000; do
	k=${kind%%:*}
	n=${kind#*:}
	gen "$k" "$n" >"$TMP/$k-1.md"
	gen "$k" $((n * 10)) >"$TMP/$k-10.md"
	t1=$("$RUSAGE" cpu "$PLANCHECK" check --max-size 64M "$TMP/$k-1.md") || { echo "$k: crashed at $n"; exit 1; }
	t10=$("$RUSAGE" cpu "$PLANCHECK" check --max-size 64M "$TMP/$k-10.md") || { echo "$k: crashed at $((n * 10))"; exit 1; }
	linear "$k (N=$n, 10N $(wc -c <"$TMP/$k-10.md") bytes)" "$base" "$t1" "$t10" || exit 1
done
# unknown Latin words (product names) cost about as much as Japanese ones:
# 400 and 2,000 lines of them against the same lines with Japanese words,
# a ratio of CPU time above start-up, never a wall clock (400 lines took
# 82 s, 40 ms a word).  The Latin side's start-up is a draft with one
# Latin word: en_US is loaded for the first one, once (a constant that
# ASan makes as large as the 400 lines' work)
latin() {   # n words? > file
	awk -v n="$1" -v latin="$2" 'BEGIN { srand(3); split("alumi craft eco motion precis tronix vertex lumina spark forge nova axis flex terra quant optima hydra zen core wave", p, " ")
		print "---\nprogram: saikouchiku\nround: 6\n---\n# 1. 補助事業の具体的取組内容\n"
		for (i = 0; i < n; i++) {
			w = p[int(rand() * 20) + 1] p[int(rand() * 20) + 1] p[int(rand() * 20) + 1]
			w = toupper(substr(w, 1, 1)) substr(w, 2)
			if (latin) printf "当社は新製品 %s を開発し、%sPro と %sLite を販売します。\n\n", w, w, w
			else printf "当社は新製品の部品を開発し、部品の改良品と廉価品を販売します。\n\n"
		} }'
}
latin 1 1 >"$TMP/latin-1.md"
base_latin=$("$RUSAGE" cpu "$PLANCHECK" check "$TMP/latin-1.md")
for n in 400 2000; do
	latin $n 1 >"$TMP/latin-$n.md"
	latin $n 0 >"$TMP/clean-$n.md"
	tl=$("$RUSAGE" cpu "$PLANCHECK" check "$TMP/latin-$n.md") || { echo "latin: crashed at $n"; exit 1; }
	tc=$("$RUSAGE" cpu "$PLANCHECK" check "$TMP/clean-$n.md") || { echo "clean: crashed at $n"; exit 1; }
	wl=$((tl - base_latin))
	wc=$((tc - base))
	[ $wc -ge 20 ] || wc=20
	ratio=$(awk -v a="$wl" -v b="$wc" 'BEGIN { printf "%.1f", a / b }')
	echo "latin words: $n lines ${tl} ms, Japanese words ${tc} ms, ratio $ratio"
	[ "${PLANCHECK_TIMING:-on}" = off ] ||
		awk -v r="$ratio" 'BEGIN { exit !(r <= 10) }' || { echo "unknown Latin words are slow"; exit 1; }
done
# what they say
"$PLANCHECK" check "$TMP/nesting-10.md" | grep -q 'plan.yaml-depth'
"$PLANCHECK" check "$TMP/waivers-1.md" | grep -q 'plan.waiver'
st=0
"$PLANCHECK" check --max-size 1M "$TMP/longline-10.md" >"$TMP/out" || st=$?
[ $st = 1 ] && grep -q 'plan.too-large' "$TMP/out"
# findings are capped, and the cap says so
"$PLANCHECK" check "$TMP/waivers-10.md" | grep -q 'plan.too-many-findings'
