out=$("$PLANCHECK" report --rules ../../rules-min tab-indent.md -o /dev/full 2>&1); st=$?
printf '%s\n' "$out"; exit $st
