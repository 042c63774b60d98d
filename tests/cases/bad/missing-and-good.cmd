"$PLANCHECK" check --rules ../../rules-min no-such-plan.md empty.md
