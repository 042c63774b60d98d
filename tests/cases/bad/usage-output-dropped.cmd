# -o where the command writes no file was dropped without a word (check
# printed to the terminal, the file never came); and a report into a
# folder that does not exist says so, not "cannot make a temporary file"
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT || exit 9
{
	"$PLANCHECK" check --rules ../../rules-min -o "$t/result.txt" tab-indent.md
	echo "exit: $?"
	test -e "$t/result.txt" && echo "result.txt was written"
	"$PLANCHECK" explain -o "$t/x" common.spelling
	echo "exit: $?"
	"$PLANCHECK" report --rules ../../rules-min tab-indent.md -o "$t/no/such/folder/out.pdf"
	echo "exit: $?"
	"$PLANCHECK" fix tab-indent.md -o "$t/no/such/folder/out.md"
	echo "exit: $?"
} 2>&1 | sed "s|$t|TMP|"
