/*
 * check_calendar.c - the `calendar` kind: a weekday written beside a date
 * must be that date's weekday (「2024年3月1日（月）」 is a Friday).  The
 * pack gives the patterns (PCRE2, groups 1-4: year, month, day, weekday)
 * and the weekday names from Sunday on; a date written without its year
 * takes the last year written before it (with a date, or alone as the
 * pack's `year` pattern says) in the same paragraph, list item or table
 * row, and is left alone when there is none.  Dates are read by
 * pc_date_parse (西暦 and 和暦, full-width digits).
 */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

struct pc_calendar {
	pcre2_code **re;
	size_t nre;
	pcre2_code *year;           /* a year written alone (2024年の日程): the year of dates without one */
	const char *days[7];
};

static void release_calendar(struct pc_rule *r)
{
	struct pc_calendar *c = r->as->calendar.cal;
	if (!c)
		return;
	for (size_t i = 0; i < c->nre; i++)
		pcre2_code_free(c->re[i]);
	free(c->re);
	pcre2_code_free(c->year);
	free(c);
}

static bool compile_calendar(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *ps = pc_ymap_get(m, "patterns"), *wd = pc_ymap_get(m, "weekdays");
	if (!ps || ps->kind != PC_Y_SEQ || !ps->n) {
		pc_loader_error(L, ps ? ps : m, "calendar の規則には patterns（年・月・日・曜日の4つの組を持つ正規表現のリスト）が必要です");
		return false;
	}
	if (!wd || wd->kind != PC_Y_SEQ || wd->n != 7) {
		pc_loader_error(L, wd ? wd : m, "weekdays には日曜日から土曜日までの7つの名前を書いてください");
		return false;
	}
	struct pc_calendar *c = calloc(1, sizeof(*c));
	if (!c || !(c->re = calloc(ps->n, sizeof(*c->re))))
		abort();
	r->as->calendar.cal = c;   /* released with the rule, whatever happens below */
	for (size_t i = 0; i < 7; i++)
		if (!(c->days[i] = pc_loader_str(L, wd->vals[i], "曜日")))
			return false;
	if (pc_ymap_get(m, "year") && !(c->year = pc_loader_regex(L, pc_ymap_get(m, "year"))))
		return false;
	for (size_t i = 0; i < ps->n; i++) {
		if (!(c->re[c->nre] = pc_loader_regex(L, ps->vals[i])))
			return false;
		uint32_t groups = 0;
		pcre2_pattern_info(c->re[c->nre++], PCRE2_INFO_CAPTURECOUNT, &groups);
		if (groups < 4) {
			pc_loader_error(L, ps->vals[i], "日付の正規表現には年・月・日・曜日の4つの組 ( ) が必要です");
			return false;
		}
	}
	return true;
}

/* days since 1970-01-01, a Thursday: 0 is Sunday */
static int weekday_of(struct pc_date dt)
{
	int64_t days = pc_date_days(dt);
	return (int)(((days + 4) % 7 + 7) % 7);
}

static void check_block(struct pc_run *x, const struct pc_rule *r, const struct pc_calendar *c, size_t s, size_t e)
{
	struct pc_doc *d = x->d;
	const char *t = d->text;
	char year[64] = "";   /* the last year written in this block, as written */
	/* the matches of every pattern, in text order */
	for (size_t pos = s; pos < e;) {
		size_t best = (size_t)-1, ov[10], bov[10] = {0};
		for (size_t k = 0; k < c->nre; k++) {
			size_t np;
			memset(ov, 0xff, sizeof(ov));   /* groups after the last one matched stay unset */
			if (pc_re_match_groups(c->re[k], t, e, pos, ov, 5, &np) == 1 && ov[0] < best) {
				best = ov[0];
				memcpy(bov, ov, sizeof(ov));
			}
		}
		if (best == (size_t)-1)
			break;
		/* years written alone before this date */
		for (size_t ys, ye, yp = pos; c->year && yp < bov[0] &&
					      pc_re_match(c->year, t, bov[0], yp, &ys, &ye) == 1 && ye > ys;
		     yp = ye)
			snprintf(year, sizeof(year), "%.*s", (int)(ye - ys), t + ys);
		pos = bov[1] > bov[0] ? bov[1] : bov[0] + 1;
		bool has_year = bov[2] != (size_t)-1 && bov[3] > bov[2];
		if (has_year)
			snprintf(year, sizeof(year), "%.*s", (int)(bov[3] - bov[2]), t + bov[2]);
		if (!*year || bov[8] == (size_t)-1)
			continue;   /* no year to read the date with, or no weekday */
		char buf[160];
		snprintf(buf, sizeof(buf), "%s%.*s月%.*s日", year, (int)(bov[5] - bov[4]), t + bov[4],
			 (int)(bov[7] - bov[6]), t + bov[6]);
		struct pc_date dt;
		if (pc_date_parse(buf, strlen(buf), &dt) != PC_OK)
			continue;   /* not on the calendar: the date rules say so */
		int want = weekday_of(dt);
		size_t wl = bov[9] - bov[8];
		if (strlen(c->days[want]) == wl && !memcmp(c->days[want], t + bov[8], wl))
			continue;
		size_t ws = bov[0];
		while (ws < bov[1] && (t[ws] == ' ' || t[ws] == '\t'))
			ws++;
		if (bov[1] - ws >= 3 && !memcmp(t + ws, "\xE3\x80\x80", 3))
			ws += 3;   /* an ideographic space */
		pc_run_local(x, L_WRITTEN,
			     (struct pc_val){.t = X_TEXT, .s = pc_arena_strndup(&d->arena, t + ws, bov[1] - ws)});
		pc_run_local(x, L_SUGGEST, (struct pc_val){.t = X_TEXT,
							    .s = pc_arena_printf(&d->arena, "%d年%d月%d日は%s曜日", dt.y,
										 dt.m, dt.d, c->days[want])});
		pc_run_emit(x, r, bov[8], bov[9], r->level, NULL);
	}
}

static void run_calendar(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const struct pc_calendar *c = r->as->calendar.cal;
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct pc_block *bl = &d->blocks[b];
		if (bl->kind == PC_B_PARA || bl->kind == PC_B_LIST || bl->kind == PC_B_HEADING ||
		    (bl->kind == PC_B_TABLE && !bl->table_sep))
			check_block(x, r, c, bl->tstart, bl->tend);
	}
}

static const char *const calendar_keys[] = {"patterns", "weekdays", "year", NULL};
const struct pc_kind pc_kind_calendar = {"calendar", calendar_keys, compile_calendar, run_calendar, release_calendar,
					 NULL};
