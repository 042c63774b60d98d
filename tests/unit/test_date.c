/*
 * test_date.c - the date reader (ISO, slashes, 年月日, 和暦 with 元年 and
 * abbreviations, era bounds), day numbers and month arithmetic.
 */
#include "internal.h"
#include "unit.h"

static void ok_date(const char *s, int y, int m, int d)
{
	struct pc_date dt = {0, 0, 0};
	enum pc_parse_status st = pc_date_parse(s, strlen(s), &dt);
	OK(st == PC_OK && dt.y == y && dt.m == m && dt.d == d, "\"%s\": status %d → %d-%d-%d", s, st, dt.y,
	   dt.m, dt.d);
}

static void bad_date(const char *s, enum pc_parse_status want)
{
	struct pc_date dt;
	enum pc_parse_status st = pc_date_parse(s, strlen(s), &dt);
	OK(st == want, "\"%s\": status %d, want %d", s, st, want);
}

int main(void)
{
	ok_date("2023-04-05", 2023, 4, 5);
	ok_date("2023/4/5", 2023, 4, 5);
	ok_date("2023.4.5", 2023, 4, 5);
	ok_date("2023年4月5日", 2023, 4, 5);
	ok_date("２０２３年４月５日", 2023, 4, 5);
	ok_date("2023年 4月 5日", 2023, 4, 5);
	ok_date("令和5年4月5日", 2023, 4, 5);
	ok_date("令和元年5月1日", 2019, 5, 1);
	ok_date("令和1年5月1日", 2019, 5, 1);
	ok_date("R5.4.5", 2023, 4, 5);
	ok_date("R5/12/28", 2023, 12, 28);
	ok_date("r6.2.29", 2024, 2, 29);
	ok_date("平成31年4月30日", 2019, 4, 30);
	ok_date("平成元年1月8日", 1989, 1, 8);
	ok_date("H30.4.1", 2018, 4, 1);
	ok_date("昭和64年1月7日", 1989, 1, 7);
	ok_date("S60.10.1", 1985, 10, 1);
	ok_date("2024-02-29", 2024, 2, 29);

	bad_date("2023-02-30", PC_ENODATE);
	bad_date("2023-02-29", PC_ENODATE);
	bad_date("2023-13-01", PC_ENODATE);
	bad_date("2100-02-29", PC_ENODATE);
	bad_date("令和0年4月1日", PC_EERA);
	bad_date("令和1年4月30日", PC_EERA);
	bad_date("平成32年1月1日", PC_EERA);
	bad_date("平成元年1月7日", PC_EERA);
	bad_date("昭和64年1月8日", PC_EERA);
	bad_date("令和5年2月30日", PC_ENODATE);
	bad_date("2023年4月", PC_ESYNTAX);
	bad_date("2023-04-05T10:00", PC_ESYNTAX);
	bad_date("20230405", PC_ESYNTAX);
	bad_date("", PC_ESYNTAX);
	bad_date("来年4月", PC_ESYNTAX);

	struct pc_date a = {1970, 1, 1}, b = {2000, 3, 1};
	INT_EQ(pc_date_days(a), 0, "epoch");
	INT_EQ(pc_date_days(b), 11017, "2000-03-01");
	for (int64_t d = -1000; d < 30000; d += 7) {
		struct pc_date x = pc_date_from_days(d);
		if (pc_date_days(x) != d) {
			OK(0, "round trip of day %lld", (long long)d);
			break;
		}
	}
	struct pc_date dec = {2022, 11, 15};
	struct pc_date r = pc_date_add_months(dec, 12);
	OK(r.y == 2023 && r.m == 11 && r.d == 15, "2022-11-15 + 12 months = %d-%d-%d", r.y, r.m, r.d);
	struct pc_date jan31 = {2023, 1, 31};
	r = pc_date_add_months(jan31, 1);
	OK(r.y == 2023 && r.m == 2 && r.d == 28, "2023-01-31 + 1 month = %d-%d-%d", r.y, r.m, r.d);
	r = pc_date_add_months((struct pc_date){2023, 8, 25}, 14);
	OK(r.y == 2024 && r.m == 10 && r.d == 25, "2023-08-25 + 14 months = %d-%d-%d", r.y, r.m, r.d);
	struct pc_arena ar = {0};
	STR_EQ(pc_date_format(&ar, dec), "2022年11月15日", "format");
	pc_arena_release(&ar);
	return unit_done("test_date");
}
