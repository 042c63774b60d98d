"$PLANCHECK" check --max-size lots tab-indent.md
