/*
 * test_amount.c - the amount reader and writer: every form the plan format
 * names, full-width digits, table units, negatives, and each error class.
 */
#include "internal.h"
#include "unit.h"

static void ok_amount(const char *s, int64_t unit, int64_t want)
{
	int64_t v = -1;
	enum pc_parse_status st = pc_amount_parse(s, strlen(s), unit, &v, NULL);
	OK(st == PC_OK && v == want, "\"%s\" (unit %lld): status %d value %lld, want %lld", s,
	   (long long)unit, st, (long long)v, (long long)want);
}

static void bad_amount(const char *s, enum pc_parse_status want)
{
	int64_t v = 0;
	enum pc_parse_status st = pc_amount_parse(s, strlen(s), 1, &v, NULL);
	OK(st == want, "\"%s\": status %d, want %d", s, st, want);
}

int main(void)
{
	/* the forms of plan-format §2 */
	ok_amount("36000000", 1, 36000000);
	ok_amount("36,000,000", 1, 36000000);
	ok_amount("3,600万円", 1, 36000000);
	ok_amount("3600万", 1, 36000000);
	ok_amount("36,000千円", 1, 36000000);
	ok_amount("１億２,０００万円", 1, 120000000);
	ok_amount("¥36,000,000", 1, 36000000);
	ok_amount("３６００万", 1, 36000000);
	ok_amount("￥１，２００万", 1, 12000000);
	ok_amount("３，０００万円", 1, 30000000);
	ok_amount("1億2000万3000円", 1, 120003000);
	ok_amount("1.5億円", 1, 150000000);
	ok_amount("2.5万円", 1, 25000);
	ok_amount("5兆円", 1, 5000000000000LL);
	ok_amount("100円", 1, 100);
	ok_amount(" 750万円 ", 1, 7500000);
	ok_amount("3千万円", 1, 30000000);
	ok_amount("1億2千万円", 1, 120000000);
	/* bare numbers take the table unit; explicit units do not */
	ok_amount("312000", 1000, 312000000);
	ok_amount("312,000", 1000, 312000000);
	ok_amount("1,200万円", 1000, 12000000);
	ok_amount("12.5", 1000, 12500);
	/* losses, as accountants write them */
	ok_amount("-1,200", 1000, -1200000);
	ok_amount("▲1,200", 1000, -1200000);
	ok_amount("△500万円", 1, -5000000);
	ok_amount("0", 1, 0);
	ok_amount("9223372036854775807", 1, INT64_MAX);

	bad_amount("12,00万円", PC_EGROUPING);
	bad_amount("1,2345", PC_EGROUPING);
	bad_amount("12345,678", PC_EGROUPING);
	bad_amount("1.5円", PC_EFRACTION);
	bad_amount("0.3", PC_EFRACTION);
	bad_amount("9223372036854775808", PC_EOVERFLOW);
	bad_amount("10000000兆円", PC_EOVERFLOW);
	bad_amount("", PC_ESYNTAX);
	bad_amount("円", PC_ESYNTAX);
	bad_amount("三千万円", PC_ESYNTAX);
	bad_amount("3,000人", PC_ESYNTAX);
	bad_amount("2030年", PC_ESYNTAX);
	bad_amount("100万万円", PC_ESYNTAX);
	bad_amount("1万2億円", PC_ESYNTAX);
	bad_amount("abc", PC_ESYNTAX);
	bad_amount("100万円です", PC_ESYNTAX);

	int64_t v;
	int had = -1;
	pc_amount_parse("1000", 4, 1000, &v, &had);
	INT_EQ(had, 0, "bare number has no unit");
	pc_amount_parse("1000円", strlen("1000円"), 1000, &v, &had);
	INT_EQ(had, 1, "円 is a unit");

	struct pc_arena a = {0};
	STR_EQ(pc_amount_format(&a, 36000000), "3,600万円", "format 3,600万円");
	STR_EQ(pc_amount_format(&a, 120000000), "1億2,000万円", "format 1億2,000万円");
	STR_EQ(pc_amount_format(&a, 100000000), "1億円", "format 1億円");
	STR_EQ(pc_amount_format(&a, 7500000), "750万円", "format 750万円");
	STR_EQ(pc_amount_format(&a, 2666666), "2,666,666円", "format odd amount");
	STR_EQ(pc_amount_format(&a, -5000000), "-500万円", "format negative");
	STR_EQ(pc_amount_format(&a, 999), "999円", "format small");
	STR_EQ(pc_amount_format(&a, 5000000000000LL), "5兆円", "format 兆");
	STR_EQ(pc_amount_format_yen(&a, 36000000), "36,000,000円", "format yen");
	pc_arena_release(&a);
	return unit_done("test_amount");
}
