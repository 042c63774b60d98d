/*
 * plan.c - the plan format's front matter: finding the --- fences, handing
 * just that slice to the YAML layer, and typing every scalar against the
 * program's schema (schema.h: its pack's schema.yml) - integers with their
 * words (18人), amounts (in a unit field's unit where the schema says so),
 * dates, booleans, percentages, enumerations (an alias reads as its
 * value), units, text.  Unknown keys are warnings with a did-you-mean,
 * wrong types are errors at the value, and nothing read is thrown away.
 * With the rules at hand the plan is typed as it is read; without them the
 * core keys are, and pc_check types the rest.
 */
#include "rules.h"
#include "schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* one walk of the front matter against a schema */
struct typer {
	struct pc_doc *d;
	const struct pc_schema *s;
	bool core_only;     /* no schema for the program: the core keys, and nothing said of the rest */
	bool skip_core;     /* the core keys were typed when the plan was read */
};

/* the closest known key among a field's children, for did-you-mean */
static const char *nearest_key(const struct pc_field *parent, const char *key)
{
	size_t best = (size_t)-1;
	const char *found = NULL;
	for (size_t i = 0; i < parent->nchildren; i++) {
		size_t dist = pc_edit_distance(key, parent->children[i]->key);
		if (dist < best) {
			best = dist;
			found = parent->children[i]->key;
		}
	}
	size_t kl = strlen(key);
	return best <= (kl < 6 ? 2 : 3) ? found : NULL;
}

/* the multiplier of a unit as written: 1 for 円 … 0 when it is none */
static int64_t unit_yen(const char *u)
{
	static const struct {
		const char *w;
		int64_t yen;
	} units[] = {{"円", 1}, {"千円", 1000}, {"万円", 10000}, {"百万円", 1000000}};
	for (size_t i = 0; u && i < PC_ARRAY_LEN(units); i++)
		if (!strcmp(u, units[i].w))
			return units[i].yen;
	return 0;
}

const struct pc_ynode *pc_plan_node(const struct pc_doc *d, const char *path)
{
	const struct pc_ynode *n = d->fm;
	char seg[128];
	for (const char *p = path; n && p && *p;) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		if (l >= sizeof(seg))
			return NULL;
		memcpy(seg, p, l);
		seg[l] = '\0';
		n = pc_ymap_get(n, seg);
		p = dot ? dot + 1 : NULL;
	}
	return n;
}

static bool is_empty(const struct pc_ynode *n)
{
	return !n || n->kind == PC_Y_NULL ||
	       (n->kind == PC_Y_SCALAR && n->plain &&
		(n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0));
}

static void type_scalar(struct pc_doc *d, struct pc_ynode *n, const struct pc_field *fi)
{
	const char *path = fi->path;
	if (is_empty(n) || n->reported)
		return;   /* a blank field is a rule's business (記入してください) */
	if (n->kind != PC_Y_SCALAR) {
		pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
			       "「%s」（%s）には%sを書いてください", fi->label, path, pc_ftype_ja(fi->type));
		return;
	}
	const char *s = n->str;
	switch (fi->type) {
	case PC_F_TEXT:
		n->vtype = PC_V_TEXT;
		return;
	case PC_F_ENUM:
		/* an alias reads as its value; a value the list lacks is
		 * kept as written, for a field rule to name */
		n->vtype = PC_V_TEXT;
		{
			/* the value itself from here on: the schema's string
			 * outlives the plan; the text as written stays in the
			 * source for spans and the PDF */
			const char *c = pc_schema_enum(fi, s);
			if (c && strcmp(c, s)) {
				n->str = c;
				n->len = strlen(c);
			}
		}
		return;
	case PC_F_UNIT:
		if (!unit_yen(s)) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->end,
				       "%s「%s」は使えません（円・千円・万円・百万円）", fi->label, s)
				->suggestion = pc_arena_printf(&d->arena, "%s: 千円", fi->key);
			return;
		}
		n->vtype = PC_V_TEXT;
		return;
	case PC_F_PERCENT: {
		/* 12.5%, １２．５％, 12.5 (a percent field: the sign may go) */
		size_t fl;
		const char *f = pc_text_fold(&d->arena, s, n->len, &fl);
		while (*f == ' ')
			f++;
		bool neg = false;
		if (*f == '-' || !strncmp(f, "▲", 3) || !strncmp(f, "△", 3)) {
			neg = true;
			f += *f == '-' ? 1 : 3;
		}
		int64_t whole = 0, frac = 0, scale = 10000;   /* millionths of one: 1% = 10000 */
		const char *q = f;
		while (*q >= '0' && *q <= '9' && whole < 100000000)
			whole = whole * 10 + (*q++ - '0');
		bool digits = q > f;
		if (*q == '.') {
			q++;
			while (*q >= '0' && *q <= '9') {
				digits = true;
				if (scale > 1) {
					scale /= 10;
					frac += (*q - '0') * scale;
				}
				q++;
			}
		}
		while (*q == ' ')
			q++;
		if (!strcmp(q, "%") || !strcmp(q, "％") || !strcmp(q, "パーセント"))
			q += strlen(q);
		if (!digits || *q || whole >= 100000000) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->end,
				       "「%s」（%s）は百分率で書いてください: 「%s」", fi->label, path, s)
				->suggestion = "例: 12.5%";
			return;
		}
		n->vtype = PC_V_PERCENT;
		n->ival = (whole * 10000 + frac) * (neg ? -1 : 1);
		return;
	}
	case PC_F_BOOL:
	{
		/* YAML 1.1's booleans (y/n, yes/no, on/off, true/false in
		 * lower, Title and UPPER case; full-width folded) and the
		 * Japanese ones; yes and no were read but on and off refused */
		static const char *const yes[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True",
						  "TRUE", "はい", "有", "あり", "有り"};
		static const char *const no[] = {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False",
						 "FALSE", "いいえ", "無", "なし", "無し"};
		size_t fl;
		const char *f = pc_text_fold(&d->arena, s, n->len, &fl);
		while (*f == ' ')
			f++, fl--;
		while (fl && f[fl - 1] == ' ')
			fl--;
		int b = -1;
		for (size_t k = 0; k < PC_ARRAY_LEN(yes) && b < 0; k++) {
			if (strlen(yes[k]) == fl && !memcmp(f, yes[k], fl))
				b = 1;
			else if (strlen(no[k]) == fl && !memcmp(f, no[k], fl))
				b = 0;
		}
		if (b >= 0) {
			n->vtype = PC_V_BOOL;
			n->ival = b;
		} else
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->end,
				       "「%s」（%s）は true か false（はい・いいえ）で書いてください: 「%s」",
				       fi->label, path, s);
		return;
	}
	case PC_F_INT: {
		size_t fl;
		char fb[64];
		/* short numbers fold on the stack, not in the arena */
		char *f = n->len < sizeof(fb) ? pc_text_fold_into(fb, s, n->len, &fl)
					       : pc_text_fold(&d->arena, s, n->len, &fl);
		char *end;
		errno = 0;
		/* 18人, 6回 are fine (the field's own words); the word is dropped */
		long long v = strtoll(f, &end, 10);
		while (*end == ' ')
			end++;
		for (size_t k = 0; k < fi->nsuffixes; k++)
			if (!strcmp(end, fi->suffixes[k])) {
				end += strlen(end);
				break;
			}
		if (end == f || *end || errno == ERANGE || f[0] == '+')
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->end,
				       "「%s」（%s）は整数で書いてください: 「%s」", fi->label, path, s);
		else if (v < 0 || v > PC_INT_MAX)
			/* a count, a year or a round: -1 employees matched no
			 * row of the cap table and silently skipped the cap */
			pc_finding_add(d, "plan.range", PC_ERROR, n->start, n->end,
				       "「%s」（%s）の「%s」は%s", fi->label, path, s,
				       v < 0 ? "負の数です。0 以上の整数で書いてください"
					     : "大きすぎます（1億まで）");
		else if (fi->has_min && v < fi->min)
			pc_finding_add(d, "plan.range", PC_ERROR, n->start, n->end, "「%s」（%s）の「%s」は%ld 以上で書いてください",
				       fi->label, path, s, fi->min);
		else {
			n->vtype = PC_V_INT;
			n->ival = v;
		}
		return;
	}
	case PC_F_AMOUNT: {
		int64_t yen;
		int had_unit;
		int64_t unit = 1;
		if (fi->unit_field) {
			const struct pc_ynode *u = pc_plan_node(d, fi->unit_field);
			unit = u && u->kind == PC_Y_SCALAR && unit_yen(u->str) ? unit_yen(u->str) : 1;
		}
		enum pc_parse_status st = pc_amount_parse(s, n->len, unit, &yen, &had_unit);
		struct pc_finding *f = NULL;
		switch (st) {
		case PC_OK:
			if (yen > PC_AMOUNT_MAX || yen < -PC_AMOUNT_MAX) {
				pc_finding_add(d, "plan.range", PC_ERROR, n->start, n->end,
					       "「%s」の金額「%s」は大きすぎます（1,000兆円を超える金額は計画の数字として扱えません）",
					       fi->label, s)->suggestion = "桁や単位（円・千円・万円）を確かめてください";
				return;
			}
			if (fi->has_min && yen < fi->min) {
				/* ▲100万円, −100: a negative where the schema says none */
				pc_finding_add(d, "plan.range", PC_ERROR, n->start, n->end, "「%s」の金額「%s」は%s", fi->label, s,
					       fi->min == 0 ? "負の数です。0 円以上で書いてください"
							    : pc_arena_printf(&d->arena, "%ld 円以上で書いてください", fi->min))
					->suggestion = "金額の前の「-」「▲」「△」を確かめてください";
				return;
			}
			n->vtype = PC_V_AMOUNT;
			n->ival = yen;
			return;
		case PC_EFRACTION:
			f = pc_finding_add(d, "plan.amount", PC_ERROR, n->start, n->end,
					   "「%s」の金額「%s」に1円未満の端数があります", fi->label, s);
			f->suggestion = "金額は円単位の整数で書いてください";
			return;
		case PC_EGROUPING:
			f = pc_finding_add(d, "plan.amount", PC_ERROR, n->start, n->end,
					   "「%s」の金額「%s」の桁区切りが3桁ごとになっていません", fi->label, s);
			f->suggestion = "例: 1,200万円 または 12,000,000";
			return;
		case PC_EOVERFLOW:
			pc_finding_add(d, "plan.amount", PC_ERROR, n->start, n->end,
				       "「%s」の金額「%s」が大きすぎて扱えません", fi->label, s);
			return;
		default:
			f = pc_finding_add(d, "plan.amount", PC_ERROR, n->start, n->end,
					   "「%s」を金額として読めません: 「%s」", fi->label, s);
			f->suggestion = "例: 36000000、3,600万円、36,000千円、¥36,000,000";
			return;
		}
	}
	case PC_F_DATE: {
		struct pc_date dt;
		enum pc_parse_status st = pc_date_parse(s, n->len, &dt);
		if (st == PC_OK) {
			n->vtype = PC_V_DATE;
			n->ival = pc_date_days(dt);
		} else if (st == PC_ENODATE)
			pc_finding_add(d, "plan.date", PC_ERROR, n->start, n->end,
				       "「%s」の日付「%s」は存在しません", fi->label, s);
		else if (st == PC_EERA)
			pc_finding_add(d, "plan.date", PC_ERROR, n->start, n->end,
				       "「%s」の日付「%s」はその元号の期間にありません（昭和は64年1月7日まで、平成は元年1月8日から31年4月30日まで、令和は元年5月1日から）",
				       fi->label, s);
		else
			pc_finding_add(d, "plan.date", PC_ERROR, n->start, n->end,
				       "「%s」を日付として読めません: 「%s」", fi->label, s)
				->suggestion = "例: 2023-04-05、2023年4月5日、令和5年4月5日";
		return;
	}
	default:
		return;
	}
}

static void walk(struct typer *T, struct pc_ynode *n, const struct pc_field *fi);

static void walk_map(struct typer *T, struct pc_ynode *m, const struct pc_field *parent)
{
	struct pc_doc *d = T->d;
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;
		const struct pc_field *fi = pc_schema_child(parent, k);
		if (!fi) {
			if (T->core_only)
				continue;   /* which keys a program has is its schema's to say */
			const char *child = !parent->path[0] ? k
				: pc_arena_printf(&d->arena, "%s%s.%s", parent->path, parent->type == PC_F_LIST ? "[]" : "", k);
			const char *near = nearest_key(parent, k);
			struct pc_finding *f = pc_finding_add(
				d, "plan.unknown-key", PC_WARNING, m->keys[i]->start, m->keys[i]->end,
				"不明なキー「%s」です。この値は検査に使われません", pc_quote_short(&d->arena, child, 80));
			if (near)
				f->suggestion = pc_arena_printf(&d->arena, "「%s」の書き間違いではありませんか", near);
			continue;
		}
		if (T->skip_core && fi->core)
			continue;
		walk(T, m->vals[i], fi);
	}
}

static void walk(struct typer *T, struct pc_ynode *n, const struct pc_field *fi)
{
	struct pc_doc *d = T->d;
	if (!fi || is_empty(n))
		return;
	if (fi->type == PC_F_LIST) {
		if (n->kind != PC_Y_SEQ) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
				       "「%s」（%s）は「- 」で始まるリストで書いてください", fi->label, fi->path);
			return;
		}
		for (size_t i = 0; i < n->n; i++) {
			struct pc_ynode *it = n->vals[i];
			if (it->kind != PC_Y_MAP) {
				pc_finding_add(d, "plan.type", PC_ERROR, it->start, it->start,
					       "「%s」の各項目は「キー: 値」の組で書いてください", fi->label);
				continue;
			}
			walk_map(T, it, fi);
		}
		return;
	}
	if (fi->type == PC_F_MAP) {
		if (n->kind != PC_Y_MAP) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
				       "「%s」（%s）の下には「キー: 値」を字下げして書いてください",
				       fi->label, fi->path);
			return;
		}
		walk_map(T, n, fi);
		return;
	}
	type_scalar(d, n, fi);
}

const struct pc_ynode *pc_plan_role(const struct pc_doc *d, const char *role)
{
	const struct pc_field *f = pc_schema_role(d->schema, role);
	return f && !strstr(f->path, "[]") ? pc_plan_node(d, f->path) : NULL;
}

void pc_plan_type(struct pc_doc *d, const struct pc_schema *s)
{
	if (d->typed == 2 || !d->fm)
		return;
	struct typer T = {.d = d, .s = s ? s : pc_schema_core(), .core_only = !s, .skip_core = d->typed == 1};
	if (d->typed == 1 && !s)
		return;
	walk_map(&T, d->fm, &T.s->root);
	d->typed = s ? 2 : 1;
	if (s)
		d->schema = s;
	/* the first unit of amounts, for what reads bare numbers later */
	for (size_t i = 0; s && i < s->nall; i++)
		if (s->all[i]->type == PC_F_UNIT) {
			const struct pc_ynode *u = pc_plan_node(d, s->all[i]->path);
			if (u && u->kind == PC_Y_SCALAR && unit_yen(u->str))
				d->unit_yen = unit_yen(u->str);
			break;
		}
	struct pc_ynode *pg = pc_ymap_get(d->fm, "program");
	if (pg && pg->vtype == PC_V_TEXT)
		d->program = pg->str;
	struct pc_ynode *rd = pc_ymap_get(d->fm, "round");
	if (rd && rd->vtype == PC_V_INT)
		d->round = (long)rd->ival;
}

/* a line that is exactly "---" (CR and trailing blanks allowed) */
static bool fence_at(const char *t, size_t len, size_t i, size_t *next)
{
	if (len - i < 3 || memcmp(t + i, "---", 3) != 0)
		return false;
	size_t j = i + 3;
	while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
		j++;
	if (j < len && t[j] != '\n')
		return false;
	*next = j < len ? j + 1 : j;
	return true;
}

/* the start of the line after the one holding i */
static size_t line_after(const char *t, size_t len, size_t i)
{
	const char *nl = memchr(t + i, '\n', len - i);
	return nl ? (size_t)(nl - t) + 1 : len;
}

static size_t skip_blank_lines(const char *t, size_t len, size_t i)
{
	for (;;) {
		size_t j = i;
		while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
			j++;
		if (j < len && t[j] == '\n')
			i = j + 1;
		else
			return i;
	}
}

/* a "---" line (fence_at) or a "..." line (YAML's end of document), from
 * line start *k on; *k is left at it.  A front matter's own "# comment"
 * lines are passed, unless asked to stop at a heading. */
static bool next_fence(const char *t, size_t len, size_t *k, size_t *next, bool stop_at_heading)
{
	*next = 0;
	while (*k < len) {
		if (fence_at(t, len, *k, next))
			return true;
		if (len - *k >= 3 && memcmp(t + *k, "...", 3) == 0) {
			size_t j = *k + 3;
			while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
				j++;
			if (j == len || t[j] == '\n')
				return true;
		}
		if (stop_at_heading && t[*k] == '#')
			return false;   /* a heading: the body has begun */
		*k = line_after(t, len, *k);
	}
	return false;
}

/* a top-level key of some program's schema in the rules the plan is read
 * for (the core keys when none were given) */
static bool known_top_key(const struct pc_doc *d, const char *key)
{
	const struct pc_ruleset *rs = d->opts.rules;
	if (pc_schema_child(&pc_schema_core()->root, key))
		return true;
	for (size_t i = 0; rs && i < rs->nschemas; i++)
		if (pc_schema_child(&rs->schemas[i]->root, key))
			return true;
	return false;
}

/* the first non-blank line from i on reads as more front matter: an
 * indented line, a list item, or "key:" with a key the schema knows */
static bool yaml_continues(const struct pc_doc *d, const char *t, size_t len, size_t i)
{
	i = skip_blank_lines(t, len, i);
	if (i >= len)
		return false;
	if (t[i] == ' ' || t[i] == '\t')
		return true;
	if (t[i] == '-' && i + 1 < len && t[i + 1] == ' ')
		return true;
	size_t j = i;
	while (j < len && j - i < 64 && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z') ||
					(t[j] >= '0' && t[j] <= '9') || t[j] == '_'))
		j++;
	if (j == i || j >= len || t[j] != ':' || (j + 1 < len && t[j + 1] != ' ' && t[j + 1] != '\n' && t[j + 1] != '\r'))
		return false;
	char key[65];
	memcpy(key, t + i, j - i);
	key[j - i] = '\0';
	return known_top_key(d, key);
}

void pc_plan_parse(struct pc_doc *d)
{
	const char *t = d->text;
	size_t len = d->len, after;

	if (len == 0) {
		pc_finding_add(d, "plan.empty", PC_ERROR, 0, 0, "ファイルが空です")->suggestion =
			"plancheck new -o plan.md でひな形を作れます";
		d->unreadable = true;
		return;
	}
	/* a Word draft has no front matter: its plan is in its tables */
	if (d->source == PC_SRC_DOCX) {
		d->body_start = 0;
		pc_body_parse(d);
		return;
	}
	/* blank lines before the first fence are harmless */
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
			j++;
		if (j < len && t[j] == '\n')
			i = j + 1;
		else
			break;
	}
	if (fence_at(t, len, i, &after)) {
		d->has_fm = true;
		d->fm_start = after;
		size_t k = after, close_next = 0;
		bool closed = next_fence(t, len, &k, &close_next, false);
		/* a "..." or "---" line with more of the front matter after it
		 * (an indented line, a list item or a known key, then another
		 * fence before the first heading) is a stray document marker,
		 * not the end: said at its line, and read past */
		size_t stray[8], nstray = 0;
		while (closed && nstray < PC_ARRAY_LEN(stray)) {
			size_t after_close = close_next ? close_next : line_after(t, len, k);
			size_t k2 = after_close, next2 = 0;
			if (!yaml_continues(d, t, len, after_close) || !next_fence(t, len, &k2, &next2, true))
				break;
			stray[nstray++] = k;
			k = k2;
			close_next = next2;
		}
		d->fm_end = k;
		if (!closed) {
			pc_finding_add(d, "plan.front-matter", PC_ERROR, i, i + 3,
				       "冒頭の「---」に対応する閉じの「---」がありません")
				->suggestion = "YAML の最後の行の次に「---」だけの行を入れてください";
			d->body_start = len;
		} else {
			if (!close_next)
				close_next = line_after(t, len, k);
			d->body_start = close_next;
			/* no later fence, but the body starts like YAML: the
			 * front matter was cut short, and its fields are read as
			 * prose (they were reported missing, pointing elsewhere) */
			size_t b = skip_blank_lines(t, len, close_next);
			if (yaml_continues(d, t, len, close_next))
				pc_finding_add(d, "plan.front-matter", PC_WARNING, b, line_after(t, len, b) - (b < len),
					       "前付け（YAML）の終わりの「%.*s」の後にも YAML のような行があります。この行から先は本文として読みます",
					       t[k] == '.' ? 3 : 3, t + k)
					->suggestion = "前付けの終わりの「---」を、YAML の最後の行の次に移してください";
		}
		for (size_t q = 0; q < nstray; q++) {
			size_t le = line_after(t, len, stray[q]);
			while (le > stray[q] && (t[le - 1] == '\n' || t[le - 1] == '\r'))
				le--;
			pc_finding_add(d, "plan.front-matter", PC_WARNING, stray[q], le,
				       "前付け（YAML）の途中に「%.*s」の行があります。前付けはここで終わらず、次の「---」まで読みます",
				       (int)(le - stray[q] > 3 ? 3 : le - stray[q]), t + stray[q])
				->suggestion = "前付けの途中の「---」や「...」の行は消してください";
		}
		/* the stray lines read as blanks by the YAML parser (restored
		 * after: offsets and fix's output stay the file's) */
		char saved[8][8];
		size_t savedn[8];
		for (size_t q = 0; q < nstray; q++) {
			size_t le = line_after(t, len, stray[q]);
			while (le > stray[q] && (t[le - 1] == '\n' || t[le - 1] == '\r'))
				le--;
			savedn[q] = le - stray[q] < sizeof(saved[q]) ? le - stray[q] : sizeof(saved[q]);
			memcpy(saved[q], d->text + stray[q], savedn[q]);
			memset(d->text + stray[q], ' ', savedn[q]);
		}
		struct pc_yaml_opts yo = {.max_depth = d->opts.max_depth,
					  .refuse_aliases = true,
					  .rule_prefix = "plan"};
		d->fm = pc_yaml_parse(d, d->fm_start, d->fm_end, &yo);
		for (size_t q = 0; q < nstray; q++)
			memcpy(d->text + stray[q], saved[q], savedn[q]);
		pc_fm_waivers(d);
		if (d->fm && d->fm->kind != PC_Y_MAP) {
			pc_finding_add(d, "plan.front-matter", PC_ERROR, d->fm->start, d->fm->end,
				       "冒頭の YAML は「キー: 値」の組で書いてください");
			d->fm = NULL;
		}
		if (d->fm) {
			/* typed now when the caller named the rules (the program's
			 * schema), else the core keys now and the rest by pc_check */
			const struct pc_ynode *pg = pc_ymap_get(d->fm, "program");
			const struct pc_schema *sc = d->opts.rules && pg && pg->kind == PC_Y_SCALAR
				? pc_schema_of(d->opts.rules, pg->str) : NULL;
			pc_plan_type(d, sc);
		}
	} else {
		pc_finding_add(d, "plan.front-matter", PC_ERROR, 0, 0,
			       "冒頭に「---」で囲んだ YAML（金額・日付などの欄）がありません")
			->suggestion = "plancheck new -o plan.md で作ったひな形の冒頭をコピーしてください";
		d->body_start = 0;
	}
	pc_body_parse(d);
}
