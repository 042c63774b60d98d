# a table whose header row has an empty cell: report's layout copied it
# with memcpy from NULL (UBSan under make asan: "null pointer passed as
# argument 2"); ragged rows and a row of pipes too
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT || exit 9
printf -- '---\nprogram: minimal\n---\n# 1. 表\n\n| 年度 |  | 売上高 |\n|---|---|---|\n| 1年目 | 100 |\n| 2年目 | 200 | 300 | 400 |\n||||\n' >"$t/p.md"
"$PLANCHECK" report --rules ../../rules-min -o "$t/p.pdf" "$t/p.md" >/dev/null 2>"$t/err"
echo "exit: $?"
cat "$t/err"
head -c 5 "$t/p.pdf"; echo
