/*
 * figures.c - the figures and charts a pack declares for its reports.  A
 * pack's `figures:` list says which rows the cover's table shows (label,
 * the value, what it is compared with, the verdict and when it fails) and
 * which computed figures the batch summaries carry as columns; `charts:`
 * says which bar charts the cover draws (one bar per list item, a target
 * line).  Read here with errors at their line, evaluated per draft after
 * the pack's rules into d->figures and d->charts, so that no renderer
 * knows a figure, a field or a threshold of any program.
 */
#include "kind.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

struct pc_verdict_decl {
	struct pc_expr *when;       /* NULL: always (the last, usually) */
	struct pc_tpl text;
	bool fail;
};

struct pc_figure_decl {
	const char *key, *label, *after, *how;
	struct pc_expr *when, *value, *compare;
	struct pc_tpl show, compare_show;   /* n == 0: the value formatted */
	struct pc_verdict_decl *verdicts;
	size_t nverdicts;
	struct pc_column *columns;
	size_t ncolumns;
	const struct pc_ynode *at, *after_at;
	const struct pc_ynode **column_at;
	struct pc_doc *file;
	const struct pc_pack *pack;
	unsigned order;
};

struct pc_chart_decl {
	const char *key, *over;
	struct pc_verdict_decl *titles;   /* the first that holds */
	size_t ntitles;
	struct pc_expr *when, *bar, *label, *base, *plan, *line;
	struct pc_rat unit;
};

static bool key_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static const char *key_of(struct pc_loader *L, const struct pc_ynode *m, const char *what)
{
	const struct pc_ynode *k = pc_ymap_get(m, "key");
	if (!k) {
		pc_loader_error(L, m, "%s には key（英小文字・数字・「_」の名前）が必要です", what);
		return NULL;
	}
	const char *s = pc_loader_str(L, k, "key");
	if (s && !key_ok(s)) {
		pc_loader_error(L, k, "key「%s」は英小文字・数字・「_」で書いてください", s);
		return NULL;
	}
	return s;
}

static bool format_of(struct pc_loader *L, const struct pc_ynode *n, const char **how)
{
	*how = NULL;
	if (!n)
		return true;
	const char *s = pc_loader_str(L, n, "format");
	if (!s)
		return false;
	if (strcmp(s, "%") && strcmp(s, "yen") && strcmp(s, "date")) {
		pc_loader_error(L, n, "format「%s」は使えません（%%, yen, date）", s);
		return false;
	}
	*how = s;
	return true;
}

static const char *const figure_keys[] = {"key", "label", "value", "format", "show", "when", "compare",
					  "compare_show", "verdict", "columns", "after", NULL};
static const char *const verdict_keys[] = {"when", "text", "fail", NULL};
static const char *const title_keys[] = {"when", "text", NULL};

/* "- when: 式 / text: 言葉" in a list, the first that holds is used (a
 * figure's verdicts, a chart's titles); fail: only for verdicts */
static bool load_choices(struct pc_loader *L, struct pc_arena *a, const struct pc_ynode *vd, const char *what,
			 bool verdict, struct pc_verdict_decl **out, size_t *n)
{
	bool ok = true;
	size_t cap = 0;
	const char *noun = verdict ? "判定" : "見出し";
	if (vd->kind != PC_Y_SEQ) {
		pc_loader_error(L, vd, "%s は「- when: 式 / text: 言葉」のリストです（上から最初に当てはまるもの）", what);
		return false;
	}
	for (size_t i = 0; i < vd->n; i++) {
		const struct pc_ynode *v = vd->vals[i];
		if (!pc_loader_keys(L, v, verdict ? verdict_keys : title_keys, NULL, what)) {
			ok = false;
			continue;
		}
		struct pc_verdict_decl x = {0};
		if (!pc_ymap_get(v, "text")) {
			pc_loader_error(L, v, "%s には text（%sの言葉）が必要です", what, noun);
			ok = false;
			continue;
		}
		ok &= pc_loader_tpl(L, NULL, pc_ymap_get(v, "text"), &x.text);
		if (pc_ymap_get(v, "when") && !(x.when = pc_loader_expr(L, NULL, pc_ymap_get(v, "when"), NULL)))
			ok = false;
		const struct pc_ynode *fl = pc_ymap_get(v, "fail");
		if (fl) {
			if (pc_yscalar_is(fl, "true"))
				x.fail = true;
			else if (!pc_yscalar_is(fl, "false")) {
				pc_loader_error(L, fl, "fail は true か false です");
				ok = false;
			}
		}
		if (!x.when && i + 1 < vd->n) {
			pc_loader_error(L, v, "when のない%sは最後に置いてください（後の%sが使われません）", noun, noun);
			ok = false;
		}
		*out = pc_grow(a, *out, &cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = x;
	}
	return ok;
}

/* the text of the first choice that holds, NULL when none does */
static const struct pc_verdict_decl *choose(struct pc_run *x, const struct pc_verdict_decl *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].when) {
			struct pc_val w = pc_eval(&x->ev, v[i].when);
			if (!pc_val_truthy(&w))
				continue;
		}
		return &v[i];
	}
	return NULL;
}
static const char *const chart_keys[] = {"key", "title", "over", "bar", "label", "unit", "base", "plan",
					 "line", "when", NULL};

static void load_figure(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *m)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (!pc_loader_keys(L, m, figure_keys, NULL, "figures の項目"))
		return;
	struct pc_figure_decl f = {.at = m, .file = pc_loader_file(L), .pack = p};
	bool ok = (f.key = key_of(L, m, "figures の項目")) != NULL;
	const struct pc_ynode *lb = pc_ymap_get(m, "label");
	if (!lb) {
		pc_loader_error(L, m, "figures の項目には label（表に出す日本語の名前）が必要です");
		ok = false;
	} else if (!(f.label = pc_loader_str(L, lb, "label")))
		ok = false;
	if (!pc_ymap_get(m, "value")) {
		pc_loader_error(L, m, "figures の項目には value（値の式）が必要です");
		ok = false;
	} else if (!(f.value = pc_loader_expr(L, NULL, pc_ymap_get(m, "value"), NULL)))
		ok = false;
	ok &= format_of(L, pc_ymap_get(m, "format"), &f.how);
	if (pc_ymap_get(m, "when") && !(f.when = pc_loader_expr(L, NULL, pc_ymap_get(m, "when"), NULL)))
		ok = false;
	if (pc_ymap_get(m, "compare") && !(f.compare = pc_loader_expr(L, NULL, pc_ymap_get(m, "compare"), NULL)))
		ok = false;
	if (pc_ymap_get(m, "show"))
		ok &= pc_loader_tpl(L, NULL, pc_ymap_get(m, "show"), &f.show);
	if (pc_ymap_get(m, "compare_show"))
		ok &= pc_loader_tpl(L, NULL, pc_ymap_get(m, "compare_show"), &f.compare_show);
	if (pc_ymap_get(m, "after") && !(f.after = pc_loader_str(L, pc_ymap_get(m, "after"), "after")))
		ok = false;
	f.after_at = pc_ymap_get(m, "after");
	if (pc_ymap_get(m, "verdict"))
		ok &= load_choices(L, a, pc_ymap_get(m, "verdict"), "verdict", true, &f.verdicts, &f.nverdicts);
	const struct pc_ynode *co = pc_ymap_get(m, "columns");
	if (co && co->kind != PC_Y_MAP) {
		pc_loader_error(L, co, "columns は「計算結果の key: 一覧の見出し」の組です");
		ok = false;
	}
	if (co && co->kind == PC_Y_MAP && co->n) {
		f.columns = pc_arena_alloc(a, co->n * sizeof(*f.columns));
		f.column_at = pc_arena_alloc(a, co->n * sizeof(*f.column_at));
		for (size_t i = 0; i < co->n; i++) {
			const char *h = pc_loader_str(L, co->vals[i], "columns の見出し");
			if (!h) {
				ok = false;
				continue;
			}
			f.column_at[f.ncolumns] = co->keys[i];
			f.columns[f.ncolumns++] = (struct pc_column){pc_arena_strdup(a, co->keys[i]->str), h, false};
		}
	}
	if (!ok)
		return;
	for (size_t i = 0; i < p->nfigures; i++)
		if (!strcmp(p->figures[i].key, f.key)) {
			pc_loader_error(L, pc_ymap_get(m, "key"), "figures の key「%s」が二度あります", f.key);
			return;
		}
	p->figures = pc_grow(a, p->figures, &p->capfigures, p->nfigures + 1, sizeof(*p->figures));
	p->figures[p->nfigures++] = f;
}

static void load_chart(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *m)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (!pc_loader_keys(L, m, chart_keys, NULL, "charts の項目"))
		return;
	struct pc_chart_decl c = {.unit = {1, 1}};
	bool ok = (c.key = key_of(L, m, "charts の項目")) != NULL;
	const struct pc_ynode *ov = pc_ymap_get(m, "over");
	if (!ov) {
		pc_loader_error(L, m, "charts の項目には over（棒にする計画書のリスト項目）が必要です");
		return;
	}
	if (!(c.over = pc_loader_str(L, ov, "over")))
		return;
	const struct pc_field *fi = pc_loader_field(L, c.over);
	if (!fi || fi->type != PC_F_LIST) {
		pc_loader_error(L, ov, "over「%s」は計画書のリスト項目ではありません", c.over);
		return;
	}
	const char *row = pc_arena_printf(a, "%s[]", c.over);
	if (!pc_ymap_get(m, "title")) {
		pc_loader_error(L, m, "charts の項目には title（グラフの見出し）が必要です");
		ok = false;
	} else if (pc_ymap_get(m, "title")->kind == PC_Y_SEQ)
		ok &= load_choices(L, a, pc_ymap_get(m, "title"), "title", false, &c.titles, &c.ntitles);
	else {
		c.titles = pc_arena_alloc(a, sizeof(*c.titles));
		c.ntitles = 1;
		ok &= pc_loader_tpl(L, NULL, pc_ymap_get(m, "title"), &c.titles[0].text);
	}
	static const char *const need[] = {"bar", "label"};
	struct pc_expr **slot[] = {&c.bar, &c.label, &c.base, &c.plan, &c.line};
	static const char *const names[] = {"bar", "label", "base", "plan", "line"};
	for (size_t k = 0; k < PC_ARRAY_LEN(names); k++) {
		const struct pc_ynode *n = pc_ymap_get(m, names[k]);
		if (!n) {
			if (k < PC_ARRAY_LEN(need)) {
				pc_loader_error(L, m, "charts の項目には %s（各行の式）が必要です", names[k]);
				ok = false;
			}
			continue;
		}
		if (!(*slot[k] = pc_loader_expr(L, NULL, n, row)))
			ok = false;
	}
	if (pc_ymap_get(m, "when") && !(c.when = pc_loader_expr(L, NULL, pc_ymap_get(m, "when"), NULL)))
		ok = false;
	const struct pc_ynode *un = pc_ymap_get(m, "unit");
	if (un) {
		struct pc_expr *e = pc_loader_expr(L, NULL, un, NULL);
		struct pc_val v;
		if (!e)
			ok = false;
		else if (!pc_expr_const(a, e, &v) || v.t != X_NUM || v.r.n <= 0) {
			pc_loader_error(L, un, "unit は正の数（1万円 など）です");
			ok = false;
		} else
			c.unit = v.r;
	}
	if (!ok)
		return;
	p->charts = pc_grow(a, p->charts, &p->capcharts, p->ncharts + 1, sizeof(*p->charts));
	p->charts[p->ncharts++] = c;
}

void pc_figures_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root)
{
	const struct pc_ynode *fg = pc_ymap_get(root, "figures");
	if (fg && fg->kind != PC_Y_SEQ)
		pc_loader_error(L, fg, "figures は「- key: …」で始まる項目のリストです");
	for (size_t i = 0; fg && fg->kind == PC_Y_SEQ && i < fg->n; i++)
		load_figure(L, p, fg->vals[i]);
	const struct pc_ynode *ch = pc_ymap_get(root, "charts");
	if (ch && ch->kind != PC_Y_SEQ)
		pc_loader_error(L, ch, "charts は「- key: …」で始まる項目のリストです");
	for (size_t i = 0; ch && ch->kind == PC_Y_SEQ && i < ch->n; i++)
		load_chart(L, p, ch->vals[i]);
}

/* do two packs serve the same plans (a pack of every program serves all) */
static bool same_program(const struct pc_pack *a, const struct pc_pack *b)
{
	return !a->program || !b->program || !strcmp(a->program, b->program);
}

static const struct pc_let *computed_let(const struct pc_ruleset *rs, const struct pc_pack *p, const char *key)
{
	for (size_t i = 0; i < rs->npacks; i++)
		if (same_program(&rs->packs[i], p))
			for (size_t l = 0; l < rs->packs[i].nlets; l++)
				if (rs->packs[i].lets[l].computed && !strcmp(rs->packs[i].lets[l].computed, key))
					return &rs->packs[i].lets[l];
	return NULL;
}

/* Every pack read: the figures' order (a program's own packs first, in
 * pack order; a top-up pack's figure with `after:` right behind the one it
 * names), the `after:` and `columns:` names checked, and the summaries'
 * columns in that order. */
void pc_figures_finish(struct pc_loader *L)
{
	struct pc_ruleset *rs = pc_loader_ruleset(L);
	struct pc_arena *a = pc_loader_arena(L);
	size_t total = 0;
	for (size_t i = 0; i < rs->npacks; i++)
		total += rs->packs[i].nfigures;
	if (!total)
		return;
	struct pc_figure_decl **list = pc_arena_alloc(a, total * sizeof(*list));
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < rs->npacks; i++) {
			struct pc_pack *p = &rs->packs[i];
			if ((p->topup != NULL) != (pass == 1))
				continue;
			for (size_t k = 0; k < p->nfigures; k++) {
				struct pc_figure_decl *f = &p->figures[k];
				for (size_t q = 0; q < i; q++)
					for (size_t r = 0; r < rs->packs[q].nfigures; r++)
						if (same_program(&rs->packs[q], p) &&
						    !strcmp(rs->packs[q].figures[r].key, f->key)) {
							pc_loader_set_file(L, f->file);
							pc_loader_error(L, pc_ymap_get(f->at, "key"),
									"figures の key「%s」はパック「%s」にもあります", f->key,
									rs->packs[q].name);
						}
				size_t at = n;
				if (f->after) {
					size_t t = n;
					for (size_t q = 0; q < n; q++)
						if (!strcmp(list[q]->key, f->after) && same_program(list[q]->pack, p))
							t = q;
					if (t == n) {
						pc_loader_set_file(L, f->file);
						pc_loader_error(L, f->after_at, "after「%s」という figures の key がありません",
								f->after);
					} else {
						/* behind it and behind what was put behind it */
						at = t + 1;
						while (at < n && list[at]->after && !strcmp(list[at]->after, f->after))
							at++;
					}
				}
				memmove(&list[at + 1], &list[at], (n - at) * sizeof(*list));
				list[at] = f;
				n++;
				for (size_t c = 0; c < f->ncolumns; c++) {
					const struct pc_let *l = computed_let(rs, p, f->columns[c].key);
					if (!l) {
						pc_loader_set_file(L, f->file);
						pc_loader_error(L, f->column_at[c],
								"columns の「%s」は計算結果（let の computed）にありません",
								f->columns[c].key);
					} else
						f->columns[c].text = l->percent;
				}
			}
		}
	size_t cap = 0;
	for (size_t q = 0; q < n; q++) {
		list[q]->order = (unsigned)q;
		for (size_t c = 0; c < list[q]->ncolumns; c++) {
			bool twice = false;
			for (size_t k = 0; k < rs->ncolumns && !twice; k++)
				twice = !strcmp(rs->columns[k].key, list[q]->columns[c].key);
			if (twice)
				continue;
			rs->columns = pc_grow(a, rs->columns, &cap, rs->ncolumns + 1, sizeof(*rs->columns));
			rs->columns[rs->ncolumns++] = list[q]->columns[c];
		}
	}
}

/* a table cell: a template whose missing values show as "—" */
static const char *cell(struct pc_run *x, const struct pc_tpl *t)
{
	struct pc_buf b = {0};
	for (size_t i = 0; i < t->n; i++) {
		const struct pc_tpl_part *p = &t->parts[i];
		if (p->text)
			pc_buf_puts(&b, p->text);
		else {
			struct pc_val v = pc_eval(&x->ev, p->e);
			pc_buf_puts(&b, v.t == X_MISSING ? "—" : pc_val_format(&x->d->arena, &v, p->how));
		}
	}
	const char *s = pc_arena_strdup(&x->d->arena, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

static bool usable(const struct pc_val *v)
{
	return v->t != X_MISSING && v->t != X_ERROR && v->t != X_LIST;
}

static void eval_figure(struct pc_run *x, const struct pc_figure_decl *fd)
{
	struct pc_doc *d = x->d;
	if (fd->when) {
		struct pc_val w = pc_eval(&x->ev, fd->when);
		if (!pc_val_truthy(&w))
			return;
	}
	struct pc_val v = pc_eval(&x->ev, fd->value);
	if (!usable(&v))
		return;
	struct pc_figure f = {.key = fd->key, .label = fd->label, .order = fd->order};
	f.display = fd->show.n ? cell(x, &fd->show) : pc_val_format(&d->arena, &v, fd->how);
	f.json = pc_val_json(&d->arena, &v, fd->how && !strcmp(fd->how, "%"));
	if (fd->compare) {
		struct pc_val c = pc_eval(&x->ev, fd->compare);
		f.compare_json = usable(&c) ? pc_val_json(&d->arena, &c, false) : "null";
		f.compare = fd->compare_show.n ? cell(x, &fd->compare_show)
				   : usable(&c) ? pc_val_format(&d->arena, &c, NULL) : "—";
	} else if (fd->compare_show.n)
		f.compare = cell(x, &fd->compare_show);
	const struct pc_verdict_decl *vd = choose(x, fd->verdicts, fd->nverdicts);
	if (vd) {
		f.verdict = cell(x, &vd->text);
		f.failed = vd->fail;
	}
	/* in the packs' order, whichever pack ran first */
	d->figures = pc_grow(&d->arena, d->figures, &d->capfigures, d->nfigures + 1, sizeof(*d->figures));
	size_t at = d->nfigures;
	while (at > 0 && d->figures[at - 1].order > f.order)
		at--;
	memmove(&d->figures[at + 1], &d->figures[at], (d->nfigures - at) * sizeof(*d->figures));
	d->figures[at] = f;
	d->nfigures++;
}

/* value / unit, cut toward zero, as digits */
static const char *in_unit(struct pc_arena *a, struct pc_val v, struct pc_rat u)
{
	const __int128 lim = (__int128)1 << 60;
	if (v.r.n < lim && v.r.n > -lim && v.r.d < lim && u.n < lim && u.d < lim)
		return pc_int128_str(a, (v.r.n * u.d) / (v.r.d * u.n));
	return pc_arena_printf(a, "%.0f", pc_rat_double(v.r) / pc_rat_double(u));
}

static void eval_chart(struct pc_run *x, const struct pc_chart_decl *cd)
{
	struct pc_doc *d = x->d;
	if (cd->when) {
		struct pc_val w = pc_eval(&x->ev, cd->when);
		if (!pc_val_truthy(&w))
			return;
	}
	const struct pc_ynode *list = pc_plan_node(d, cd->over);
	if (!list || list->kind != PC_Y_SEQ || !list->n)
		return;
	struct pc_chart c = {.key = cd->key, .base = -1};
	c.bars = pc_arena_alloc(&d->arena, list->n * sizeof(*c.bars));
	for (size_t i = 0; i < list->n; i++) {
		const struct pc_ynode *item = list->vals[i];
		if (item->kind != PC_Y_MAP)
			continue;
		x->ev.row = item;
		struct pc_val bar = pc_eval(&x->ev, cd->bar);
		struct pc_val lab = pc_eval(&x->ev, cd->label);
		if (bar.t != X_NUM || !usable(&lab) || lab.t == X_BOOL)
			continue;
		struct pc_chart_bar *b = &c.bars[c.nbars++];
		b->label = pc_val_format(&d->arena, &lab, NULL);
		b->value = pc_rat_double(bar.r);
		b->shown = in_unit(&d->arena, bar, cd->unit);
		struct pc_val t;
		if (cd->base && (t = pc_eval(&x->ev, cd->base), pc_val_truthy(&t))) {
			b->style = 1;
			c.base = b->value;
		} else if (cd->plan && (t = pc_eval(&x->ev, cd->plan), pc_val_truthy(&t)))
			b->style = 2;
		if (b->style && cd->line) {
			struct pc_val ln = pc_eval(&x->ev, cd->line);
			if (ln.t == X_NUM) {
				b->has_line = true;
				b->line = pc_rat_double(ln.r);
			}
		}
	}
	x->ev.row = NULL;
	if (!c.nbars)
		return;
	const struct pc_verdict_decl *t = choose(x, cd->titles, cd->ntitles);
	c.title = t ? cell(x, &t->text) : "";
	d->charts = pc_grow(&d->arena, d->charts, &d->capcharts, d->ncharts + 1, sizeof(*d->charts));
	d->charts[d->ncharts++] = c;
}

void pc_figures_eval(struct pc_run *x)
{
	for (size_t i = 0; i < x->pack->nfigures; i++)
		eval_figure(x, &x->pack->figures[i]);
	for (size_t i = 0; i < x->pack->ncharts; i++)
		eval_chart(x, &x->pack->charts[i]);
}
