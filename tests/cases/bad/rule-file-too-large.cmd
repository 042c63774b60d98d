# a rule file over 16 MB: one error, in a rule file's words (it got the
# message meant for plans, about --max-size, and a second, bogus error
# saying the file was not a map)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && mkdir -p "$t/r/p" && cd "$t" || exit 9
{
	printf 'pack: p\nrules: []\n'
	awk 'BEGIN { for (i = 0; i < 300000; i++) print "# padding padding padding padding padding padding padding" }'
} >r/p/r.yml
"$PLANCHECK" rules --rules r 2>&1
