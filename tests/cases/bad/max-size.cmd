"$PLANCHECK" check --rules ../../rules-min --max-size 100 tab-indent.md
