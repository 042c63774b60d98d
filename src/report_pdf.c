/*
 * report_pdf.c - the annotated feedback PDF a support desk hands its
 * client: a cover that says whether the plan can go (提出可 / 要修正) with
 * the counts, the figures its packs declare (the amounts requested
 * against what the rules allow, each with its verdict), the grant-flow
 * timeline with its deadlines and the packs' charts; then the front
 * matter as Japanese tables, the draft itself, and the findings list.  Every finding that is not waived gets exactly one
 * highlight (squiggly for info) on its exact span, a note holding the
 * message, suggestion and manual section, and a numbered margin marker
 * linking to its entry in the list, which links back.  Built on layout.c.
 */
#include "layout.h"
#include "rules.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Set as a Japanese document is printed: the draft's text and the
 * findings' messages in Mincho, headings, labels and the cover in Gothic.
 * (Mincho's outlines cost ~250 bytes a glyph: a second face makes a
 * report some 60 % larger.) */
#define BODY PC_MINCHO

static const struct pc_rgb BLACK = {0, 0, 0}, GREY = {0.4f, 0.4f, 0.4f}, RED = {0.78f, 0.1f, 0.1f},
			   GREEN = {0.1f, 0.5f, 0.25f}, BLUE = {0.15f, 0.35f, 0.7f}, WHITE = {1, 1, 1},
			   LIGHT = {0.75f, 0.75f, 0.75f};

static struct pc_para_style style(int face, float size, float leading)
{
	struct pc_para_style s = {face, size, leading, 0, 0, 0, BLACK, false, false};
	return s;
}

static void plain(struct pc_layout *L, const char *s, int face, float size, struct pc_rgb c, float after)
{
	struct pc_text t = {0};
	pc_text_add_plain(L, &t, s);
	struct pc_para_style st = style(face, size, 1.5f);
	st.color = c;
	pc_lay_para(L, &t, &st);
	pc_lay_space(L, after);
}

static const char *fm_str(const struct pc_doc *d, const char *a, const char *b)
{
	const struct pc_ynode *n = pc_ymap_get(d->fm, a);
	if (b)
		n = pc_ymap_get(n, b);
	return n && n->kind == PC_Y_SCALAR && n->len ? n->str : NULL;
}

/* the plan's value of the field with that role (schema.yml), as text */
static const char *role_str(const struct pc_doc *d, const char *role)
{
	const struct pc_ynode *n = pc_shown_role(d, role);
	return n && n->kind == PC_Y_SCALAR && n->len ? n->str : NULL;
}

/* a cell holding the source text of a node, so highlights can find it */
static void cell_src(struct pc_layout *L, struct pc_text *t, const struct pc_doc *d, const struct pc_ynode *n)
{
	if (!n || n->kind != PC_Y_SCALAR || n->end <= n->start)
		return;
	size_t s = n->start, e = n->end;
	/* a quoted scalar: show what is inside the quotes */
	if (e - s >= 2 && (d->text[s] == '"' || d->text[s] == '\'')) {
		s++;
		e--;
	}
	pc_text_add(L, t, d->text + s, e - s, s);
}

/* ---- cover -------------------------------------------------------------------- */

static struct pc_text *cells_new(struct pc_layout *L, size_t n)
{
	return pc_arena_alloc(&L->arena, n * sizeof(struct pc_text));
}

static const struct pc_rgb FAIL_GROUND = {1, 0.88f, 0.88f};

/* a row that fails: red, its verdict on a red ground */
static void fail_row(struct pc_text *c, size_t ncols)
{
	for (size_t k = 0; k < ncols; k++)
		c[k].color = &RED;
	c[ncols - 1].fill = &FAIL_GROUND;
}

/* the figures the packs declare, one row each, as the packs word them */
static void figures_table(struct pc_layout *L, const struct pc_doc *d)
{
	struct pc_text *c = cells_new(L, (d->nfigures + 1) * 4);
	const char *head[4] = {"項目", "計画書の記載", "規則による上限・計算値", "判定"};
	for (int k = 0; k < 4; k++)
		pc_text_add_plain(L, &c[k], head[k]);
	size_t r = 1;
	for (size_t i = 0; i < d->nfigures; i++, r++) {
		const struct pc_figure *f = &d->figures[i];
		pc_text_add_plain(L, &c[r * 4], f->label);
		pc_text_add_plain(L, &c[r * 4 + 1], f->display);
		if (f->compare)
			pc_text_add_plain(L, &c[r * 4 + 2], f->compare);
		if (f->verdict)
			pc_text_add_plain(L, &c[r * 4 + 3], f->verdict);
		if (f->failed)
			fail_row(&c[r * 4], 4);
	}
	static float wts[4] = {0.27f, 0.22f, 0.33f, 0.18f};
	struct pc_table_spec sp = {4, wts, 9, true, NULL};
	pc_lay_table(L, c, r, &sp);
}

static float date_x(int64_t days, int64_t lo, int64_t hi, float x0, float x1)
{
	return x0 + (float)(days - lo) / (float)(hi - lo) * (x1 - x0);
}

/* a step an unwaived error points at (an order or deadline finding sits
 * on the step's date in the front matter) */
static bool step_failed(const struct pc_doc *d, const struct pc_ynode *k, const struct pc_ynode *v)
{
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct pc_finding *f = &d->findings[i];
		if (f->severity == PC_ERROR && !f->waived &&
		    ((f->start >= k->start && f->start < v->end) || (f->start <= k->start && f->end > k->start)))
			return true;
	}
	return false;
}

struct step_row {
	const char *key, *label;
	const struct pc_ynode *k, *v;   /* NULL: missing */
	bool failed;
};

/* the plan's dated steps and the steps the rules missed, in the order the
 * plan format lists the steps (steps it does not know, after) */
static size_t step_rows(struct pc_layout *L, const struct pc_doc *d, const struct pc_ynode *tl, struct step_row **out)
{
	size_t cap = tl->n + d->nmissing_steps + 1, n = 0;
	struct step_row *r = pc_arena_alloc(&L->arena, cap * sizeof(*r));
	const struct pc_field *steps = pc_schema_role(d->schema, "steps");
	size_t nf = steps ? steps->nchildren : 0;
	bool *placed = pc_arena_alloc(&L->arena, tl->n + 1);
	for (size_t f = 0; f < nf; f++) {
		const struct pc_field *sf = steps->children[f];
		const char *key = sf->key;
		for (size_t i = 0; i < tl->n; i++)
			if (!placed[i] && tl->vals[i]->vtype == PC_V_DATE && !strcmp(tl->keys[i]->str, key)) {
				r[n++] = (struct step_row){key, sf->label, tl->keys[i], tl->vals[i],
							   step_failed(d, tl->keys[i], tl->vals[i])};
				placed[i] = true;
				break;
			}
		for (size_t m = 0; m < d->nmissing_steps; m++)
			if (!strcmp(d->missing_steps[m], key) && !pc_ymap_get(tl, key))
				r[n++] = (struct step_row){key, sf->label, NULL, NULL, true};
	}
	for (size_t i = 0; i < tl->n; i++)
		if (!placed[i] && tl->vals[i]->vtype == PC_V_DATE)
			r[n++] = (struct step_row){tl->keys[i]->str, tl->keys[i]->str, tl->keys[i], tl->vals[i],
						   step_failed(d, tl->keys[i], tl->vals[i])};
	*out = r;
	return n;
}

static void timeline_chart(struct pc_layout *L, const struct pc_doc *d)
{
	const struct pc_ynode *tl = pc_plan_role(d, "steps");
	if (!tl || tl->kind != PC_Y_MAP)
		return;
	struct step_row *rows;
	size_t n = step_rows(L, d, tl, &rows), dated = 0;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++)
		if (rows[i].v) {
			dated++;
			lo = rows[i].v->ival < lo ? rows[i].v->ival : lo;
			hi = rows[i].v->ival > hi ? rows[i].v->ival : hi;
		}
	for (size_t k = 0; k < d->ndeadlines; k++) {
		lo = d->deadlines[k].days < lo ? d->deadlines[k].days : lo;
		hi = d->deadlines[k].days > hi ? d->deadlines[k].days : hi;
	}
	if (dated == 0 || hi <= lo)
		return;
	lo -= 20;
	hi += 20;
	const float row = 13.5f, labelw = 118;
	float h = row * (float)n + 26;
	plain(L, "手続の日程　■ 日付　｜ 期限（緑 守れている・赤 守れていない）　赤字 順序か期限の誤り　□ 記入なし",
	      PC_GOTHIC, 9.5f, BLACK, 2);
	pc_lay_need(L, h);
	int pg = L->page;
	float top = L->y, x0 = L->ml + labelw, x1 = L->pw - L->mr - 10, right = L->pw - L->mr;
	/* year grid; its labels kept inside the margins */
	struct pc_date a = pc_date_from_days(lo), b = pc_date_from_days(hi);
	for (int y = a.y + 1; y <= b.y; y++) {
		struct pc_date jan = {y, 1, 1};
		float x = date_x(pc_date_days(jan), lo, hi, x0, x1);
		const char *yl = pc_arena_printf(&L->arena, "%d年", y);
		float yw = pc_text_width(L->fonts, PC_GOTHIC, 7, yl, strlen(yl)), lx = x - yw / 2;
		lx = lx + yw > right ? right - yw : lx;
		pc_draw_line(L, pg, x, top - h + 16, x, top, 0.3f, LIGHT);
		pc_draw_text(L, pg, lx, top - h + 7, PC_GOTHIC, 7, GREY, yl);
	}
	for (size_t r = 0; r < n; r++) {
		const struct step_row *sr = &rows[r];
		float y = top - 6 - row * (float)r;
		struct pc_rgb ink = sr->failed ? RED : BLACK;
		pc_draw_text(L, pg, L->ml, y - 3, PC_GOTHIC, 7.5f, ink, sr->label);
		/* the rule between rows, not through the row's own label */
		pc_draw_line(L, pg, x0, y - row / 2, x1, y - row / 2, 0.2f, LIGHT);
		if (!sr->v) {
			/* missing: an empty box at the row's start and what it lacks */
			pc_draw_rect(L, pg, x0, y - 2.5f, 5, 5, 0.8f, RED, false);
			pc_draw_text(L, pg, x0 + 9, y - 2.5f, PC_GOTHIC, 6.5f, RED, "日付の記入がありません（前の段階として必要）");
			continue;
		}
		float x = date_x(sr->v->ival, lo, hi, x0, x1);
		pc_draw_rect(L, pg, x - 2.5f, y - 2.5f, 5, 5, 0, sr->failed ? RED : BLUE, true);
		float ticks[8];
		size_t nt = 0;
		for (size_t k = 0; k < d->ndeadlines; k++) {
			if (strcmp(d->deadlines[k].step, sr->key))
				continue;
			float dx = date_x(d->deadlines[k].days, lo, hi, x0, x1);
			bool late = d->deadlines[k].after ? sr->v->ival < d->deadlines[k].days : sr->v->ival > d->deadlines[k].days;
			pc_draw_line(L, pg, dx, y - 5, dx, y + 5, 1.2f, late ? RED : GREEN);
			if (nt < PC_ARRAY_LEN(ticks))
				ticks[nt++] = dx;
		}
		/* the date next to its marker, right or else left, and past the
		 * ticks only when both sides are taken; never past the margins;
		 * on a white ground so the year rules do not cross it */
		struct pc_date dt = pc_date_from_days(sr->v->ival);
		const char *lab = pc_arena_printf(&L->arena, "%d/%d/%d", dt.y, dt.m, dt.d);
		float lw = pc_text_width(L->fonts, PC_GOTHIC, 6.5f, lab, strlen(lab));
		float far = x + 2.5f;
		for (size_t k = 0; k < nt; k++)
			far = ticks[k] > far ? ticks[k] : far;
		float cand[3] = {x + 5, x - 5 - lw, far + 3}, lx = cand[2];
		for (int c = 0; c < 3; c++) {
			bool ok = cand[c] >= x0 - 4 && cand[c] + lw <= right;
			for (size_t k = 0; k < nt && ok; k++)
				ok = ticks[k] < cand[c] - 1 || ticks[k] > cand[c] + lw + 1;
			if (ok) {
				lx = cand[c];
				break;
			}
		}
		if (lx + lw > right)
			lx = right - lw;
		pc_draw_rect(L, pg, lx - 1, y - 4, lw + 2, 8, 0, WHITE, true);
		pc_draw_text(L, pg, lx, y - 2.5f, PC_GOTHIC, 6.5f, sr->failed ? RED : GREY, lab);
	}
	L->y = top - h;
	pc_lay_space(L, 8);
}

/* a chart a pack declares: bars (the base one dark, plan ones light, the
 * rest grey) with their values in the chart's unit, and the target line
 * through the base and plan bars */
static void bar_chart(struct pc_layout *L, const struct pc_chart *ch)
{
	double mx = 0;
	for (size_t i = 0; i < ch->nbars; i++)
		mx = ch->bars[i].value > mx ? ch->bars[i].value : mx;
	if (mx <= 0)
		return;
	/* the chart takes what is left of the cover, up to 130 points: the
	 * cover stays one page; below 70 it is left out (the figures are in
	 * the table and in the front matter) */
	float h = L->y - L->mb - 22;
	if (L->page != 0 || h < 70)
		return;
	if (h > 130)
		h = 130;
	plain(L, ch->title, PC_GOTHIC, 10.5f, BLACK, 2);
	int pg = L->page;
	float top = L->y, bottom = top - h + 16, x0 = L->ml + 10, x1 = L->pw - L->mr;
	double scale = mx * 1.15, base = ch->base;
	if (base > 0)
		scale = scale > base * 1.25 ? scale : base * 1.25;
	size_t n = ch->nbars;
	float slot = (x1 - x0) / (float)n, bw = slot * 0.55f;
	pc_draw_line(L, pg, x0, bottom, x1, bottom, 0.6f, BLACK);
	float px = 0, py = 0;
	bool have = false;
	for (size_t k = 0; k < n; k++) {
		const struct pc_chart_bar *b = &ch->bars[k];
		float cx = x0 + slot * ((float)k + 0.5f);
		float bh = (float)(b->value / scale) * (h - 30);
		struct pc_rgb col = b->style == 2 ? (struct pc_rgb){0.45f, 0.62f, 0.88f} : b->style == 1 ? BLUE : LIGHT;
		pc_draw_rect(L, pg, cx - bw / 2, bottom, bw, bh > 0 ? bh : 0, 0, col, true);
		pc_draw_text(L, pg, cx - pc_text_width(L->fonts, PC_GOTHIC, 6.5f, b->shown, strlen(b->shown)) / 2,
			     bottom + bh + 3, PC_GOTHIC, 6.5f, BLACK, b->shown);
		pc_draw_text(L, pg, cx - pc_text_width(L->fonts, PC_GOTHIC, 7, b->label, strlen(b->label)) / 2,
			     bottom - 10, PC_GOTHIC, 7, GREY, b->label);
		if (base > 0 && b->has_line) {
			float ty = bottom + (float)(b->line / scale) * (h - 30);
			if (have)
				pc_draw_line(L, pg, px, py, cx, ty, 1.2f, RED);
			px = cx;
			py = ty;
			have = true;
		}
	}
	L->y = top - h;
	pc_lay_space(L, 6);
}

struct report;
static void reserve_cover_errors(struct report *R);

static void cover(struct report *R, struct pc_layout *L, struct pc_doc *d, const struct pc_report_opts *o)
{
	pc_lay_newpage(L);
	int dest = pc_lay_dest(L);
	pc_lay_outline(L, 1, "表紙（判定と計算結果）", dest);
	plain(L, "事業計画書 点検結果", PC_GOTHIC, 22, BLACK, 6);
	const char *name = role_str(d, "name");
	plain(L, name ? name : "（事業者名 未記入）", PC_GOTHIC, 14, BLACK, 2);
	const char *title = d->program ? d->program : "（program 未記入）";
	for (size_t p = 0; o->rules && p < o->rules->npacks; p++)
		if (o->rules->packs[p].program && d->program && !strcmp(o->rules->packs[p].program, d->program) &&
		    !o->rules->packs[p].topup && o->rules->packs[p].title)
			title = o->rules->packs[p].title;
	const char *frame = fm_str(d, "frame", NULL), *topups = "";
	/* the top-up packs that apply, by their short names */
	for (size_t p = 0; o->rules && p < o->rules->npacks; p++) {
		const struct pc_pack *pk = &o->rules->packs[p];
		if (pk->topup && pc_pack_applies(pk, d))
			topups = pc_arena_printf(&L->arena, "%s／ %s", topups,
						 pk->short_title ? pk->short_title : pk->title ? pk->title : pk->topup);
	}
	plain(L, pc_arena_printf(&L->arena, "%s　%s%s%s　%s", title,
				 d->round >= 0 ? pc_arena_printf(&L->arena, "第%ld回", d->round) : "公募回 未記入",
				 frame ? "　" : "", frame ? frame : "", topups),
	      PC_GOTHIC, 10.5f, BLACK, 2);
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	struct tm tm;
	localtime_r(&now, &tm);
	plain(L, pc_arena_printf(&L->arena, "ファイル %s（%s）　点検日 %d年%d月%d日　plancheck %s", d->path,
				 pc_encoding_name(d->enc), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, PC_VERSION),
	      PC_GOTHIC, 8, GREY, 10);

	size_t ne = pc_findings_count(d, PC_ERROR, 0), nw = pc_findings_count(d, PC_WARNING, 0),
	       ni = pc_findings_count(d, PC_INFO, 0), nx = d->nfindings - ne - nw - ni;
	bool ok = ne == 0 && !d->unreadable;
	const float bh = 58;
	pc_lay_need(L, bh);
	pc_draw_rect(L, L->page, L->ml, L->y - bh, L->pw - L->ml - L->mr, bh, 0, ok ? GREEN : RED, true);
	pc_draw_text(L, L->page, L->ml + 16, L->y - 40, PC_GOTHIC, 26, WHITE, ok ? "提出可" : "要修正");
	pc_draw_text(L, L->page, L->ml + 130, L->y - 25, PC_GOTHIC, 11, WHITE,
		     pc_arena_printf(&L->arena, "エラー %zu 件　警告 %zu 件　情報 %zu 件　除外 %zu 件", ne, nw, ni, nx));
	pc_draw_text(L, L->page, L->ml + 130, L->y - 43, PC_GOTHIC, 8.5f, WHITE,
		     ok ? "エラーはありません。警告と情報も確認してから提出してください。"
			: "エラーを直してから提出してください。各指摘は本文の該当箇所に印があります。");
	L->y -= bh;
	pc_lay_space(L, 10);
	reserve_cover_errors(R);
	plain(L, "金額と要件（計画書の記載と、規則から計算した値）", PC_GOTHIC, 10.5f, BLACK, 2);
	figures_table(L, d);
	pc_lay_space(L, 14);
	timeline_chart(L, d);
	for (size_t i = 0; i < d->ncharts; i++)
		bar_chart(L, &d->charts[i]);
}

/* ---- front matter -------------------------------------------------------------- */

/* a list of records and the dated steps get tables of their own */
static bool skip_path(const struct pc_doc *d, const char *p)
{
	const struct pc_schema *sc = pc_doc_shown_schema(d);
	const struct pc_field *f = pc_schema_field(sc, p), *steps = pc_schema_role(sc, "steps");
	return f && (f->type == PC_F_LIST || f == steps);
}

static void basic_rows(struct pc_layout *L, const struct pc_doc *d, const struct pc_ynode *m, const char *prefix,
		       struct pc_text **cells, size_t *n, size_t *cap)
{
	for (size_t i = 0; m && m->kind == PC_Y_MAP && i < m->n; i++) {
		const struct pc_ynode *k = m->keys[i], *v = m->vals[i];
		char *path = prefix[0] ? pc_arena_printf(&L->arena, "%s.%s", prefix, k->str) : pc_arena_strdup(&L->arena, k->str);
		if (skip_path(d, path))
			continue;
		if (v->kind == PC_Y_MAP) {
			basic_rows(L, d, v, path, cells, n, cap);
			continue;
		}
		*cells = pc_grow(&L->arena, *cells, cap, (*n + 1) * 2, sizeof(**cells));
		struct pc_text *kc = &(*cells)[*n * 2], *vc = &(*cells)[*n * 2 + 1];
		memset(kc, 0, 2 * sizeof(*kc));
		const struct pc_field *fi = pc_schema_field(d->schema, path);
		pc_text_add_plain(L, kc, fi ? fi->label : "不明なキー");
		pc_text_add_plain(L, kc, "（");
		pc_text_add(L, kc, d->text + k->start, k->end - k->start, k->start);
		pc_text_add_plain(L, kc, "）");
		if (v->kind == PC_Y_SCALAR)
			cell_src(L, vc, d, v);
		else
			pc_text_add(L, vc, d->text + v->start, v->end > v->start ? v->end - v->start : 0, v->start);
		(*n)++;
	}
}

/* room for a table's caption, its header and two rows: a caption never
 * stays behind at a page foot */
static void caption(struct pc_layout *L, const char *title)
{
	pc_lay_need(L, 10.5f * 1.5f + 2 + 3 * (8.5f * 1.35f + 7));
	plain(L, title, PC_GOTHIC, 10.5f, BLACK, 2);
}

static void heading(struct pc_layout *L, int level, const char *title, int outline_level)
{
	pc_lay_space(L, level == 1 ? 10 : 6);
	pc_lay_need(L, 60);
	int dest = pc_lay_dest(L);
	pc_lay_outline(L, outline_level, title, dest);
	plain(L, title, PC_GOTHIC, level == 1 ? 14 : 11.5f, BLACK, 4);
}

static bool value_in(const struct pc_ynode *list, const char *key)
{
	for (size_t i = 0; i < list->n; i++)
		if (pc_ymap_get(list->vals[i], key))
			return true;
	return false;
}

/* a list of records: one row per item, the columns its fields that any
 * item has (numbers right-aligned); the caption the table's name, with
 * the unit its amounts are written in */
static void list_table(struct pc_layout *L, const struct pc_doc *d, const struct pc_field *lf)
{
	if (lf->type != PC_F_LIST || lf->parent == NULL)
		return;
	const struct pc_ynode *list = pc_plan_node(d, lf->path);
	if (!list || list->kind != PC_Y_SEQ || !list->n)
		return;
	const struct pc_doc_table *t = NULL;
	const struct pc_schema *sc = pc_doc_shown_schema(d);
	for (size_t i = 0; i < sc->ntables && !t; i++)
		if (sc->tables[i].list == lf && sc->tables[i].shape != PC_TABLE_LABELS)
			t = &sc->tables[i];
	const struct pc_field **col = pc_arena_alloc(&L->arena, (lf->nchildren + (t ? t->ncols : 0) + 3) * sizeof(*col));
	size_t nc = 0;
	if (t) {
		if (t->year)
			col[nc++] = t->year;
		if (t->kind)
			col[nc++] = t->kind;
		for (size_t k = 0; k < t->ncols; k++)
			col[nc++] = t->cols[k].field;
	} else
		for (size_t k = 0; k < lf->nchildren; k++)
			col[nc++] = lf->children[k];
	size_t n = 0;
	const char *unit = NULL;
	for (size_t k = 0; k < nc; k++)
		if (value_in(list, col[k]->key)) {
			col[n++] = col[k];
			if (col[k]->unit_field && !unit) {
				const struct pc_ynode *u = pc_plan_node(d, col[k]->unit_field);
				unit = u && u->kind == PC_Y_SCALAR && u->len ? u->str : "円";
			}
		}
	if (!n)
		return;
	pc_lay_space(L, 10);
	const char *name = t ? t->name : lf->label;
	caption(L, unit ? pc_arena_printf(&L->arena, "%s（単位：%s）", name, unit) : name);
	struct pc_text *c = cells_new(L, (list->n + 1) * n);
	int *right = pc_arena_alloc(&L->arena, n * sizeof(*right));
	for (size_t k = 0; k < n; k++) {
		pc_text_add_plain(L, &c[k], col[k]->short_label ? col[k]->short_label : col[k]->label);
		right[k] = col[k]->type == PC_F_AMOUNT || col[k]->type == PC_F_INT || col[k]->type == PC_F_PERCENT;
	}
	for (size_t i = 0; i < list->n; i++)
		for (size_t k = 0; k < n; k++)
			cell_src(L, &c[(i + 1) * n + k], d, pc_ymap_get(list->vals[i], col[k]->key));
	struct pc_table_spec sp = {n, NULL, n > 6 ? 7.5f : 8.5f, true, right, BODY};
	pc_lay_table(L, c, list->n + 1, &sp);
}

static void front_matter(struct pc_layout *L, const struct pc_doc *d)
{
	pc_lay_newpage(L);
	heading(L, 1, "前付けの内容", 1);
	if (!d->fm) {
		plain(L, "前付け（YAML）を読み取れませんでした。指摘一覧を確認してください。", BODY, 10, BLACK, 4);
		return;
	}
	struct pc_text *cells = NULL;
	size_t n = 1, cap = 0;
	cells = pc_grow(&L->arena, cells, &cap, 2, sizeof(*cells));
	memset(cells, 0, 2 * sizeof(*cells));
	pc_text_add_plain(L, &cells[0], "項目");
	pc_text_add_plain(L, &cells[1], "記載");
	basic_rows(L, d, d->fm, "", &cells, &n, &cap);
	static float w2[2] = {0.42f, 0.58f};
	struct pc_table_spec sp2 = {2, w2, 8.5f, true, NULL, BODY};
	/* the schema's table of single fields names this one */
	const char *basic = "基本的な項目";
	const struct pc_schema *sc = pc_doc_shown_schema(d);
	for (size_t i = 0; sc && i < sc->ntables; i++)
		if (sc->tables[i].shape == PC_TABLE_LABELS) {
			basic = sc->tables[i].name;
			break;
		}
	caption(L, basic);
	pc_lay_table(L, cells, n, &sp2);

	/* every list of records the schema declares, as the table a Word
	 * draft carries it in (its columns), else with all its fields */
	for (size_t i = 0; sc && i < sc->nall; i++)
		list_table(L, d, sc->all[i]);
	const struct pc_ynode *tl = pc_plan_role(d, "steps");
	const struct pc_field *steps = pc_schema_role(d->schema, "steps");
	if (tl && tl->kind == PC_Y_MAP && tl->n) {
		pc_lay_space(L, 10);
		caption(L, steps->label);
		struct pc_text *c = cells_new(L, (tl->n + 1) * 2);
		pc_text_add_plain(L, &c[0], "手続の段階");
		pc_text_add_plain(L, &c[1], "日付");
		for (size_t i = 0; i < tl->n; i++) {
			const struct pc_field *fi = pc_schema_child(steps, tl->keys[i]->str);
			pc_text_add_plain(L, &c[(i + 1) * 2], fi ? fi->label : "不明な段階");
			pc_text_add_plain(L, &c[(i + 1) * 2], "（");
			pc_text_add(L, &c[(i + 1) * 2], d->text + tl->keys[i]->start, tl->keys[i]->end - tl->keys[i]->start,
				    tl->keys[i]->start);
			pc_text_add_plain(L, &c[(i + 1) * 2], "）");
			cell_src(L, &c[(i + 1) * 2 + 1], d, tl->vals[i]);
		}
		static float w2b[2] = {0.6f, 0.4f};
		struct pc_table_spec sp = {2, w2b, 8.5f, true, NULL, BODY};
		pc_lay_table(L, c, tl->n + 1, &sp);
	}
}

/* ---- the draft ------------------------------------------------------------------ */

static float heading_size(int level)
{
	return level == 1 ? 14 : level == 2 ? 12 : 11;
}

/* the height a heading at block b needs on its page: itself, the
 * headings that follow it at once, and two lines of what comes next.
 * Measured up to a page at most: 5,000 headings in a row were each
 * measured again from every one before them (a report of 20,000 took
 * 137 s) */
static float keep_height(struct pc_layout *L, const struct pc_doc *d, size_t b)
{
	float h = 0, first = 0, w = L->pw - L->ml - L->mr, page = L->ph - L->mt - L->mb;
	size_t k = b;
	for (; k < d->nblocks && d->blocks[k].kind == PC_B_HEADING && h <= page; k++) {
		const struct pc_block *bl = &d->blocks[k];
		struct pc_text t = {0};
		pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, PC_NOSRC);
		struct pc_para_style st = style(PC_GOTHIC, heading_size(bl->level), 1.45f);
		h += pc_lay_box(L, &t, &st, 0, 0, 0, w, true) + 3 + (k > b ? (bl->level == 1 ? 12 : 7) : 0);
		if (k == b)
			first = h;
	}
	/* a run of headings longer than a page cannot be kept together:
	 * asking for it put each heading on a page of its own (20,000
	 * headings, 19,986 pages, 200 MB); then this one and two lines */
	if (h > page)
		return first + 2 * 17;
	while (k < d->nblocks && d->blocks[k].kind == PC_B_COMMENT)
		k++;
	if (k < d->nblocks)
		h += d->blocks[k].kind == PC_B_TABLE ? 3 + 2 * (8.5f * 1.35f + 7) : 2 * 17;
	return h;
}

static void body(struct pc_layout *L, const struct pc_doc *d)
{
	pc_lay_newpage(L);
	int dest = pc_lay_dest(L);
	pc_lay_outline(L, 1, "本文", dest);
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct pc_block *bl = &d->blocks[b];
		struct pc_text t = {0};
		switch (bl->kind) {
		case PC_B_HEADING: {
			float size = heading_size(bl->level);
			pc_lay_space(L, bl->level == 1 ? 12 : 7);
			/* kept with what follows: the headings after it and two
			 * lines of the first block that is not a heading */
			pc_lay_need(L, keep_height(L, d, b));
			int hd = pc_lay_dest(L);
			const char *title = pc_arena_strndup(&L->arena, d->text + bl->tstart, bl->tend - bl->tstart);
			pc_lay_outline(L, bl->level + 1, title, hd);
			pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, bl->tstart);
			struct pc_para_style st = style(PC_GOTHIC, size, 1.45f);
			pc_lay_para(L, &t, &st);
			pc_lay_space(L, 3);
			break;
		}
		case PC_B_PARA: {
			pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, bl->tstart);
			struct pc_para_style st = style(BODY, 10, 1.7f);
			st.first = 10;
			st.justify = true;
			/* a short line just before a table is its caption */
			if (b + 1 < d->nblocks && d->blocks[b + 1].kind == PC_B_TABLE && bl->nchars <= 40)
				pc_lay_need(L, 17 + 3 + 3 * (8.5f * 1.35f + 7));
			pc_lay_para(L, &t, &st);
			pc_lay_space(L, 4);
			break;
		}
		case PC_B_LIST: {
			pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, bl->tstart);
			struct pc_para_style st = style(BODY, 10, 1.65f);
			st.indent = 12;
			st.justify = true;
			pc_lay_list_item(L, &t, &st, d->text + bl->start, bl->tstart - bl->start);
			pc_lay_space(L, 1);
			break;
		}
		case PC_B_TABLE: {
			/* a run of table rows becomes one table */
			size_t e = b, ncols = 0;
			while (e < d->nblocks && d->blocks[e].kind == PC_B_TABLE) {
				if (!d->blocks[e].table_sep && d->blocks[e].ncells > ncols)
					ncols = d->blocks[e].ncells;
				e++;
			}
			size_t nrows = 0;
			for (size_t k = b; k < e; k++)
				nrows += !d->blocks[k].table_sep;
			if (ncols && nrows) {
				struct pc_text *c = cells_new(L, nrows * ncols);
				size_t r = 0;
				for (size_t k = b; k < e; k++) {
					if (d->blocks[k].table_sep)
						continue;
					for (size_t q = 0; q < d->blocks[k].ncells && q < ncols; q++) {
						const struct pc_cell *cl = &d->blocks[k].cells[q];
						pc_text_add(L, &c[r * ncols + q], d->text + cl->start, cl->end - cl->start, cl->start);
					}
					r++;
				}
				bool head = b + 1 < e && d->blocks[b + 1].table_sep;
				struct pc_table_spec sp = {ncols, NULL, ncols > 6 ? 7.5f : 8.5f, head, NULL, BODY};
				pc_lay_space(L, 3);
				pc_lay_table(L, c, nrows, &sp);
				pc_lay_space(L, 6);
			}
			b = e - 1;
			break;
		}
		case PC_B_OTHER: {
			pc_text_add(L, &t, d->text + bl->start, bl->end - bl->start, bl->start);
			struct pc_para_style st = style(PC_GOTHIC, 8.5f, 1.5f);
			st.color = GREY;
			pc_lay_para(L, &t, &st);
			break;
		}
		case PC_B_COMMENT:
			break;
		}
		pc_lay_scratch_reset(L);   /* the block's text is laid out: not kept */
	}
}

/* ---- findings ---------------------------------------------------------------------- */

static const char *sev_ja(enum pc_severity s)
{
	return s == PC_ERROR ? "エラー" : s == PC_WARNING ? "警告" : "情報";
}

static struct pc_rgb sev_color(enum pc_severity s)
{
	return s == PC_ERROR ? (struct pc_rgb){1, 0.55f, 0.55f} : s == PC_WARNING ? (struct pc_rgb){1, 0.85f, 0.2f}
									       : (struct pc_rgb){0.45f, 0.7f, 1};
}

struct entry {
	int dest;                 /* the list entry */
	int page;
	float y_top, y_bottom;    /* its header line, for the fallback highlight */
	int mark;                 /* where its mark sends the reader, or -1 */
};

/* The findings in the order a reader fixes them: errors, then warnings,
 * then information, each in page order (where the marks are), waived
 * ones last; a finding's number is its place in that order, on its mark,
 * its note and in the list. */
struct report {
	struct pc_layout *L;
	const struct pc_doc *d;
	size_t *order;            /* place in the list -> finding */
	size_t *num;              /* finding -> its number */
	struct entry *ent;        /* per finding */
	int cover_page;           /* the cover's list of errors, drawn at the end */
	float cover_top;
	size_t cover_rows;
};

static const size_t COVER_ERRORS = 10;

static int group_of(const struct pc_finding *f)
{
	return f->waived ? 3 : f->severity == PC_ERROR ? 0 : f->severity == PC_WARNING ? 1 : 2;
}

static const char *group_title(int g)
{
	static const char *const t[] = {"エラー（直してから提出）", "警告（確かめて、必要なら直す）", "情報", "除外した指摘"};
	return t[g];
}

/* where a finding is marked: the first piece of its span, else the
 * nearest character after it; false when it is drawn nowhere */
static bool mark_place(const struct pc_layout *L, size_t i, struct pc_piece *p)
{
	const struct pc_track *t = &L->track[i];
	if (t->npieces) {
		*p = t->pieces[0];
		return true;
	}
	if (t->near) {
		*p = t->nearest;
		return true;
	}
	return false;
}

struct sortkey {
	int group, page;
	float y, x;
	size_t start, idx;
};

static int cmp_key(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;
	if (x->group != y->group)
		return x->group - y->group;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->y != y->y)
		return x->y > y->y ? -1 : 1;   /* higher on the page first */
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void order_findings(struct report *R)
{
	const struct pc_doc *d = R->d;
	struct sortkey *k = calloc(d->nfindings + 1, sizeof(*k));
	if (!k)
		abort();
	for (size_t i = 0; i < d->nfindings; i++) {
		struct pc_piece p;
		bool at = mark_place(R->L, i, &p);
		/* a row drawn nowhere sorts after the drawn ones of its group,
		 * in file order */
		k[i] = (struct sortkey){group_of(&d->findings[i]), at ? p.page : 1 << 30, at ? (float)(int)p.y1 : 0,
					at ? p.x0 : 0, d->findings[i].start, i};
	}
	if (d->nfindings > 1)
		qsort(k, d->nfindings, sizeof(*k), cmp_key);
	for (size_t n = 0; n < d->nfindings; n++) {
		R->order[n] = k[n].idx;
		R->num[k[n].idx] = n + 1;
	}
	free(k);
}

/* the page a reader sees printed: the label */
static const char *page_label(struct pc_layout *L, int page)
{
	if (page < L->first_numbered_page)
		return "表紙";
	return pc_arena_printf(&L->arena, "%dページ", page - L->first_numbered_page + 1);
}

/* the cover keeps room for up to ten errors; they are drawn at the end,
 * when the pages they are on are known */
static void reserve_cover_errors(struct report *R)
{
	struct pc_layout *L = R->L;
	size_t ne = pc_findings_count(R->d, PC_ERROR, 0);
	if (!ne)
		return;
	R->cover_rows = ne < COVER_ERRORS ? ne : COVER_ERRORS;
	float h = 17 + 12.5f * (float)R->cover_rows + (ne > COVER_ERRORS ? 12.5f : 0);
	pc_lay_need(L, h);
	R->cover_page = L->page;
	R->cover_top = L->y;
	pc_lay_hold(L, L->page);
	L->y -= h;
	pc_lay_space(L, 8);
}

/* s cut with … to fit width w */
static const char *fit(struct pc_layout *L, const char *s, int face, float size, float w)
{
	size_t n = strlen(s), i = 0, cut = 0;
	float x = 0, ell = pc_text_width(L->fonts, face, size, "…", strlen("…"));
	if (pc_text_width(L->fonts, face, size, s, n) <= w)
		return s;
	while (i < n) {
		int32_t cp = pc_u8(s, n, &i);
		x += cp >= 0 ? pc_cp_advance(L->fonts, face, size, cp) : 0;
		if (x + ell > w)
			break;
		cut = i;
	}
	return pc_arena_printf(&L->arena, "%.*s…", (int)cut, s);
}

static void draw_cover_errors(struct report *R)
{
	struct pc_layout *L = R->L;
	const struct pc_doc *d = R->d;
	if (!R->cover_rows)
		return;
	size_t ne = pc_findings_count(d, PC_ERROR, 0);
	int pg = R->cover_page;
	float y = R->cover_top - 12, right = L->pw - L->mr;
	pc_draw_text(L, pg, L->ml, y, PC_GOTHIC, 10.5f, RED,
		     pc_arena_printf(&L->arena, "まず直すエラー（%zu 件%s）", ne, ne > COVER_ERRORS ? "、先頭の 10 件" : ""));
	y -= 17;
	for (size_t k = 0; k < R->cover_rows; k++) {
		size_t i = R->order[k];
		const struct pc_finding *f = &d->findings[i];
		struct pc_piece p;
		const char *where = mark_place(L, i, &p) ? page_label(L, p.page) : page_label(L, R->ent[i].page);
		float ww = pc_text_width(L->fonts, PC_GOTHIC, 8.5f, where, strlen(where));
		char num[16];
		snprintf(num, sizeof(num), "%zu", R->num[i]);
		pc_draw_text(L, pg, L->ml + 2, y, PC_GOTHIC, 8.5f, RED, num);
		pc_draw_text(L, pg, L->ml + 20, y, PC_GOTHIC, 8.5f, BLACK,
			     fit(L, f->message, PC_GOTHIC, 8.5f, right - ww - 12 - (L->ml + 20)));
		pc_draw_text(L, pg, right - ww, y, PC_GOTHIC, 8.5f, BLUE, where);
		pc_draw_line(L, pg, L->ml, y - 4, right, y - 4, 0.25f, LIGHT);
		struct pc_annot *a = pc_lay_annot(L, AN_LINK, pg);
		a->x0 = L->ml;
		a->y0 = y - 4;
		a->x1 = right;
		a->y1 = y + 8.5f;
		a->dest = R->ent[i].mark >= 0 ? R->ent[i].mark : R->ent[i].dest;
		y -= 12.5f;
	}
	if (ne > COVER_ERRORS)
		pc_draw_text(L, pg, L->ml + 20, y, PC_GOTHIC, 8.5f, GREY,
			     pc_arena_printf(&L->arena, "ほか %zu 件のエラーは指摘一覧にあります。", ne - COVER_ERRORS));
}

static void findings_list(struct report *R)
{
	struct pc_layout *L = R->L;
	const struct pc_doc *d = R->d;
	struct entry *ent = R->ent;
	pc_lay_newpage(L);
	heading(L, 1, "指摘一覧", 1);
	if (d->nfindings == 0)
		plain(L, "指摘はありません。", BODY, 10, BLACK, 4);
	int group = -1;
	for (size_t n = 0; n < d->nfindings; n++) {
		size_t i = R->order[n];
		const struct pc_finding *f = &d->findings[i];
		if (group_of(f) != group) {
			group = group_of(f);
			size_t count = 0;
			for (size_t q = n; q < d->nfindings && group_of(&d->findings[R->order[q]]) == group; q++)
				count++;
			pc_lay_space(L, group ? 6 : 0);
			pc_lay_need(L, 60);
			plain(L, pc_arena_printf(&L->arena, "%s　%zu 件", group_title(group), count), PC_GOTHIC, 11,
			      group == 0 ? RED : BLACK, 3);
		}
		size_t line, col;
		pc_doc_linecol(d, f->start, &line, &col);
		/* this entry's texts, given back once it is laid out */
		struct pc_arena fa = {0};
		pc_lay_need(L, 44);
		ent[i].dest = pc_lay_dest(L);
		ent[i].page = L->page;
		ent[i].y_top = L->y;
		struct pc_piece p;
		const char *where = mark_place(L, i, &p) ? pc_arena_printf(&fa, "%s　", page_label(L, p.page)) : "";
		/* a Word draft: the place as the writer finds it in Word, not a line */
		const char *pos = d->nplaces ? pc_place_where(&fa, d, f->start, f->end)
					     : pc_arena_printf(&fa, "%zu 行 %zu 字目", line, col);
		struct pc_text t = {0};
		pc_text_add_plain(L, &t, pc_arena_printf(&fa, "%zu.　%s　%s%s　%s%s", n + 1, sev_ja(f->severity),
							 where, pos, f->rule,
							 f->waived ? pc_arena_printf(&fa, "　（除外: %s）", f->waiver && *f->waiver ? f->waiver : "理由なし") : ""));
		struct pc_para_style hs = style(PC_GOTHIC, 8.5f, 1.5f);
		hs.color = f->severity == PC_ERROR ? RED : f->severity == PC_WARNING ? (struct pc_rgb){0.6f, 0.4f, 0} : BLUE;
		pc_lay_para(L, &t, &hs);
		ent[i].y_bottom = L->y;
		struct pc_text m = {0};
		pc_text_add_plain(L, &m, f->message);
		struct pc_para_style ms = style(BODY, 9.5f, 1.55f);
		ms.indent = 12;
		ms.justify = true;
		pc_lay_para(L, &m, &ms);
		if (d->nplaces) {
			struct pc_text q = {0};
			pc_text_add_plain(L, &q, pc_arena_printf(&fa, "該当箇所: 「%s」",
								 pc_place_quote(&fa, d, f->start, f->end)));
			pc_lay_para(L, &q, &ms);
		}
		if (f->suggestion) {
			struct pc_text s = {0};
			pc_text_add_plain(L, &s, pc_arena_printf(&fa, "提案: %s", f->suggestion));
			pc_lay_para(L, &s, &ms);
		}
		if (f->cite) {
			struct pc_text s = {0};
			pc_text_add_plain(L, &s, pc_arena_printf(&fa, "根拠: マニュアル %s", pc_cite_text(&fa, f->cite)));
			struct pc_para_style cs = ms;
			cs.color = GREY;
			cs.size = 8.5f;
			pc_lay_para(L, &s, &cs);
		}
		pc_lay_space(L, 5);
		pc_lay_scratch_reset(L);
		pc_arena_release(&fa);
	}
}

/* a mark's contents, written as the PDF is saved (not kept for each of
 * a long draft's findings) */
static void note_text(void *ctx, size_t i, struct pc_buf *out)
{
	const struct report *R = ctx;
	const struct pc_finding *f = &R->d->findings[i];
	pc_buf_printf(out, "[%zu] %s: %s", R->num[i], sev_ja(f->severity), f->message);
	if (f->suggestion)
		pc_buf_printf(out, "\n提案: %s", f->suggestion);
	if (f->cite) {
		/* as pc_cite_text words it */
		const struct pc_cite *c = pc_cite_lookup(f->cite);
		if (!c)
			pc_buf_printf(out, "\n根拠: マニュアル %s", f->cite);
		else if (c->page > 0)
			pc_buf_printf(out, "\n根拠: マニュアル %s（%dページ）", c->title, c->page);
		else
			pc_buf_printf(out, "\n根拠: マニュアル %s", c->title);
	}
	pc_buf_printf(out, "（%s）", f->rule);
}

static void annotate(struct report *R)
{
	struct pc_layout *L = R->L;
	const struct pc_doc *d = R->d;
	struct entry *ent = R->ent;
	/* margin markers per (page, line) so that several do not overlap */
	struct mark {
		int page;
		int y;
		int count;
	} *marks = calloc(d->nfindings + 1, sizeof(*marks));
	size_t nmarks = 0;
	if (!marks)
		abort();
	for (size_t n = 0; n < d->nfindings; n++) {
		size_t i = R->order[n];
		const struct pc_finding *f = &d->findings[i];
		ent[i].mark = -1;
		if (f->waived)
			continue;
		const struct pc_track *t = &L->track[i];
		struct pc_piece one;
		const struct pc_piece *pieces = t->pieces;
		size_t np = t->npieces < PC_TRACK_PIECES ? t->npieces : PC_TRACK_PIECES;
		if (np == 0) {
			/* not drawn anywhere (a comment, the --- fence): the nearest
			 * character drawn after it, else the finding's own entry in
			 * the list */
			one = t->near ? t->nearest
				      : (struct pc_piece){ent[i].page, L->ml, ent[i].y_bottom + 2, L->pw - L->mr,
							  ent[i].y_top - 2};
			pieces = &one;
			np = 1;
		}
		int page = pieces[0].page;
		size_t used = 0;
		float *q = pc_arena_alloc(&L->arena, np * 8 * sizeof(float));
		struct pc_piece box = pieces[0];
		for (size_t k = 0; k < np; k++) {
			const struct pc_piece *p = &pieces[k];
			if (p->page != page)
				break;   /* an annotation lives on one page */
			float quad[8] = {p->x0, p->y1, p->x1, p->y1, p->x0, p->y0, p->x1, p->y0};
			memcpy(q + used * 8, quad, sizeof(quad));
			used++;
			box.x0 = p->x0 < box.x0 ? p->x0 : box.x0;
			box.y0 = p->y0 < box.y0 ? p->y0 : box.y0;
			box.x1 = p->x1 > box.x1 ? p->x1 : box.x1;
			box.y1 = p->y1 > box.y1 ? p->y1 : box.y1;
		}
		size_t no = R->num[i];
		struct pc_annot *h = pc_lay_annot(L, f->severity == PC_INFO ? AN_SQUIGGLY : AN_HIGHLIGHT, page);
		h->x0 = box.x0;
		h->y0 = box.y0;
		h->x1 = box.x1;
		h->y1 = box.y1;
		h->quads = q;
		h->nquads = used;
		h->ref = i;   /* its contents: note_text */
		h->color = sev_color(f->severity);
		/* where the list entry sends the reader */
		int here = pc_lay_dest_at(L, page, box.y1 + 24);
		ent[i].mark = here;
		struct pc_annot *back = pc_lay_annot(L, AN_LINK, ent[i].page);
		back->x0 = L->ml;
		back->y0 = ent[i].y_bottom;
		back->x1 = L->pw - L->mr;
		back->y1 = ent[i].y_top;
		back->dest = here;
		/* the margin: a numbered marker linking to the entry, a note */
		int yk = (int)(box.y1 + 0.5f), shift = 0;
		for (size_t m = 0; m < nmarks; m++)
			if (marks[m].page == page && marks[m].y == yk)
				shift = marks[m].count++;
		if (shift == 0)
			marks[nmarks++] = (struct mark){page, yk, 1};
		char num[24];
		snprintf(num, sizeof(num), "%zu", no);
		float mx = L->pw - L->mr + 6 + 15 * (float)(shift % 3), my = box.y1 - 8 - 9 * (float)(shift / 3);
		pc_lay_marker(L, page, mx, my, 7, f->severity == PC_ERROR ? RED : BLUE, num);
		struct pc_annot *mk = pc_lay_annot(L, AN_LINK, page);
		mk->x0 = mx - 1;
		mk->y0 = my - 2;
		mk->x1 = mx + 13;
		mk->y1 = my + 8;
		mk->dest = ent[i].dest;
		struct pc_annot *nt = pc_lay_annot(L, AN_NOTE, page);
		float nx = 14 + 14 * (float)(shift % 3);
		nt->x0 = nx;
		nt->y0 = my - 3;
		nt->x1 = nx + 12;
		nt->y1 = my + 9;
		nt->ref = i;
		nt->color = sev_color(f->severity);
	}
	free(marks);
}

int pc_report_pdf_to(struct pc_doc *d, const struct pc_report_dest *to, const struct pc_report_opts *o, FILE *lines,
		     char *err, size_t errlen)
{
	struct pc_layout L;
	if (pc_layout_open(&L, err, errlen) != 0)
		return -1;
	const char *name = role_str(d, "name");
	L.title = pc_arena_printf(&L.arena, "事業計画書 点検結果 %s", name ? name : d->path);
	L.author = name;
	/* the program's pack names it */
	const char *program = d->program;
	for (size_t p = 0; o && o->rules && p < o->rules->npacks; p++)
		if (o->rules->packs[p].program && d->program && !strcmp(o->rules->packs[p].program, d->program) &&
		    !o->rules->packs[p].topup && o->rules->packs[p].title)
			program = o->rules->packs[p].title;
	L.subject = program ? pc_arena_printf(&L.arena, "%s 事業計画書の点検結果", program) : "事業計画書の点検結果";
	L.header = pc_arena_printf(&L.arena, "事業計画書 点検結果　%s　%s", name ? name : "", d->path);
	L.first_numbered_page = 1;
	L.dump = lines;
	pc_lay_label(&L, 0, "表紙", false, 0);
	pc_lay_label(&L, 1, NULL, true, 1);
	/* every finding's span, found as the pages are laid out */
	size_t *st = calloc(d->nfindings + 1, sizeof(size_t)), *en = calloc(d->nfindings + 1, sizeof(size_t));
	if (!st || !en)
		abort();
	for (size_t i = 0; i < d->nfindings; i++) {
		st[i] = d->findings[i].start;
		en[i] = d->findings[i].end;
	}
	pc_lay_track(&L, d->nfindings, st, en);
	free(st);
	free(en);

	struct report R = {&L, d, calloc(d->nfindings + 1, sizeof(size_t)), calloc(d->nfindings + 1, sizeof(size_t)),
			   calloc(d->nfindings + 1, sizeof(struct entry)), 0, 0, 0};
	if (!R.order || !R.num || !R.ent)
		abort();
	cover(&R, &L, d, o);
	front_matter(&L, d);
	if (d->nblocks)
		body(&L, d);
	order_findings(&R);
	findings_list(&R);
	annotate(&R);
	draw_cover_errors(&R);
	L.annot_text = note_text;
	L.annot_ctx = &R;
	int rc = pc_render_pdf_to(&L, to, err, errlen);
	pc_layout_release(&L);
	free(R.order);
	free(R.num);
	free(R.ent);
	return rc;
}

int pc_report_pdf(struct pc_doc *d, const char *path, const struct pc_report_opts *o, FILE *lines, char *err,
		  size_t errlen)
{
	struct pc_report_dest to = {.path = path, .durable = 1};
	return pc_report_pdf_to(d, &to, o, lines, err, errlen);
}
