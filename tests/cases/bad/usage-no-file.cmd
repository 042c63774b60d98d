"$PLANCHECK" check
