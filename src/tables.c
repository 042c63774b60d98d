/*
 * tables.c - the tables that carry data (../shared/spec/documents.md §3):
 * in a draft's body - a Word document's tables, or Markdown tables - a
 * table whose caption (the heading or short paragraphs right above it, or
 * a first row spanning it) names a table the program's schema declares is
 * read into the same plan tree front matter gives, with the labels and
 * aliases the schema declares: label | value rows, one row per item (with
 * a 合計 row checked against its column), and a row or column per year
 * (its kind and year from its header).  Units come from the caption or a
 * header (千円, 万円).  Values are read as people write them (第6回, 18名,
 * あり, 令和5年9月29日, 3,600万円) by the plan's own typing.
 *
 * With no front matter the tables are the plan.  With both, every table
 * value that restates a front-matter field must agree, or it is an error
 * at the cell.  An unknown label in a recognised table is a warning with a
 * did-you-mean; an empty cell in a row that holds data is an error.
 */
#include "rules.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

/* a table of the body: its rows (separator rows left out) */
struct tbl {
	size_t first;                   /* its first block */
	const struct pc_block **rows;
	size_t nrows;
	const struct pc_doc_table *decl;
	size_t caption_row;             /* 1: row 0 is its caption */
	size_t caption_block;           /* the paragraph naming it, or 0 */
	int64_t unit;                   /* 円 a bare number means (caption or header), 0: not said */
	const char *unit_text;
};

struct reader {
	struct pc_doc *d;
	const struct pc_ruleset *rs;
	const struct pc_schema *s;
	struct pc_ynode *root;          /* the plan the tables give */
	size_t nvalues;
	struct pc_finding *empty;       /* the first empty cell of a table; the rest counted */
	size_t nempty;
	const char *program, *topup;    /* read from the tables */
	size_t program_at, topup_at;
	struct pc_ynode **extras;       /* a table restating one read before (the body's
					 * 収益計画表 under a 収益計画): read aside, compared */
	size_t nextras, capextras;
	bool vs_tables;                 /* comparing with the tables read first, not front matter */
	bool probe;                     /* only finding which program the tables name */
	struct mismatch {               /* a field the tables and the front matter disagree on */
		const char *path;
		struct pc_finding *f;
		size_t more;
	} *mis;
	size_t nmis, capmis;
};

/* ---- text of cells ------------------------------------------------------- */

/* labels, folded text and cell copies only compared: kept apart from the
 * draft's arena and released once the tables are read (a draft of a
 * hundred tables would otherwise hold every comparison's copy) */
static _Thread_local struct pc_arena scratch;

static const char *cell(struct pc_doc *d, const struct pc_block *b, size_t k)
{
	if (k >= b->ncells)
		return "";
	const struct pc_cell *c = &b->cells[k];
	struct pc_buf t = {0};
	for (size_t i = c->start; i < c->end; i++) {
		if (d->text[i] == '\\' && i + 1 < c->end && d->text[i + 1] == '|')
			continue;   /* "\|": a bar in the cell */
		pc_buf_putc(&t, d->text[i]);
	}
	const char *s = pc_arena_strndup(&scratch, t.s ? t.s : "", t.len);
	pc_buf_free(&t);
	return s;
}

static bool blank_cell(const struct pc_block *b, size_t k)
{
	return k >= b->ncells || b->cells[k].end <= b->cells[k].start;
}

/* a row of one cell across the table (Word's merged cells: the text
 * once, then empty cells) */
static bool spans(const struct pc_block *b)
{
	for (size_t k = 1; k < b->ncells; k++)
		if (!blank_cell(b, k))
			return false;
	return b->ncells >= 2;
}

/* NFKC with spaces, notes and bracketed remarks out: how labels compare */
static const char *fold(struct pc_doc *d, const char *s)
{
	(void)d;
	return pc_label_fold(&scratch, s, strlen(s));
}

/* full-width to ASCII, spaces out, brackets kept: how values compare */
static const char *flat(struct pc_doc *d, const char *s)
{
	size_t n;
	(void)d;
	char *f = pc_text_fold(&scratch, s, strlen(s), &n);
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (f[i] != ' ')
			f[o++] = f[i];
	f[o] = '\0';
	return f;
}

/* the unit a caption or header states: 百万円, 千円, 万円, 円 */
static int64_t unit_in(struct pc_doc *d, const char *s, const char **text)
{
	const char *f = flat(d, s);
	static const struct {
		const char *u;
		int64_t yen;
	} units[] = {{"百万円", 1000000}, {"千円", 1000}, {"万円", 10000}};
	for (size_t i = 0; i < PC_ARRAY_LEN(units); i++)
		if (strstr(f, units[i].u)) {
			*text = units[i].u;
			return units[i].yen;
		}
	if (strstr(f, "単位:円") || strstr(f, "(円)") || strstr(f, "（円）")) {
		*text = "円";
		return 1;
	}
	return 0;
}

/* a number as written with no unit of its own: 6,200 / ６，２００ / ▲120 */
static bool bare_number(struct pc_doc *d, const char *s)
{
	const char *f = flat(d, s);
	bool digit = false;
	for (const char *p = f; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (*p != ',' && *p != '.' && *p != '-' && !((unsigned char)*p >= 0x80 && (!strncmp(p, "▲", 3) || !strncmp(p, "△", 3))))
			return false;
		else if ((unsigned char)*p >= 0x80)
			p += 2;
	}
	return digit;
}

/* ---- the plan tree ----------------------------------------------------------- */

static struct pc_ynode *node(struct pc_doc *d, enum pc_ykind k, size_t s, size_t e)
{
	struct pc_ynode *n = pc_arena_alloc(&d->arena, sizeof(*n));
	n->kind = k;
	n->start = s;
	n->end = e;
	return n;
}

static struct pc_ynode *scalar(struct pc_doc *d, const char *str, size_t s, size_t e)
{
	struct pc_ynode *n = node(d, PC_Y_SCALAR, s, e);
	n->str = str;
	n->len = strlen(str);
	n->plain = true;
	return n;
}

static void add(struct pc_doc *d, struct pc_ynode *m, struct pc_ynode *k, struct pc_ynode *v)
{
	size_t cap = m->n, capv = m->n;
	m->keys = pc_grow(&d->arena, m->keys, &cap, m->n + 1, sizeof(*m->keys));
	m->vals = pc_grow(&d->arena, m->vals, &capv, m->n + 1, sizeof(*m->vals));
	m->keys[m->n] = k;
	m->vals[m->n++] = v;
}

static struct pc_ynode *child_of(struct pc_doc *d, struct pc_ynode *m, const char *key, enum pc_ykind kind,
				 size_t s, size_t e)
{
	struct pc_ynode *c = pc_ymap_get(m, key);
	if (c)
		return c;
	c = node(d, kind, s, e);
	add(d, m, scalar(d, pc_arena_strdup(&d->arena, key), s, s), c);
	return c;
}

/* the map that holds the last key of a dotted path (made as needed) */
static struct pc_ynode *holder(struct reader *R, const char *path, const char **leaf, size_t s)
{
	struct pc_ynode *m = R->root;
	const char *p = path;
	for (const char *dot; (dot = strchr(p, '.')) != NULL; p = dot + 1) {
		const char *seg = pc_arena_strndup(&scratch, p, (size_t)(dot - p));
		m = child_of(R->d, m, seg, PC_Y_MAP, s, s);
		if (m->kind != PC_Y_MAP)
			return NULL;
	}
	*leaf = p;
	return m;
}

/* the node at a dotted path, or NULL (nothing made) */
static const struct pc_ynode *lookup(const struct pc_ynode *m, const char *path)
{
	struct pc_arena a = {0};
	const char *p = path;
	for (const char *dot; m && (dot = strchr(p, '.')) != NULL; p = dot + 1)
		m = pc_ymap_get(m, pc_arena_strndup(&a, p, (size_t)(dot - p)));
	m = m && m->kind == PC_Y_MAP ? pc_ymap_get(m, p) : NULL;
	pc_arena_release(&a);
	return m;
}

static const char *leaf_key(const struct pc_field *f)
{
	return f->key;
}

/* a value as the field's type reads it: 第6回 → 6回, あり（…） → あり, a
 * bare amount in the table's unit → with the unit; the program and the
 * top-up as their pack's names */
static const char *value_for(struct reader *R, const struct pc_field *f, const char *v, int64_t unit,
			     const char *unit_text)
{
	struct pc_doc *d = R->d;
	const char *fv = flat(d, v);
	switch (f->type) {
	case PC_F_INT:
		if (!strncmp(fv, "第", strlen("第")))
			return fv + strlen("第");
		return v;
	case PC_F_BOOL: {
		static const char *const yes[] = {"あり", "有", "はい", "○", "〇", "済", "受領", "取得", "提出", "yes", "Yes"};
		static const char *const no[] = {"なし", "無", "いいえ", "×", "未", "ー", "-", "no", "No"};
		for (size_t i = 0; i < PC_ARRAY_LEN(yes); i++)
			if (!strncmp(fv, yes[i], strlen(yes[i])))
				return "はい";
		for (size_t i = 0; i < PC_ARRAY_LEN(no); i++)
			if (!strncmp(fv, no[i], strlen(no[i])))
				return "いいえ";
		return v;
	}
	case PC_F_AMOUNT:
		if (unit > 1 && bare_number(d, v))
			return pc_arena_printf(&scratch, "%s%s", v, unit_text);
		return v;
	default:
		return v;
	}
}

/* the program a 補助金名 cell names: a pack's program, or its title's */
static const char *program_named(struct reader *R, const char *v)
{
	const char *fv = flat(R->d, v);
	for (size_t i = 0; i < R->rs->npacks; i++) {
		const struct pc_pack *p = &R->rs->packs[i];
		if (!p->program || p->topup)
			continue;
		if (!strcmp(fv, p->program) || (p->title && (strstr(fv, flat(R->d, p->title)) ||
							      strstr(flat(R->d, p->title), fv))))
			return p->program;
	}
	for (size_t i = 0; i < R->rs->nschemas; i++) {
		const struct pc_schema *s = R->rs->schemas[i];
		if (s->title && *fv && strstr(flat(R->d, s->title), fv))
			return s->program;
	}
	return NULL;
}

/* the top-up a 上乗せ支援 cell names (its id, or a word of its pack's
 * title: 青森県); "" for none (なし); NULL when it is not known */
static const char *topup_named(struct reader *R, const char *v)
{
	const char *fv = flat(R->d, v);
	if (!*fv || !strncmp(fv, "なし", strlen("なし")) || !strncmp(fv, "無", strlen("無")) || !strcmp(fv, "-") ||
	    !strcmp(fv, "ー"))
		return "";
	for (size_t i = 0; i < R->rs->npacks; i++) {
		const struct pc_pack *p = &R->rs->packs[i];
		if (!p->topup)
			continue;
		if (strstr(fv, p->topup))
			return p->topup;
		/* a word of the title that the program's own title lacks */
		const char *t = p->title ? p->title : "";
		for (const char *w = t; *w;) {
			const char *e = strchr(w, ' ');
			size_t l = e ? (size_t)(e - w) : strlen(w);
			const char *word = pc_arena_strndup(&scratch, w, l);
			if (pc_utf8_count(word, l) >= 2 && strstr(fv, flat(R->d, word)) &&
			    !program_named(R, word))
				return p->topup;
			w = e ? e + 1 : w + l;
		}
	}
	return NULL;
}

/* put a cell's value at a field's path (a list item: into item) */
static void put(struct reader *R, struct pc_ynode *item, const struct pc_field *f, const struct pc_block *b,
		size_t k, const char *v, int64_t unit, const char *unit_text)
{
	struct pc_doc *d = R->d;
	size_t s = b->cells[k].start, e = b->cells[k].end;
	const char *val = value_for(R, f, v, unit, unit_text);
	if (f->core && !strcmp(f->key, "program")) {
		const char *p = program_named(R, v);
		if (!p)
			return;
		R->program = p;
		R->program_at = s;
		val = p;
	} else if (f->core && !strcmp(f->key, "topup")) {
		const char *t = topup_named(R, v);
		if (t && !*t)
			return;   /* なし */
		if (t) {
			R->topup = t;
			R->topup_at = s;
			val = t;
		}
	}
	struct pc_ynode *m = item;
	const char *leaf = leaf_key(f);
	if (!m)
		m = holder(R, f->path, &leaf, s);
	if (!m || pc_ymap_get(m, leaf))
		return;   /* said already (the first place wins) */
	add(d, m, scalar(d, leaf, s, s), scalar(d, pc_arena_strdup(&d->arena, val), s, e));
	R->nvalues++;
}

static void say_empty(struct reader *R, const struct tbl *t, const struct pc_field *f, const struct pc_block *b,
		      size_t k)
{
	if (R->empty) {
		R->nempty++;
		return;
	}
	size_t at = k < b->ncells ? b->cells[k].start : b->tstart;
	R->empty = pc_finding_add(R->d, "plan.table-empty", PC_ERROR, at, at, "表「%s」の「%s」が空欄です",
				  t->decl->name, f->label);
	R->empty->suggestion = "値を書くか、使わない行は消してください";
}

static void empty_done(struct reader *R)
{
	if (R->empty && R->nempty)
		R->empty->message = pc_arena_printf(&R->d->arena, "%s（ほかに %zu か所）", R->empty->message, R->nempty);
	R->empty = NULL;
	R->nempty = 0;
}

/* ---- labels the table does not know ------------------------------------------- */

/* code points; did-you-mean distance */
static size_t cp_distance(const char *a, const char *b)
{
	int32_t x[64], y[64];
	size_t nx = 0, ny = 0, i = 0, la = strlen(a), lb = strlen(b);
	while (i < la && nx < 64)
		x[nx++] = pc_u8(a, la, &i);
	i = 0;
	while (i < lb && ny < 64)
		y[ny++] = pc_u8(b, lb, &i);
	size_t row[65];
	for (size_t j = 0; j <= ny; j++)
		row[j] = j;
	for (size_t p = 1; p <= nx; p++) {
		size_t diag = row[0];
		row[0] = p;
		for (size_t j = 1; j <= ny; j++) {
			size_t up = row[j], best = diag + (x[p - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[ny];
}

static void unknown_label(struct reader *R, const struct tbl *t, const struct pc_block *b, size_t k, const char *label)
{
	struct pc_doc *d = R->d;
	const char *fl = fold(d, label), *near = NULL;
	size_t best = (size_t)-1;
	for (size_t i = 0; i < t->decl->ncols; i++) {
		const struct pc_field *f = t->decl->cols[i].field;
		for (size_t a = 0; a < f->nfolded; a++) {
			size_t dd = cp_distance(fl, f->folded[a]);
			if (dd < best) {
				best = dd;
				near = f->label;
			}
		}
	}
	size_t n = pc_utf8_count(fl, strlen(fl));
	struct pc_finding *f = pc_finding_add(d, "plan.table-label", PC_WARNING, b->cells[k].start, b->cells[k].end,
					      "表「%s」の「%s」は読めない項目です。この値は検査に使われません",
					      t->decl->name, label);
	if (near && best <= (n < 5 ? 2 : n / 2))
		f->suggestion = pc_arena_printf(&d->arena, "「%s」のことではありませんか", near);
}

/* the field a label names in this table: a row or column the schema
 * declares for it, else any field of the plan (of the table's list) by
 * its label, or written as its key ("employees", "applicant.capital") -
 * a converter may write more of the plan than the table declares */
static const struct pc_field *field_for(struct reader *R, const struct tbl *t, const char *label)
{
	const struct pc_field *f = pc_table_field(t->decl, label);
	if (f)
		return f;
	const struct pc_field *list = t->decl->shape == PC_TABLE_LABELS ? NULL : t->decl->list;
	f = pc_schema_by_label(R->s, list, label);
	if (!f) {
		const char *k = flat(R->d, label);
		f = list ? pc_schema_child(list, k) : pc_schema_field(R->s, k);
	}
	if (!f || f->vtype == PC_V_NONE || (!list && strstr(f->path, "[]")) || (list && f->parent != list))
		return NULL;
	return f;
}

/* the field a row or column label names in this table; "うち新事業" under
 * 売上高 is the field whose label holds both */
static const struct pc_field *label_field(struct reader *R, const struct tbl *t, const char *label,
					  const struct pc_field *above)
{
	const struct pc_field *f = field_for(R, t, label);
	if (f)
		return f;
	const char *fl = fold(R->d, label);
	if (strncmp(fl, "うち", strlen("うち")))
		return NULL;
	const char *rest = fl + strlen("うち");
	f = pc_table_field(t->decl, rest);
	if (f || !above || !*rest)
		return f;
	const char *af = fold(R->d, above->label);
	for (size_t i = 0; i < t->decl->ncols; i++) {
		const struct pc_field *c = t->decl->cols[i].field;
		for (size_t a = 0; a < c->nfolded; a++)
			if (c != above && strstr(c->folded[a], rest) && strstr(c->folded[a], af))
				return c;
	}
	return NULL;
}

/* ---- the three shapes ------------------------------------------------------------ */

/* label | value (| label | value): each label a field */
static void read_labels(struct reader *R, const struct tbl *t)
{
	struct pc_doc *d = R->d;
	for (size_t r = t->caption_row; r < t->nrows; r++) {
		const struct pc_block *b = t->rows[r];
		for (size_t k = 0; k + 1 < b->ncells; k += 2) {
			if (blank_cell(b, k))
				continue;
			const char *label = cell(d, b, k);
			int64_t unit = t->unit;
			const char *ut = t->unit_text, *lu = NULL;
			int64_t u2 = unit_in(d, label, &lu);
			if (u2) {
				unit = u2;
				ut = lu;
			}
			const struct pc_field *f = field_for(R, t, label);
			if (!f) {
				/* a header row (項目 | 内容) says nothing; a label
				 * in the body of the table that reads as nothing is
				 * said once */
				if (r > t->caption_row)
					unknown_label(R, t, b, k, label);
				continue;
			}
			if (blank_cell(b, k + 1)) {
				say_empty(R, t, f, b, k + 1 < b->ncells ? k + 1 : k);
				continue;
			}
			put(R, NULL, f, b, k + 1, cell(d, b, k + 1), unit, ut);
		}
	}
	empty_done(R);
}

static bool total_label(struct pc_doc *d, const struct pc_doc_table *decl, const char *s)
{
	const char *f = fold(d, s);
	for (size_t i = 0; i < decl->ntotal_labels; i++)
		if (!strcmp(f, fold(d, decl->total_labels[i])))
			return true;
	return false;
}

/* one row per item, the header row naming the columns; a 合計 row states
 * the total, checked against the column */
static void read_list(struct reader *R, const struct tbl *t)
{
	struct pc_doc *d = R->d;
	if (t->nrows <= t->caption_row)
		return;
	const struct pc_block *h = t->rows[t->caption_row];
	const struct pc_field **col = pc_arena_alloc(&scratch, (h->ncells + 1) * sizeof(*col));
	int64_t *cunit = pc_arena_alloc(&scratch, (h->ncells + 1) * sizeof(*cunit));
	const char **cut = pc_arena_alloc(&scratch, (h->ncells + 1) * sizeof(*cut));
	size_t amount_col = (size_t)-1, known = 0;
	for (size_t k = 0; k < h->ncells; k++) {
		const char *label = cell(d, h, k);
		col[k] = field_for(R, t, label);
		cunit[k] = unit_in(d, label, &cut[k]);
		if (!cunit[k]) {
			cunit[k] = t->unit;
			cut[k] = t->unit_text;
		}
		if (col[k]) {
			known++;
			if (col[k]->type == PC_F_AMOUNT && amount_col == (size_t)-1)
				amount_col = k;
		} else if (!blank_cell(h, k))
			unknown_label(R, t, h, k, label);
	}
	if (known < 2)
		return;   /* one column that reads as an amount is not yet the expenses */
	const char *lkey = t->decl->list->path;
	const char *leaf;
	struct pc_ynode *m = holder(R, lkey, &leaf, h->start);
	if (!m)
		return;
	struct pc_ynode *seq = pc_ymap_get(m, leaf);
	if (!seq) {
		seq = node(d, PC_Y_SEQ, h->start, t->rows[t->nrows - 1]->end);
		add(d, m, scalar(d, leaf, h->start, h->start), seq);
	}
	if (seq->kind != PC_Y_SEQ)
		return;
	size_t cap = seq->n;
	int64_t sum = 0;
	bool sum_ok = true;
	for (size_t r = t->caption_row + 1; r < t->nrows; r++) {
		const struct pc_block *b = t->rows[r];
		bool any = false;
		for (size_t k = 0; k < b->ncells && k < h->ncells; k++)
			any |= !blank_cell(b, k) && col[k];
		if (!any)
			continue;
		/* the 合計 row: a total stated in the amount column */
		bool total = false;
		for (size_t k = 0; k < b->ncells && k < 2; k++)
			if (!blank_cell(b, k) && total_label(d, t->decl, cell(d, b, k)))
				total = true;
		if (total) {
			if (amount_col < b->ncells && !blank_cell(b, amount_col)) {
				const char *v = value_for(R, col[amount_col], cell(d, b, amount_col), cunit[amount_col],
							  cut[amount_col]);
				int64_t yen;
				int had;
				if (pc_amount_parse(v, strlen(v), 1, &yen, &had) == PC_OK && sum_ok && yen != sum)
					pc_finding_add(d, "plan.table-total", PC_ERROR, b->cells[amount_col].start,
						       b->cells[amount_col].end,
						       "表「%s」の合計 %s が各行の%sの合計 %s と一致しません", t->decl->name,
						       pc_amount_format(&scratch, yen), col[amount_col]->label,
						       pc_amount_format(&scratch, sum))
						->suggestion = "合計の行か各行の金額を直してください";
				if (t->decl->total)
					put(R, NULL, t->decl->total, b, amount_col, cell(d, b, amount_col), cunit[amount_col],
					    cut[amount_col]);
			}
			continue;
		}
		struct pc_ynode *item = node(d, PC_Y_MAP, b->start, b->end);
		for (size_t k = 0; k < h->ncells; k++) {
			if (!col[k])
				continue;
			if (blank_cell(b, k)) {
				if (col[k]->required || col[k]->type == PC_F_AMOUNT)
					say_empty(R, t, col[k], b, k);
				if (k == amount_col)
					sum_ok = false;   /* the empty cell is the error, not the total */
				continue;
			}
			const char *v = cell(d, b, k);
			put(R, item, col[k], b, k, v, cunit[k], cut[k]);
			if (k == amount_col) {
				const char *av = value_for(R, col[k], v, cunit[k], cut[k]);
				int64_t yen;
				int had;
				if (pc_amount_parse(av, strlen(av), 1, &yen, &had) != PC_OK ||
				    __builtin_add_overflow(sum, yen, &sum))
					sum_ok = false;
			}
		}
		if (item->n) {
			seq->vals = pc_grow(&d->arena, seq->vals, &cap, seq->n + 1, sizeof(*seq->vals));
			seq->vals[seq->n++] = item;
		}
	}
	empty_done(R);
}

/* a year header: "2024年度", "基準年度（2024年度）", "実績（2023年度）",
 * "1年後", "令和7年度", "R7"; its kind from the kind field's values */
struct yearhead {
	int year;       /* 0: none written */
	int after;      /* "N年後": N */
	int kind;       /* index into the kind field's values, -1 none */
};

static bool read_year(struct reader *R, const struct tbl *t, const char *s, struct yearhead *y)
{
	const char *f = flat(R->d, s);
	memset(y, 0, sizeof(*y));
	y->kind = -1;
	for (const char *p = f; *p; p++) {
		if (y->year == 0 && (!strncmp(p, "19", 2) || !strncmp(p, "20", 2)) && p[2] >= '0' && p[2] <= '9' &&
		    p[3] >= '0' && p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9') && (p == f || p[-1] < '0' || p[-1] > '9'))
			y->year = atoi(p);
	}
	static const struct {
		const char *era;
		int base;
	} eras[] = {{"令和", 2018}, {"平成", 1988}, {"R", 2018}, {"H", 1988}};
	for (size_t i = 0; !y->year && i < PC_ARRAY_LEN(eras); i++) {
		const char *p = strstr(f, eras[i].era);
		if (!p)
			continue;
		p += strlen(eras[i].era);
		if (!strncmp(p, "元", strlen("元")))
			y->year = eras[i].base + 1;
		else if (*p >= '0' && *p <= '9')
			y->year = eras[i].base + atoi(p);
	}
	const char *ya = strstr(f, "年後");
	if (!ya)
		ya = strstr(f, "期後");
	if (ya) {
		const char *p = ya;
		while (p > f && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p < ya)
			y->after = atoi(p);
	}
	const struct pc_field *kf = t->decl->kind;
	for (size_t v = 0; kf && v < kf->nvalues && y->kind < 0; v++) {
		if (strstr(f, flat(R->d, kf->values[v].value)))
			y->kind = (int)v;
		for (size_t a = 0; a < kf->values[v].naliases && y->kind < 0; a++)
			if (strstr(f, flat(R->d, kf->values[v].aliases[a])))
				y->kind = (int)v;
	}
	/* 基準 alone names the middle value: the base year */
	if (y->kind < 0 && kf && kf->nvalues == 3 && strstr(f, "基準"))
		y->kind = 1;
	return y->year || y->after || y->kind >= 0;
}

/* a row or column per year: the item's year and kind from its header,
 * every other row (column) a field of the item */
static void read_years(struct reader *R, const struct tbl *t)
{
	struct pc_doc *d = R->d;
	if (t->nrows <= t->caption_row + 1)
		return;
	const struct pc_block *h = t->rows[t->caption_row];
	size_t nr = t->nrows - t->caption_row;
	/* years across the header row, or down the first column? */
	size_t across = 0, down = 0;
	struct yearhead yh;
	for (size_t k = 1; k < h->ncells; k++)
		across += read_year(R, t, cell(d, h, k), &yh);
	for (size_t r = t->caption_row + 1; r < t->nrows; r++)
		down += read_year(R, t, cell(d, t->rows[r], 0), &yh);
	bool cols = across >= down;
	size_t nheads = cols ? h->ncells - 1 : nr - 1, nyears = 0;
	if (nheads == 0 || (cols ? across : down) < 2)
		return;
	/* the years: the columns (rows) whose header names one; a 備考
	 * column or a note row spanning the table is not a year */
	struct yearhead *ys = pc_arena_alloc(&scratch, nheads * sizeof(*ys));
	const struct pc_block **yb = pc_arena_alloc(&scratch, nheads * sizeof(*yb));
	size_t *yk = pc_arena_alloc(&scratch, nheads * sizeof(*yk));
	/* Word's merged header (計画 over five columns: the cell once, then
	 * empty ones) over a row of years with no label: a column whose
	 * header is empty is a year when that row names one */
	const struct pc_block *yrow = NULL;
	if (cols && t->nrows > t->caption_row + 2 && blank_cell(t->rows[t->caption_row + 1], 0)) {
		const struct pc_block *r2 = t->rows[t->caption_row + 1];
		size_t named = 0, filled = 0;
		for (size_t k = 1; k < r2->ncells; k++) {
			if (blank_cell(r2, k))
				continue;
			filled++;
			named += read_year(R, t, cell(d, r2, k), &yh) && (yh.year || yh.after);
		}
		if (named >= 2 && named * 2 > filled)
			yrow = r2;
	}
	for (size_t i = 0; i < nheads; i++) {
		yb[nyears] = cols ? h : t->rows[t->caption_row + 1 + i];
		yk[nyears] = cols ? i + 1 : 0;
		if (read_year(R, t, cell(d, yb[nyears], yk[nyears]), &ys[nyears]) ||
		    (yrow && blank_cell(h, i + 1) && !blank_cell(yrow, i + 1) &&
		     read_year(R, t, cell(d, yrow, i + 1), &ys[nyears])))
			nyears++;
	}
	/* the fields: the rows (the columns) other than the year headers */
	size_t nf = cols ? nr - 1 : h->ncells - 1;
	const struct pc_field **fields = pc_arena_alloc(&scratch, (nf + 1) * sizeof(*fields));
	const struct pc_field *above = NULL;
	int64_t unit = t->unit;
	const char *unit_text = t->unit_text;
	for (size_t j = 0; j < nf; j++) {
		const struct pc_block *lb = cols ? t->rows[t->caption_row + 1 + j] : h;
		size_t lk = cols ? 0 : j + 1;
		if (blank_cell(lb, lk)) {
			/* a second header row with no label, under 実績 | 基準 | 計画:
			 * its cells name the years (read below as a 年度 row) */
			size_t named = 0;
			struct yearhead more;
			for (size_t i = 0; i < nyears; i++) {
				const struct pc_block *b = cols ? lb : yb[i];
				size_t k = cols ? yk[i] : j + 1;
				named += !blank_cell(b, k) && read_year(R, t, cell(d, b, k), &more) && (more.year || more.after);
			}
			if (named * 2 > nyears && t->decl->year)
				fields[j] = t->decl->year;
			continue;
		}
		const char *label = cell(d, lb, lk);
		if (!unit)   /* 売上高（千円）: the table's unit in a label */
			unit = unit_in(d, label, &unit_text);
		fields[j] = label_field(R, t, label, above);
		if (!fields[j] && !(cols && spans(lb)))
			unknown_label(R, t, lb, lk, label);   /* (a note row across the table is a note) */
		else
			above = fields[j];
	}
	/* a 年度 or 区分 row (column) says the year or kind its header leaves out */
	for (size_t j = 0; j < nf; j++) {
		if (!fields[j] || (fields[j] != t->decl->year && fields[j] != t->decl->kind))
			continue;
		for (size_t i = 0; i < nyears; i++) {
			const struct pc_block *b = cols ? t->rows[t->caption_row + 1 + j] : yb[i];
			size_t k = cols ? yk[i] : j + 1;
			struct yearhead more;
			if (blank_cell(b, k) || !read_year(R, t, cell(d, b, k), &more))
				continue;
			if (!ys[i].year)
				ys[i].year = more.year;
			if (!ys[i].after)
				ys[i].after = more.after;
			if (ys[i].kind < 0)
				ys[i].kind = more.kind;
		}
		fields[j] = NULL;
	}
	/* the base year: the column of the middle kind; "N年後" counts from it */
	const struct pc_field *kf = t->decl->kind;
	int base = 0;
	for (size_t i = 0; i < nyears; i++)
		if (ys[i].kind == 1 && ys[i].year)
			base = ys[i].year;
	if (!base && t->decl->base) {
		/* no header says 基準: the 基準年度 another table gave */
		const char *bl;
		const struct pc_ynode *bm = holder(R, t->decl->base->path, &bl, h->start);
		const struct pc_ynode *bv = bm ? pc_ymap_get(bm, bl) : NULL;
		if (bv && bv->kind == PC_Y_SCALAR) {
			struct yearhead by;
			if (read_year(R, t, bv->str, &by) && by.year)
				base = by.year;
		}
	}
	for (size_t i = 0; i < nyears; i++) {
		if (!ys[i].year && ys[i].after && base)
			ys[i].year = base + ys[i].after;
		if (ys[i].kind < 0 && base && ys[i].year && kf && kf->nvalues == 3)
			ys[i].kind = ys[i].year < base ? 0 : ys[i].year == base ? 1 : 2;
		if (ys[i].kind < 0 && ys[i].after && kf && kf->nvalues == 3)
			ys[i].kind = 2;
	}
	const char *leaf;
	struct pc_ynode *m = holder(R, t->decl->list->path, &leaf, h->start);
	if (!m || pc_ymap_get(m, leaf))
		return;   /* a second 収益計画 table: the first one is the plan's */
	struct pc_ynode *seq = node(d, PC_Y_SEQ, h->start, t->rows[t->nrows - 1]->end);
	add(d, m, scalar(d, leaf, h->start, h->start), seq);
	size_t cap = 0;
	for (size_t i = 0; i < nyears; i++) {
		const struct pc_block *hb = yb[i];
		size_t hk = yk[i];
		struct pc_ynode *item = node(d, PC_Y_MAP, hb->cells[hk].start, hb->cells[hk].end);
		size_t hs = hk < hb->ncells ? hb->cells[hk].start : hb->start, he = hk < hb->ncells ? hb->cells[hk].end : hs;
		if (ys[i].year && t->decl->year)
			add(d, item, scalar(d, t->decl->year->key, hs, hs),
			    scalar(d, pc_arena_printf(&d->arena, "%d", ys[i].year), hs, he));
		if (ys[i].kind >= 0 && kf)
			add(d, item, scalar(d, kf->key, hs, hs), scalar(d, kf->values[ys[i].kind].value, hs, he));
		for (size_t j = 0; j < nf; j++) {
			if (!fields[j])
				continue;
			const struct pc_block *b = cols ? t->rows[t->caption_row + 1 + j] : yb[i];
			size_t k = cols ? yk[i] : j + 1;
			if (blank_cell(b, k)) {
				say_empty(R, t, fields[j], b, k < b->ncells ? k : 0);
				continue;
			}
			/* an amount's unit is its unit field's (set below), not appended */
			bool own_unit = fields[j]->type == PC_F_AMOUNT && fields[j]->unit_field;
			put(R, item, fields[j], b, k, cell(d, b, k), own_unit ? 0 : unit, unit_text);
		}
		seq->vals = pc_grow(&d->arena, seq->vals, &cap, seq->n + 1, sizeof(*seq->vals));
		seq->vals[seq->n++] = item;
	}
	empty_done(R);
	/* the table's unit, for the amounts whose unit field says so */
	if (unit)
		for (size_t j = 0; j < nf; j++)
			if (fields[j] && fields[j]->type == PC_F_AMOUNT && fields[j]->unit_field) {
				const struct pc_field *uf = pc_schema_field(R->s, fields[j]->unit_field);
				const char *ul;
				struct pc_ynode *um = uf ? holder(R, uf->path, &ul, h->start) : NULL;
				if (um && !pc_ymap_get(um, ul))
					add(d, um, scalar(d, ul, h->start, h->start), scalar(d, unit_text, h->start, h->start));
				break;
			}
	if (base && t->decl->base) {
		const char *bl;
		struct pc_ynode *bm = holder(R, t->decl->base->path, &bl, h->start);
		for (size_t i = 0; bm && i < nyears; i++)
			if (ys[i].kind == 1 && ys[i].year) {
				const struct pc_block *hb = yb[i];
				if (!pc_ymap_get(bm, bl))
					add(d, bm, scalar(d, bl, hb->cells[yk[i]].start, hb->cells[yk[i]].start),
					    scalar(d, pc_arena_printf(&d->arena, "%d", base), hb->cells[yk[i]].start,
						   hb->cells[yk[i]].end));
				break;
			}
	}
}

/* ---- finding the tables -------------------------------------------------------- */

/* a table no caption names, known by its labels: most of its row labels
 * (a label | value table, a years table) or its column headers (a list)
 * are the rows or columns one table declares - at least three of them */
static const struct pc_doc_table *by_labels(struct reader *R, const struct tbl *t)
{
	struct pc_doc *d = R->d;
	const struct pc_doc_table *best = NULL;
	size_t besthit = 0;
	for (size_t i = 0; i < R->s->ntables; i++) {
		const struct pc_doc_table *decl = &R->s->tables[i];
		/* [0]: labels down the first column (and the third of a
		 * four-column label | value table); [1]: across the first row */
		size_t hit[2] = {0, 0}, total[2] = {0, 0};
		for (size_t r = 0; r < t->nrows; r++) {
			const struct pc_block *b = t->rows[r];
			for (size_t k = 0; k < b->ncells; k++) {
				if (blank_cell(b, k))
					continue;
				int o = r == 0 ? 1 : 0;
				if (o == 0 && !(k == 0 || (decl->shape == PC_TABLE_LABELS && k == 2 && b->ncells == 4)))
					continue;
				bool known = pc_table_field(decl, cell(d, b, k)) != NULL;
				hit[o] += known;
				total[o]++;
				if (r == 0 && k == 0) {   /* the corner counts both ways */
					hit[0] += known;
					total[0]++;
				}
			}
		}
		int o = decl->shape == PC_TABLE_LIST ? 1 : decl->shape == PC_TABLE_LABELS ? 0 : hit[1] > hit[0];
		if (hit[o] >= 3 && hit[o] * 10 >= total[o] * 6 && hit[o] > besthit) {
			best = decl;
			besthit = hit[o];
		}
	}
	return best;
}

/* the table a caption names: the heading or short paragraphs right above
 * (nearest first, across a "（単位：千円）" line), or a first row that spans
 * the table */
static const struct pc_doc_table *caption(struct reader *R, struct tbl *t)
{
	struct pc_doc *d = R->d;
	const struct pc_block *r0 = t->rows[0];
	size_t filled = 0;
	for (size_t k = 0; k < r0->ncells; k++)
		filled += !blank_cell(r0, k);
	const struct pc_doc_table *decl = NULL;
	if (filled == 1 && r0->ncells >= 2 && !blank_cell(r0, 0)) {
		const char *c = cell(d, r0, 0);
		decl = pc_schema_table(R->s, c);
		if (decl) {
			t->caption_row = 1;
			t->unit = unit_in(d, c, &t->unit_text);
		}
	}
	for (size_t up = 1; !decl && up <= 3 && up <= t->first; up++) {
		const struct pc_block *b = &d->blocks[t->first - up];
		if (b->kind == PC_B_TABLE)
			break;
		if (b->kind != PC_B_HEADING && !(b->kind == PC_B_PARA && b->nchars <= 60))
			break;
		const char *c = pc_arena_strndup(&scratch, d->text + b->tstart, b->tend - b->tstart);
		if (!t->unit)
			t->unit = unit_in(d, c, &t->unit_text);
		decl = pc_schema_table(R->s, c);
		if (decl && b->kind == PC_B_PARA)
			t->caption_block = t->first - up;
		if (b->kind == PC_B_HEADING)
			break;   /* a heading ends the caption */
	}
	if (!decl)
		decl = by_labels(R, t);
	return decl;
}

/* at most this many tables restating a list read before are compared */
#define PC_TABLES_RESTATED 4

/* a block of a data table (or its caption): a form, not the plan's
 * prose - out of its section's length and of the sentences prose rules
 * read, as a plan's front matter is */
static void set_data(struct pc_doc *d, size_t k)
{
	struct pc_block *b = &d->blocks[k];
	if (b->data)
		return;
	b->data = true;
	if (b->kind == PC_B_PARA || b->kind == PC_B_LIST || (b->kind == PC_B_TABLE && !b->table_sep))
		for (int s = b->section; s >= 0 && (size_t)s < d->nsections; s = d->sections[s].parent)
			d->sections[s].nchars -= d->sections[s].nchars >= b->nchars ? b->nchars : d->sections[s].nchars;
}

/* the sentences of data blocks left out, once all tables are read */
static void drop_data_sentences(struct pc_doc *d)
{
	size_t o = 0;
	for (size_t i = 0; i < d->nsentences; i++)
		if (d->sentences[i].block >= d->nblocks || !d->blocks[d->sentences[i].block].data)
			d->sentences[o++] = d->sentences[i];
	d->nsentences = o;
}

static void read_tables(struct reader *R)
{
	struct pc_doc *d = R->d;
	for (size_t i = 0; i < d->nblocks;) {
		if (d->blocks[i].kind != PC_B_TABLE) {
			i++;
			continue;
		}
		struct tbl t = {.first = i};
		size_t j = i, cap = 0;
		for (; j < d->nblocks && d->blocks[j].kind == PC_B_TABLE; j++) {
			if (d->blocks[j].table_sep)
				continue;
			t.rows = pc_grow(&scratch, t.rows, &cap, t.nrows + 1, sizeof(*t.rows));
			t.rows[t.nrows++] = &d->blocks[j];
		}
		i = j;
		if (!t.nrows)
			continue;
		t.decl = caption(R, &t);
		if (!t.decl)
			continue;
		/* data, not the plan's prose: not counted in its pages */
		for (size_t k = t.first; k < i && !R->probe; k++)
			set_data(d, k);
		if (t.caption_block && !R->probe)
			set_data(d, t.caption_block);
		if (!t.unit && t.nrows > t.caption_row) {
			/* a unit in the header row: 金額（千円） is that column's; the
			 * first cell "（単位：千円）" is the table's */
			const struct pc_block *h = t.rows[t.caption_row];
			if (h->ncells)
				t.unit = unit_in(d, cell(d, h, 0), &t.unit_text);
		}
		/* a list read already: this table restates it (or contradicts
		 * it); a few such are compared, a draft of hundreds is not a plan */
		struct pc_ynode *save = NULL;
		if (t.decl->shape != PC_TABLE_LABELS && lookup(R->root, t.decl->list->path)) {
			if (R->nextras >= PC_TABLES_RESTATED)
				continue;
			save = R->root;
			R->root = node(d, PC_Y_MAP, 0, 0);
		}
		switch (t.decl->shape) {
		case PC_TABLE_LABELS:
			read_labels(R, &t);
			break;
		case PC_TABLE_LIST:
			read_list(R, &t);
			break;
		case PC_TABLE_YEARS:
			read_years(R, &t);
			break;
		}
		if (save) {
			R->extras = pc_grow(&scratch, R->extras, &R->capextras, R->nextras + 1, sizeof(*R->extras));
			R->extras[R->nextras++] = R->root;
			R->root = save;
		}
	}
}

/* ---- the tables against the front matter ------------------------------------- */

static bool same_value(struct pc_doc *d, const struct pc_ynode *a, const struct pc_ynode *b)
{
	if (a->vtype != b->vtype)
		return a->vtype == PC_V_NONE || b->vtype == PC_V_NONE;   /* unread: the typing said why */
	if (a->vtype == PC_V_TEXT)
		return !strcmp(fold(d, a->str), fold(d, b->str));
	return a->ival == b->ival;
}

static const char *shown(struct pc_doc *d, const struct pc_ynode *n)
{
	(void)d;
	switch (n->vtype) {
	case PC_V_AMOUNT:
		return pc_amount_format(&scratch, n->ival);
	case PC_V_DATE:
		return pc_date_format(&scratch, pc_date_from_days(n->ival));
	case PC_V_BOOL:
		return n->ival ? "あり" : "なし";
	case PC_V_INT:
		return pc_arena_printf(&scratch, "%lld", (long long)n->ival);
	default:
		return n->str;
	}
}

static void compare(struct reader *R, const struct pc_ynode *t, const struct pc_ynode *f, const char *path);

static const struct pc_ynode *item_for(const struct pc_ynode *seq, const struct pc_ynode *item, size_t i,
				       const char *year_key)
{
	const struct pc_ynode *y = year_key ? pc_ymap_get(item, year_key) : NULL;
	if (y && y->vtype == PC_V_INT) {
		for (size_t k = 0; k < seq->n; k++) {
			const struct pc_ynode *o = pc_ymap_get(seq->vals[k], year_key);
			if (o && o->vtype == PC_V_INT && o->ival == y->ival)
				return seq->vals[k];
		}
		return NULL;
	}
	return i < seq->n ? seq->vals[i] : NULL;
}

static void compare(struct reader *R, const struct pc_ynode *t, const struct pc_ynode *f, const char *path)
{
	struct pc_doc *d = R->d;
	if (!t || !f)
		return;
	if (t->kind == PC_Y_MAP && f->kind == PC_Y_MAP) {
		for (size_t i = 0; i < t->n; i++) {
			const char *k = t->keys[i]->str;
			compare(R, t->vals[i], pc_ymap_get(f, k),
				*path ? pc_arena_printf(&scratch, "%s.%s", path, k) : k);
		}
		return;
	}
	if (t->kind == PC_Y_SEQ && f->kind == PC_Y_SEQ) {
		const struct pc_field *lf = pc_schema_field(R->s, path);
		const char *year_key = NULL;
		for (size_t i = 0; lf && i < R->s->ntables; i++)
			if (R->s->tables[i].list == lf && R->s->tables[i].year)
				year_key = R->s->tables[i].year->key;
		char *item = pc_arena_printf(&scratch, "%s[]", path);
		for (size_t i = 0; i < t->n; i++)
			compare(R, t->vals[i], item_for(f, t->vals[i], i, year_key), item);
		return;
	}
	if (t->kind != PC_Y_SCALAR || f->kind != PC_Y_SCALAR || same_value(d, t, f))
		return;
	const struct pc_field *fi = pc_schema_field(R->s, path);
	if (fi && fi->type == PC_F_UNIT)
		return;   /* 千円 in one, 万円 in the other: the amounts compare in yen */
	/* one error per field (a row of a year table): the first cell, and a
	 * count of the others */
	for (size_t i = 0; i < R->nmis; i++)
		if (!strcmp(R->mis[i].path, path)) {
			R->mis[i].more++;
			return;
		}
	size_t line, col;
	pc_doc_linecol(d, f->start, &line, &col);
	struct pc_finding *e;
	if (R->vs_tables) {
		/* where the first table says it: a Word user's place, or a line */
		const char *where = d->nplaces ? pc_place_where(&scratch, d, f->start, f->end) : NULL;
		e = pc_finding_add(d, "plan.table-mismatch", PC_ERROR, t->start, t->end,
				   "表の%s「%s」が先の表の値「%s」（%s）と一致しません", fi ? fi->label : path, shown(d, t),
				   shown(d, f), where ? where : pc_arena_printf(&scratch, "%zu 行目", line));
		e->suggestion = "二つの表のどちらが正しいか確かめ、同じ値にしてください";
	} else {
		e = pc_finding_add(d, "plan.table-mismatch", PC_ERROR, t->start, t->end,
				   "表の%s「%s」が前付けの値「%s」（%zu 行目）と一致しません", fi ? fi->label : path,
				   shown(d, t), shown(d, f), line);
		e->suggestion = "表と前付けのどちらが正しいか確かめ、同じ値にしてください";
	}
	R->mis = pc_grow(&scratch, R->mis, &R->capmis, R->nmis + 1, sizeof(*R->mis));
	R->mis[R->nmis++] = (struct mismatch){path, e, 0};
}

static void mismatches_done(struct reader *R)
{
	for (size_t i = 0; i < R->nmis; i++)
		if (R->mis[i].more)
			R->mis[i].f->message = pc_arena_printf(&R->d->arena, "%s（この行ほかに %zu か所）", R->mis[i].f->message,
							       R->mis[i].more);
}

/* ---- the plan from the tables -------------------------------------------------- */

static const struct pc_schema *schema_for(struct pc_doc *d, const struct pc_ruleset *rs, const char **program)
{
	if (d->program) {
		*program = d->program;
		return pc_schema_of(rs, d->program);
	}
	/* no program yet: the one a table names, else the only one */
	for (size_t i = 0; i < rs->nschemas; i++) {
		struct reader probe = {.d = d, .rs = rs, .s = rs->schemas[i], .probe = true};
		probe.root = node(d, PC_Y_MAP, 0, 0);
		size_t mark = d->nfindings;
		read_tables(&probe);
		d->nfindings = mark;
		if (probe.program) {
			*program = probe.program;
			return pc_schema_of(rs, probe.program);
		}
	}
	if (rs->nschemas == 1) {
		*program = rs->schemas[0]->program;
		return rs->schemas[0];
	}
	return NULL;
}

/* a tree of table values typed as the plan's front matter would be,
 * the draft's own plan left as it was */
static void type_aside(struct pc_doc *d, const struct pc_schema *s, struct pc_ynode *tree)
{
	struct pc_ynode *fm = d->fm;
	int typed = d->typed;
	const char *prog = d->program;
	long round = d->round;
	int64_t unit = d->unit_yen;
	d->fm = tree;
	d->typed = 0;
	pc_plan_type(d, s);
	d->fm = fm;
	d->typed = typed;
	d->program = prog;
	d->round = round;
	d->unit_yen = unit;
}

static void tables_read(struct pc_doc *d, const struct pc_ruleset *rs)
{
	if (d->unreadable || d->tables_read)
		return;
	d->tables_read = true;
	bool any_table = false;
	for (size_t i = 0; i < d->nblocks && !any_table; i++)
		any_table = d->blocks[i].kind == PC_B_TABLE;
	if (!any_table || (d->has_fm && !d->fm))
		return;
	const char *program = NULL;
	const struct pc_schema *s = schema_for(d, rs, &program);
	if (!s)
		return;
	struct reader R = {.d = d, .rs = rs, .s = s};
	R.root = node(d, PC_Y_MAP, 0, 0);
	read_tables(&R);
	drop_data_sentences(d);
	if (!R.nvalues)
		return;
	if (!d->fm) {
		/* no front matter: the tables are the plan */
		if (!pc_ymap_get(R.root, "program"))
			add(d, R.root, scalar(d, "program", 0, 0), scalar(d, program, 0, 0));
		d->fm = R.root;
		d->typed = 0;
		d->program = NULL;
		pc_plan_type(d, s);
		if (!d->program)
			d->program = program;
		/* a text draft's "no front matter" error: its tables hold the plan */
		size_t o = 0;
		for (size_t i = 0; i < d->nfindings; i++)
			if (strcmp(d->findings[i].rule, "plan.front-matter") || d->findings[i].start != 0)
				d->findings[o++] = d->findings[i];
		d->nfindings = o;
		/* a table restating one read before is compared with it */
		R.vs_tables = true;
	} else {
		/* both: the tables typed as the front matter is, then compared */
		pc_plan_type(d, s);
		type_aside(d, s, R.root);
		compare(&R, R.root, d->fm, "");
	}
	for (size_t i = 0; i < R.nextras; i++) {
		type_aside(d, s, R.extras[i]);
		compare(&R, R.extras[i], d->fm, "");
	}
	mismatches_done(&R);
}

void pc_tables_read(struct pc_doc *d, const struct pc_ruleset *rs)
{
	tables_read(d, rs);
	pc_arena_release(&scratch);
}
