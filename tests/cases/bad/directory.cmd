"$PLANCHECK" check --rules ../../rules-min .
