# fix applies every replacement, past the 5,000 findings a report keeps
# (it stopped at 4,999 and said nothing); a waiver still holds past it
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
{
	printf -- '---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n\n'
	awk 'BEGIN { for (i = 0; i < 3000; i++) print "全て下さい。\n" }'
	printf '<!-- plancheck-disable-next-line common.notation-subete reason="引用" -->\n全て\n'
} >many.md
"$PLANCHECK" fix many.md -o fixed.md 2>&1 | tail -n 1
echo "left: $(grep -c '全て\|下さい' fixed.md)"
"$PLANCHECK" check many.md | grep -c 'too-many-findings'
