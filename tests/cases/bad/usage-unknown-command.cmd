"$PLANCHECK" chek x.md
