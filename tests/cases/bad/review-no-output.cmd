"$PLANCHECK" review .
