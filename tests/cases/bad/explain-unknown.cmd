"$PLANCHECK" explain --rules ../../rules-min minimal.nam
