"$PLANCHECK" check --frobnicate x.md
