/*
 * date.c - calendar dates as plans write them: 2023-04-05, 2023/4/5,
 * 2023年4月5日, 令和5年4月5日, 令和元年5月1日, R5.4.5, H30.4.1, S64.1.7.
 * Era years are checked against the era's own first and last day, so
 * 令和0年 and 平成32年 are errors, not silently shifted dates.  Arithmetic
 * is on day numbers (days since 1970-01-01) and whole months.
 */
#include "internal.h"

#include <string.h>

struct era {
	const char *name, *abbr, *abbr2;
	int y0;                /* Gregorian year of the era's year 1 */
	struct pc_date first, last;
};

static const struct era eras[] = {
	{"令和", "R", "r", 2019, {2019, 5, 1}, {9999, 12, 31}},
	{"平成", "H", "h", 1989, {1989, 1, 8}, {2019, 4, 30}},
	{"昭和", "S", "s", 1926, {1926, 12, 25}, {1989, 1, 7}},
};

int pc_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int md = mdays[m - 1] + (m == 2 && leap);
	return d <= md;
}

/* Howard Hinnant's days_from_civil */
int64_t pc_date_days(struct pc_date dt)
{
	int64_t y = dt.y - (dt.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct pc_date pc_date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	struct pc_date r = {(int)(y + (m <= 2)), (int)m, (int)d};
	return r;
}

struct pc_date pc_date_add_months(struct pc_date dt, int months)
{
	int total = dt.y * 12 + (dt.m - 1) + months;
	struct pc_date r = {total / 12, total % 12 + 1, dt.d};
	while (r.d > 28 && !pc_date_valid(r.y, r.m, r.d))
		r.d--;
	return r;
}

char *pc_date_format(struct pc_arena *a, struct pc_date dt)
{
	return pc_arena_printf(a, "%d年%d月%d日", dt.y, dt.m, dt.d);
}

static bool lit(const char *s, size_t n, size_t *i, const char *l)
{
	size_t k = strlen(l);
	if (n - *i >= k && memcmp(s + *i, l, k) == 0) {
		*i += k;
		return true;
	}
	return false;
}

static void spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
}

static bool num(const char *s, size_t n, size_t *i, int maxdig, int *out)
{
	int v = 0, k = 0;
	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && k < maxdig + 1) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (k == 0 || k > maxdig)
		return false;
	*out = v;
	return true;
}

/* month and day after the year: "-4-5", "/4/5", ".4.5", "年4月5日" */
static bool month_day(const char *s, size_t n, size_t *i, bool kanji, char sep,
		      int *m, int *d)
{
	spaces(s, n, i);
	if (kanji) {
		if (!num(s, n, i, 2, m))
			return false;
		spaces(s, n, i);
		if (!lit(s, n, i, "月"))
			return false;
		spaces(s, n, i);
		if (!num(s, n, i, 2, d))
			return false;
		spaces(s, n, i);
		return lit(s, n, i, "日");
	}
	if (!num(s, n, i, 2, m) || *i >= n || s[*i] != sep)
		return false;
	(*i)++;
	return num(s, n, i, 2, d);
}

enum pc_parse_status pc_date_parse(const char *s0, size_t n0, struct pc_date *out)
{
	struct pc_arena tmp = {0};
	size_t n, i = 0;
	char *s = pc_text_fold(&tmp, s0, n0, &n);
	enum pc_parse_status st = PC_ESYNTAX;
	int y = 0, m = 0, d = 0;

	spaces(s, n, &i);
	const struct era *era = NULL;
	for (size_t k = 0; k < PC_ARRAY_LEN(eras) && !era; k++) {
		size_t j = i;
		if (lit(s, n, &j, eras[k].name)) {
			era = &eras[k];
			i = j;
			spaces(s, n, &i);
			if (lit(s, n, &i, "元"))
				y = 1;
			else if (!num(s, n, &i, 2, &y))
				goto out;
			spaces(s, n, &i);
			if (!lit(s, n, &i, "年") || !month_day(s, n, &i, true, 0, &m, &d))
				goto out;
		} else if (lit(s, n, &j, eras[k].abbr) || lit(s, n, &j, eras[k].abbr2)) {
			era = &eras[k];
			i = j;
			if (!num(s, n, &i, 2, &y) || i >= n)
				goto out;
			char sep = s[i];
			if (sep != '.' && sep != '/' && sep != '-')
				goto out;
			i++;
			if (!month_day(s, n, &i, false, sep, &m, &d))
				goto out;
		}
	}
	if (!era) {
		if (!num(s, n, &i, 4, &y) || y < 1000)
			goto out;
		spaces(s, n, &i);
		if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
			char sep = s[i++];
			if (!month_day(s, n, &i, false, sep, &m, &d))
				goto out;
		} else if (lit(s, n, &i, "年")) {
			if (!month_day(s, n, &i, true, 0, &m, &d))
				goto out;
		} else
			goto out;
	}
	spaces(s, n, &i);
	if (i != n)
		goto out;
	if (era) {
		if (y < 1) {
			st = PC_EERA;
			goto out;
		}
		y = era->y0 + y - 1;
		if (!pc_date_valid(y, m, d)) {
			st = PC_ENODATE;
			goto out;
		}
		struct pc_date dt = {y, m, d};
		int64_t days = pc_date_days(dt);
		if (days < pc_date_days(era->first) || days > pc_date_days(era->last)) {
			st = PC_EERA;
			goto out;
		}
	} else if (!pc_date_valid(y, m, d)) {
		st = PC_ENODATE;
		goto out;
	}
	out->y = y;
	out->m = m;
	out->d = d;
	st = PC_OK;
out:
	pc_arena_release(&tmp);
	return st;
}
