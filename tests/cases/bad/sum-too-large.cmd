# sums are exact past 64 bits, and a computed figure past 1,000兆円 is an
# error even when every amount in it is in range (two amounts of
# 9223372036854775807 wrapped the sum to 9999998, in floating point)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
{
	printf -- '---\nprogram: saikouchiku\nround: 6\nexpenses:\n'
	awk 'BEGIN { for (i = 0; i < 12000; i++) print "  - {category: 機械装置・システム構築費, item: 機械, amount: 1000兆円, quotes: 2}" }'
	printf 'subsidy:\n  eligible_total: 3,600万円\n---\n# 本文\n'
} >big.md
"$PLANCHECK" check big.md | grep -E 'plan.range|expense-sum|経費明細の合計'
"$PLANCHECK" check --format json big.md | grep -o '"expenses_sum": [0-9-]*'
