/*
 * check_schedule.c - the `schedule` kind: the dates of the body's own
 * work schedule (the sections the pack names: スケジュール, 実施体制 …)
 * against the grant flow.  Each list item, table row or paragraph line of
 * those sections that starts with a date or a span of months
 * (「2023年4月～6月：納入、据付」) and speaks of one of the pack's words
 * (納入, 工事, 発注 …) is compared with a date of the front matter: no
 * later than `not_after` (the project's end), or no earlier than
 * `not_before` (the 交付決定).  Months are compared as months: a span that
 * ends in the project's last month is within it.  The date pattern (PCRE2,
 * groups 1-3 year, month, day of the start and 4-6 of the span's end) and
 * the words are the pack's.
 */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

struct pc_schedule {
	pcre2_code *sections;       /* headings of the schedule sections */
	pcre2_code *date;           /* the leading date or span */
	pcre2_code *words;          /* what the step is about */
	pcre2_code *skip;           /* or NULL: items about something else (実績報告 …) */
	struct pc_expr *not_after, *not_before;
};

static void release_schedule(struct pc_rule *r)
{
	struct pc_schedule *s = r->as->schedule.sch;
	if (!s)
		return;
	pcre2_code_free(s->sections);
	pcre2_code_free(s->date);
	pcre2_code_free(s->words);
	pcre2_code_free(s->skip);
	free(s);
}

static bool compile_schedule(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	struct pc_schedule *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	r->as->schedule.sch = s;
	const struct pc_ynode *n;
	if (!(n = pc_ymap_get(m, "sections")) || !(s->sections = pc_loader_regex(L, n))) {
		if (!n)
			pc_loader_error(L, m, "schedule の規則には sections（日程を書く節の見出しの正規表現）が必要です");
		return false;
	}
	if (!(n = pc_ymap_get(m, "date")) || !(s->date = pc_loader_regex(L, n))) {
		if (!n)
			pc_loader_error(L, m, "schedule の規則には date（行頭の日付の正規表現）が必要です");
		return false;
	}
	uint32_t groups = 0;
	pcre2_pattern_info(s->date, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups < 6) {
		pc_loader_error(L, n, "date の正規表現には6つの組（始まりの年・月・日、終わりの年・月・日）が必要です");
		return false;
	}
	if (!(n = pc_ymap_get(m, "words")) || !(s->words = pc_loader_regex(L, n))) {
		if (!n)
			pc_loader_error(L, m, "schedule の規則には words（対象の作業を表す語の正規表現）が必要です");
		return false;
	}
	if ((n = pc_ymap_get(m, "skip")) && !(s->skip = pc_loader_regex(L, n)))
		return false;
	if ((n = pc_ymap_get(m, "not_after")) && !(s->not_after = pc_loader_expr(L, r, n, NULL)))
		return false;
	if ((n = pc_ymap_get(m, "not_before")) && !(s->not_before = pc_loader_expr(L, r, n, NULL)))
		return false;
	if (!s->not_after == !s->not_before) {
		pc_loader_error(L, m, "schedule の規則には not_after か not_before のどちらか一つを書いてください");
		return false;
	}
	return true;
}

/* a group as an int (full-width digits folded), or -1 */
static int group_int(struct pc_arena *a, const char *t, size_t s, size_t e)
{
	if (s == (size_t)-1 || e <= s)
		return -1;
	size_t n;
	char *f = pc_text_fold(a, t + s, e - s, &n);
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (f[i] < '0' || f[i] > '9')
			return -1;
		v = v * 10 + (f[i] - '0');
		if (v > 100000)
			return -1;
	}
	return n ? v : -1;
}

/* a year as written: 2023, 令和5, R5 … through pc_date_parse */
static int year_of(struct pc_arena *a, const char *t, size_t s, size_t e)
{
	if (s == (size_t)-1 || e <= s)
		return -1;
	char *y = pc_arena_printf(a, "%.*s1月1日", (int)(e - s), t + s);
	if (strstr(y, "年1月1日") == NULL)
		y = pc_arena_printf(a, "%.*s年1月1日", (int)(e - s), t + s);
	struct pc_date dt;
	return pc_date_parse(y, strlen(y), &dt) == PC_OK ? dt.y : -1;
}

/* the item [s, e): its leading date or span, in months since year 0 */
static bool span_of(struct pc_doc *d, const struct pc_schedule *sc, size_t s, size_t e, long *from, long *to,
		    size_t *ds, size_t *de)
{
	size_t ov[14];
	size_t np;
	memset(ov, 0xff, sizeof(ov));
	if (pc_re_match_groups(sc->date, d->text, e, s, ov, 7, &np) != 1 || ov[0] != s)
		return false;
	int y1 = year_of(&d->arena, d->text, ov[2], ov[3]), m1 = group_int(&d->arena, d->text, ov[4], ov[5]);
	if (y1 < 0 || m1 < 1 || m1 > 12)
		return false;
	int y2 = year_of(&d->arena, d->text, ov[8], ov[9]), m2 = group_int(&d->arena, d->text, ov[10], ov[11]);
	if (y2 < 0)
		y2 = y1;
	if (m2 < 1 || m2 > 12)
		m2 = m1, y2 = y1;
	*from = (long)y1 * 12 + m1 - 1;
	*to = (long)y2 * 12 + m2 - 1;
	if (*to < *from)
		*to += 12;   /* 2023年11月～2月: into the next year */
	*ds = ov[0];
	*de = ov[1];
	return true;
}

static void check_item(struct pc_run *x, const struct pc_rule *r, const struct pc_schedule *sc, size_t s, size_t e,
		       long limit, const struct pc_val *bound)
{
	struct pc_doc *d = x->d;
	long from, to;
	size_t ds, de, ms, me;
	while (s < e && (d->text[s] == ' ' || d->text[s] == '|'))
		s++;
	if (!span_of(d, sc, s, e, &from, &to, &ds, &de))
		return;
	if (!pc_re_search(sc->words, d->text + de, e - de, &ms, &me))
		return;
	if (sc->skip && pc_re_search(sc->skip, d->text + de, e - de, &ms, &me))
		return;
	bool late = sc->not_after && to > limit, early = sc->not_before && to < limit;
	if (!late && !early)
		return;
	size_t ws, we;
	pc_re_search(sc->words, d->text + de, e - de, &ws, &we);
	pc_run_local(x, L_WRITTEN, (struct pc_val){.t = X_TEXT, .s = pc_arena_strndup(&d->arena, d->text + de + ws,
										      we - ws)});
	pc_run_local(x, L_WHERE, (struct pc_val){.t = X_TEXT, .s = pc_arena_strndup(&d->arena, d->text + ds, de - ds)});
	pc_run_local(x, L_VALUE, *bound);
	pc_run_emit(x, r, ds, de, r->level, NULL);
}

static void run_schedule(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const struct pc_schedule *sc = r->as->schedule.sch;
	struct pc_val bound = pc_eval(&x->ev, sc->not_after ? sc->not_after : sc->not_before);
	if (bound.t != X_DATE)
		return;   /* no date to compare with: the flow rules say so */
	struct pc_date bd = pc_date_from_days(bound.days);
	long limit = (long)bd.y * 12 + bd.m - 1;
	bool *seen = pc_arena_alloc(&d->arena, d->nblocks + 1);   /* a section inside another: once */
	for (size_t si = 0; si < d->nsections; si++) {
		const struct pc_section *sec = &d->sections[si];
		size_t ms, me;
		if (!sec->title || !pc_re_search(sc->sections, sec->title, strlen(sec->title), &ms, &me))
			continue;
		for (size_t b = sec->block + 1; b < d->nblocks && d->blocks[b].start < sec->end; b++) {
			const struct pc_block *bl = &d->blocks[b];
			if (seen[b])
				continue;
			seen[b] = true;
			if (bl->kind == PC_B_LIST || (bl->kind == PC_B_TABLE && !bl->table_sep)) {
				check_item(x, r, sc, bl->tstart, bl->tend, limit, &bound);
				continue;
			}
			if (bl->kind != PC_B_PARA)
				continue;
			/* a paragraph: each line may be a step of its own */
			for (size_t ls = bl->tstart; ls < bl->tend;) {
				const char *nl = memchr(d->text + ls, '\n', bl->tend - ls);
				size_t le = nl ? (size_t)(nl - d->text) : bl->tend;
				check_item(x, r, sc, ls, le, limit, &bound);
				ls = le + 1;
			}
		}
	}
}

static const char *const schedule_keys[] = {"sections", "date", "words", "skip", "not_after", "not_before", NULL};
const struct pc_kind pc_kind_schedule = {"schedule", schedule_keys, compile_schedule, run_schedule, release_schedule,
					 NULL};
