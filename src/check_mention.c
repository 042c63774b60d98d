/*
 * check_mention.c - the `mention` kind: numbers written in the prose next
 * to a label (補助対象経費は合計4,600万円, 年率平均5.8%) must agree with
 * the front matter or a computed figure.  The number is the first one
 * within `window` characters after the label, not crossing 、 or 。 (so
 * "2,000万円を国の補助金、300万円を県の…" does not pair 国 with 300万円);
 * a number followed by `skip_after` (以上, 以下 …) is a threshold, not a
 * claim.  Amounts compare exactly; percentages at the precision written.
 * The value may be a list (every year's sales): the amount written may be
 * any of them.  With `off_by: 1000` the rule speaks only of an amount that
 * is none of them but 1,000 times one of them, or a thousandth: 円 written
 * where the table is in 千円, or the reverse.
 */
#include "kind.h"

#include <string.h>

static bool compile_mention(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *lb = pc_ymap_get(m, "label"), *v = pc_ymap_get(m, "value");
	if (!lb || !v) {
		pc_loader_error(L, m, "mention の規則には label（正規表現）と value（式）が必要です");
		return false;
	}
	r->as->mention.label = pc_loader_regex(L, lb);
	if (lb->kind == PC_Y_SCALAR)
		pc_re_needs(lb->str, lb->len, pc_loader_arena(L), &r->as->mention.label_need);
	r->as->mention.value = pc_loader_expr(L, r, v, NULL);
	if (pc_ymap_get(m, "skip_after"))
		r->as->mention.skip_after = pc_loader_regex(L, pc_ymap_get(m, "skip_after"));
	const struct pc_ynode *pc = pc_ymap_get(m, "percent");
	if (pc && !pc_yscalar_is(pc, "true") && !pc_yscalar_is(pc, "false")) {
		pc_loader_error(L, pc, "percent は true か false です");
		return false;
	}
	r->as->mention.percent = pc_yscalar_is(pc, "true");
	r->as->mention.window = 12;
	if (pc_ymap_get(m, "window") && !pc_loader_int(L, pc_ymap_get(m, "window"), &r->as->mention.window))
		return false;
	const struct pc_ynode *ob = pc_ymap_get(m, "off_by");
	if (ob && (!pc_loader_int(L, ob, &r->as->mention.off_by) || r->as->mention.off_by < 2)) {
		if (r->as->mention.off_by < 2)
			pc_loader_error(L, ob, "off_by は 2 以上の整数（何倍ずれたら指摘するか）です");
		return false;
	}
	if (ob && r->as->mention.percent) {
		pc_loader_error(L, ob, "off_by は金額の規則にだけ書けます（percent: true とは一緒に使えません）");
		return false;
	}
	return r->as->mention.label && r->as->mention.value;
}

static bool is_stop(int32_t cp)
{
	return cp == 0x3002 || cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == '\n' || cp == 0xFF1B ||
	       cp == ';' || cp == 0xFF01 || cp == 0xFF1F;
}

static bool is_digit_cp(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_num_cp(int32_t cp, bool percent)
{
	if (is_digit_cp(cp) || cp == ',' || cp == 0xFF0C || cp == '.' || cp == 0xFF0E)
		return true;
	if (percent)
		return cp == '%' || cp == 0xFF05;
	return cp == 0x5104 /* 億 */ || cp == 0x4E07 /* 万 */ || cp == 0x5343 /* 千 */ ||
	       cp == 0x767E /* 百 */ || cp == 0x5146 /* 兆 */ || cp == 0x5186 /* 円 */;
}

/* the number after a label: [*s, *e) or false */
static bool number_after(const char *t, size_t from, size_t end, long window, bool percent,
			 size_t *s, size_t *e)
{
	size_t i = from;
	for (long k = 0; k <= window && i < end; k++) {
		size_t at = i;
		int32_t cp = pc_u8(t, end, &i);
		if (is_stop(cp))
			return false;
		if (is_digit_cp(cp) || cp == 0xA5 || cp == 0xFFE5) {
			size_t j = at;
			if (cp == 0xA5 || cp == 0xFFE5)
				j = i;
			size_t last = j;
			while (j < end) {
				size_t q = j;
				int32_t c = pc_u8(t, end, &q);
				if (!is_num_cp(c, percent))
					break;
				/* a comma or point must be followed by a digit */
				if (c == ',' || c == 0xFF0C || c == '.' || c == 0xFF0E) {
					size_t q2 = q;
					if (q2 >= end || !is_digit_cp(pc_u8(t, end, &q2)))
						break;
				}
				j = q;
				last = j;
			}
			*s = at;
			*e = last;
			return last > at;
		}
	}
	return false;
}

/* "5.8%" → 58 and 1 decimal; false if it is not a percentage */
static bool read_percent(struct pc_arena *a, const char *t, size_t s, size_t e, __int128 *num, int *dec)
{
	size_t n;
	char *f = pc_text_fold(a, t + s, e - s, &n);
	if (n < 2 || f[n - 1] != '%')
		return false;
	__int128 v = 0;
	int d = -1;
	for (size_t i = 0; i + 1 < n; i++) {
		if (f[i] == '.') {
			if (d >= 0)
				return false;
			d = 0;
		} else if (f[i] >= '0' && f[i] <= '9') {
			v = v * 10 + (f[i] - '0');
			if (d >= 0)
				d++;
			if (v > (__int128)1 << 60)
				return false;
		} else
			return false;
	}
	*num = v;
	*dec = d < 0 ? 0 : d;
	return true;
}

static void run_mention(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const char *t = d->text;
	struct pc_val expect = pc_eval(&x->ev, r->as->mention.value);
	/* a list: every item that is a whole number of yen may be meant */
	const struct pc_val *items = &expect;
	size_t nitems = 1;
	if (expect.t == X_LIST) {
		if (r->as->mention.percent)
			return;
		items = expect.items;
		nitems = expect.n;
	} else if (expect.t != X_NUM)
		return;   /* nothing to compare with */
	struct pc_val where = {.t = X_TEXT, .s = "計算値"};
	size_t vs, ve;
	if (pc_val_span(&expect, &vs, &ve)) {
		size_t line, col;
		pc_doc_linecol(d, vs, &line, &col);
		where.s = pc_arena_printf(&d->arena, "前付け %zu 行目", line);
	}
	pc_run_local(x, L_WHERE, where);

	/* the blocks the label's fixed strings touch: a paragraph without
	 * them needs no PCRE2 call (most paragraphs, for most labels) */
	const bool *cand = pc_need_blocks(d, &r->as->mention.label_need);
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct pc_block *bl = &d->blocks[b];
		if ((bl->kind != PC_B_PARA && bl->kind != PC_B_LIST) || (cand && !cand[b]))
			continue;
		size_t pos = bl->tstart, ms, me;
		while (pos < bl->tend && pc_re_match(r->as->mention.label, t, bl->tend, pos, &ms, &me) == 1) {
			pos = me > ms ? me : ms + 1;
			size_t ns, ne;
			if (!number_after(t, me, bl->tend, r->as->mention.window, r->as->mention.percent, &ns, &ne))
				continue;
			if (r->as->mention.skip_after) {
				size_t ss, se;
				if (pc_re_match(r->as->mention.skip_after, t, bl->tend, ne, &ss, &se) == 1 && ss == ne)
					continue;
			}
			bool same;
			if (r->as->mention.percent) {
				__int128 w;
				int dec;
				if (!read_percent(&d->arena, t, ns, ne, &w, &dec))
					continue;
				/* round expect×100 to the written decimals, half up */
				__int128 scale = 100;
				for (int k = 0; k < dec; k++)
					scale *= 10;
				__int128 num = expect.r.n * scale, den = expect.r.d;
				__int128 rounded = (2 * num + den) / (2 * den);
				if (num < 0)
					rounded = -((-2 * num + den) / (2 * den));
				same = rounded == w;
			} else {
				int64_t yen;
				int had;
				if (pc_amount_parse(t + ns, ne - ns, 1, &yen, &had) != PC_OK || !had)
					continue;   /* not an amount in yen (3年, 26名 …) */
				bool equal = false, scaled = false;
				__int128 f = r->as->mention.off_by;
				for (size_t k = 0; k < nitems; k++) {
					const struct pc_val *it = &items[k];
					if (it->t != X_NUM || it->r.d != 1)
						continue;
					equal |= it->r.n == yen;
					scaled |= f > 1 && it->r.n &&
						  ((__int128)it->r.n * f == yen || (__int128)yen * f == it->r.n);
				}
				same = f > 1 ? equal || !scaled : equal;
			}
			if (same)
				continue;
			struct pc_val name = {.t = X_TEXT, .s = pc_arena_strndup(&d->arena, t + ms, me - ms)};
			struct pc_val written = {.t = X_TEXT, .s = pc_arena_strndup(&d->arena, t + ns, ne - ns)};
			pc_run_local(x, L_NAME, name);
			pc_run_local(x, L_WRITTEN, written);
			pc_run_emit(x, r, ns, ne, r->level, NULL);
		}
	}
}

static const char *const mention_keys[] = {"label", "value", "percent", "window", "skip_after", "off_by", NULL};
static void release_mention(struct pc_rule *r)
{
	pcre2_code_free(r->as->mention.label);
	pcre2_code_free(r->as->mention.skip_after);
}

const struct pc_kind pc_kind_mention = {"mention", mention_keys, compile_mention, run_mention, release_mention, NULL};
