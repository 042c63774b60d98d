"$PLANCHECK" report --rules ../../rules-min tab-indent.md -o .
