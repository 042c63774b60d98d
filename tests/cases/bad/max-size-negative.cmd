# --max-size takes digits and an optional K or M, at most 1024M: "-1" was
# read as the largest number there is (strtoull), and so was 2^64 - 1
"$PLANCHECK" check --rules ../../rules-min --max-size -1 tab-indent.md; echo "exit: $?"
"$PLANCHECK" check --rules ../../rules-min --max-size 18446744073709551615 tab-indent.md; echo "exit: $?"
"$PLANCHECK" check --rules ../../rules-min --max-size 2048M tab-indent.md
