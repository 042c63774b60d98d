"$PLANCHECK" check --format xml x.md
