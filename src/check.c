/*
 * check.c - the rule engine: the table of rule kinds, deciding which packs
 * and rules apply to a plan (program, topup, round range, frame, 類型,
 * when), formatting a rule's message template against the plan, and the
 * 計算結果 block of named lets.  Kinds live in check_<kind>.c.
 */
#include "kind.h"
#include "frames.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const struct pc_kind *const kinds[] = {
	&pc_kind_section, &pc_kind_field, &pc_kind_assert, &pc_kind_rows, &pc_kind_flow,
	&pc_kind_mention, &pc_kind_spelling, &pc_kind_pattern, &pc_kind_metric, &pc_kind_morpheme,
	&pc_kind_calendar, &pc_kind_schedule, &pc_kind_frame,
};

const struct pc_kind *const *pc_kinds(size_t *n)
{
	*n = PC_ARRAY_LEN(kinds);
	return kinds;
}

const struct pc_kind *pc_kind_find(const char *name)
{
	for (size_t i = 0; i < PC_ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i]->name, name))
			return kinds[i];
	return NULL;
}

void pc_run_init(struct pc_run *x, struct pc_doc *d, const struct pc_ruleset *rs,
		 const struct pc_pack *p)
{
	memset(x, 0, sizeof(*x));
	x->d = d;
	x->rs = rs;
	x->pack = p;
	x->ev.d = d;
	x->ev.a = &d->arena;
	x->ev.lets = p->lets;
	x->ev.nlets = p->nlets;
	x->ev.letvals = pc_arena_alloc(&d->arena, p->nlets * sizeof(*x->ev.letvals));
	x->ev.letstate = pc_arena_alloc(&d->arena, p->nlets);
	/* rule-local names start as missing */
	for (size_t i = p->nlets - L_NLOCALS; i < p->nlets; i++)
		x->ev.letstate[i] = 2;
}

void pc_run_local(struct pc_run *x, int which, struct pc_val v)
{
	size_t i = x->pack->nlets - L_NLOCALS + (size_t)which;
	x->ev.letvals[i] = v;
	x->ev.letstate[i] = 2;
}

bool pc_val_span(const struct pc_val *v, size_t *s, size_t *e)
{
	if (v->t == X_LIST && v->n)
		return pc_val_span(&v->items[0], s, e);
	if (!v->has_span)
		return false;
	*s = v->start;
	*e = v->end;
	return true;
}

const char *pc_run_render(struct pc_run *x, const struct pc_tpl *t)
{
	struct pc_buf b = {0};
	for (size_t i = 0; i < t->n; i++) {
		const struct pc_tpl_part *p = &t->parts[i];
		if (p->text)
			pc_buf_puts(&b, p->text);
		else {
			struct pc_val v = pc_eval(&x->ev, p->e);
			pc_buf_puts(&b, pc_val_format(&x->d->arena, &v, p->how));
		}
	}
	const char *s = pc_arena_strdup(&x->d->arena, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

struct pc_finding *pc_run_emit(struct pc_run *x, const struct pc_rule *r, size_t start,
			       size_t end, enum pc_severity level, const char *override)
{
	if (pc_findings_full(x->d))   /* past the cap: not rendered, only counted */
		return pc_finding_add(x->d, r->id, level, start, end, "%s", "");
	const char *msg = override ? override : pc_run_render(x, &r->message);
	if (r->level_set)
		level = r->level;   /* a configuration's level beats the kind's own (a section's sub-items) */
	struct pc_finding *f = pc_finding_add(x->d, r->id, level, start, end, "%s", msg);
	if (r->suggestion.n && !override)
		f->suggestion = pc_run_render(x, &r->suggestion);
	f->cite = r->cite;
	return f;
}

static bool text_in(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && !strcmp(v, list[i]))
			return true;
	return false;
}

/* a text field's value (an enumeration's value when an alias was written) */
static const char *node_text(const struct pc_ynode *n)
{
	if (!n || n->vtype != PC_V_TEXT)
		return NULL;
	return n->str;
}

static const char *fm_text(const struct pc_doc *d, const char *key)
{
	return node_text(pc_ymap_get(d->fm, key));
}

bool pc_rule_applies(struct pc_run *x, const struct pc_rule *r)
{
	const struct pc_doc *d = x->d;
	if (r->rlo >= 0 || r->rhi >= 0) {
		if (d->round < 0)
			return false;   /* unknown round: the field rule says so */
		if ((r->rlo >= 0 && d->round < r->rlo) || (r->rhi >= 0 && d->round > r->rhi))
			return false;
	}
	if (r->nframes) {
		/* the frame as matched (its name, or name and 類型), else as written */
		const char *f = fm_text(d, "frame");
		if (d->frame ? !text_in(d->frame->name, r->frames, r->nframes) && !text_in(d->frame->label, r->frames, r->nframes)
			     : !f || !text_in(f, r->frames, r->nframes))
			return false;
	}
	if (r->ntypes) {
		/* the field the schema gives the role "type" (the 類型) */
		const struct pc_field *tf = pc_schema_role(d->schema, "type");
		const char *t = tf ? node_text(pc_plan_node(d, tf->path)) : NULL;
		if (!t || !text_in(t, r->types, r->ntypes))
			return false;
	}
	if (r->when) {
		struct pc_val v = pc_eval(&x->ev, r->when);
		if (!pc_val_truthy(&v))
			return false;
	}
	return true;
}

bool pc_pack_applies(const struct pc_pack *p, const struct pc_doc *d)
{
	if (p->program && (!d->program || strcmp(p->program, d->program)))
		return false;
	if (p->topup) {
		const char *t = fm_text(d, "topup");
		if (!t || strcmp(t, p->topup))
			return false;
	}
	return true;
}

/* where a missing field is reported: its key when the key is written
 * empty, else the nearest enclosing key that is written */
static void missing_at(const struct pc_doc *d, const char *path, size_t *s, size_t *e)
{
	const struct pc_ynode *n = d->fm;
	*s = *e = d->fm_start;
	char seg[128];
	for (const char *p = path; n && p && *p;) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		if (l >= sizeof(seg))
			return;
		memcpy(seg, p, l);
		seg[l] = '\0';
		const struct pc_ynode *k = NULL, *v = NULL;
		for (size_t i = 0; n->kind == PC_Y_MAP && i < n->n; i++)
			if (!strcmp(n->keys[i]->str, seg)) {
				k = n->keys[i];
				v = n->vals[i];
			}
		if (!k)
			return;
		*s = k->start;
		*e = v && v->kind == PC_Y_SCALAR ? v->end : k->end;
		n = v;
		p = dot ? dot + 1 : NULL;
	}
}

static bool blank(const struct pc_ynode *v)
{
	return !v || v->kind == PC_Y_NULL ||
	       (v->kind == PC_Y_SCALAR && (v->len == 0 || (v->plain && (!strcmp(v->str, "~") || !strcmp(v->str, "null")))));
}

static void say_required(struct pc_doc *d, const struct pc_field *f, const struct pc_required *q, size_t s, size_t e)
{
	struct pc_buf why = {0};
	if (q->rlo >= 0 && q->rlo == q->rhi)
		pc_buf_printf(&why, "第%ld回", q->rlo);
	else if (q->rlo >= 0 && q->rhi >= 0)
		pc_buf_printf(&why, "第%ld〜%ld回", q->rlo, q->rhi);
	else if (q->rlo >= 0)
		pc_buf_printf(&why, "第%ld回以降", q->rlo);
	else if (q->rhi >= 0)
		pc_buf_printf(&why, "第%ld回まで", q->rhi);
	for (size_t k = 0; k < q->nframes; k++)
		pc_buf_printf(&why, "%s%s", k ? "・" : why.len ? "の" : "", q->frames[k]);
	if (q->topup)
		pc_buf_printf(&why, "%s上乗せ支援（%s）", why.len ? "の" : "", q->topup);
	struct pc_finding *fd = pc_finding_add(d, "plan.required", PC_ERROR, s, e, "%s（%s）が記入されていません%s%s%s",
					       f->label, f->path, why.len ? "。" : "", why.len ? why.s : "",
					       why.len ? "では必要です" : "");
	if (f->description)
		fd->suggestion = f->description;
	pc_buf_free(&why);
}

/* the fields the schema says this plan needs and no field rule words */
static void schema_required(struct pc_doc *d)
{
	const struct pc_schema *s = d->schema;
	const char *topup = fm_text(d, "topup"), *frame = fm_text(d, "frame");
	for (size_t i = 0; s && i < s->nall; i++) {
		const struct pc_field *f = s->all[i];
		const struct pc_required *q;
		if (!f->nrequired || f->rule_required || !(q = pc_schema_required(f, d->round, frame, topup)))
			continue;
		const char *br = strstr(f->path, "[].");
		if (!br) {
			const struct pc_ynode *v = pc_plan_node(d, f->path);
			if (blank(v)) {
				size_t st, en;
				missing_at(d, f->path, &st, &en);
				say_required(d, f, q, st, en);
			}
			continue;
		}
		/* a field of each item of a list: every item written needs it */
		char *lp = pc_arena_strndup(&d->arena, f->path, (size_t)(br - f->path));
		const struct pc_ynode *list = pc_plan_node(d, lp);
		if (strstr(br + 3, "[]") || !list || list->kind != PC_Y_SEQ)
			continue;
		for (size_t k = 0; k < list->n; k++) {
			const struct pc_ynode *it = list->vals[k];
			if (it->kind != PC_Y_MAP || !blank(pc_ymap_get(it, br + 3)))
				continue;
			say_required(d, f, q, it->start, it->start);
		}
	}
}

const char *pc_val_json(struct pc_arena *a, const struct pc_val *v, bool percent)
{
	if (v->t == X_NUM && v->r.d == 1 && !percent)
		return pc_int128_str(a, v->r.n);   /* exact, even past 64 bits */
	if (v->t == X_NUM)
		return pc_arena_printf(a, "%.6g", pc_rat_double(v->r));
	if (v->t == X_BOOL)
		return v->b ? "true" : "false";
	if (v->t == X_DATE) {
		struct pc_date dt = pc_date_from_days(v->days);
		return pc_arena_printf(a, "\"%04d-%02d-%02d\"", dt.y, dt.m, dt.d);
	}
	if (v->t != X_TEXT)
		return "null";
	struct pc_buf b = {0};
	pc_buf_putc(&b, '"');
	for (const char *s = v->s; *s; s++) {
		if (*s == '"' || *s == '\\')
			pc_buf_putc(&b, '\\');
		pc_buf_putc(&b, *s);
	}
	pc_buf_putc(&b, '"');
	const char *r = pc_arena_strdup(a, b.s);
	pc_buf_free(&b);
	return r;
}

void pc_run_rules(struct pc_doc *d, const struct pc_ruleset *rs, const struct pc_rule *only)
{
	if (d->unreadable)
		return;
	/* typed now if the plan was read without its rules */
	if (d->typed < 2)
		pc_plan_type(d, pc_schema_of(rs, d->program));
	/* its frame's row for its round: frame.<column> reads it */
	pc_frames_resolve(d, d->schema ? d->schema->frames : NULL);
	if (!only)
		schema_required(d);
	/* headings typed by hand, read as the packs' sections before any rule */
	pc_sections_recognise(d, rs);
	/* program packs before top-up packs, so 計算結果 reads national first */
	for (size_t q = 0; q < 2 * rs->npacks; q++) {
		const struct pc_pack *pk = &rs->packs[q % rs->npacks];
		if ((q < rs->npacks) == (pk->topup != NULL))
			continue;
		if (!pc_pack_applies(pk, d) || (only && only->pack != pk))
			continue;
		struct pc_run x;
		pc_run_init(&x, d, rs, pk);
		for (size_t i = 0; i < rs->nrules; i++) {
			const struct pc_rule *r = &rs->rules[i];
			if (r->pack != pk || (only && r != only) || (r->off && !only))
				continue;
			if (pc_doc_stopped(d))
				return;
			if (pc_rule_applies(&x, r))
				r->kind->run(&x, r);
		}
		if (only)
			continue;
		/* the figures the pack derived, for 計算結果 and JSON */
		pc_figures_eval(&x);
		for (size_t l = 0; l < pk->nlets; l++) {
			const struct pc_let *lt = &pk->lets[l];
			if (!lt->computed || !lt->e)
				continue;
			struct pc_expr ref = {.op = E_LET, .let = l};
			struct pc_val v = pc_eval(&x.ev, &ref);
			if (v.t == X_MISSING || v.t == X_ERROR || v.t == X_LIST)
				continue;
			d->computed = pc_grow(&d->arena, d->computed, &d->capcomputed, d->ncomputed + 1,
					      sizeof(*d->computed));
			struct pc_computed *c = &d->computed[d->ncomputed++];
			c->key = lt->computed;
			c->label = lt->label ? lt->label : lt->computed;
			c->display = pc_val_format(&d->arena, &v, lt->percent ? "%" : NULL);
			if (v.t == X_NUM && v.unit == U_YEN &&
			    (v.r.n / v.r.d > PC_AMOUNT_MAX || v.r.n / v.r.d < -PC_AMOUNT_MAX))
				/* every input may be in range and the sum still not */
				pc_finding_add(d, "plan.range", PC_ERROR, d->fm_start, d->fm_start,
					       "計算した「%s」が %s になり、計画の数字として扱える範囲（1,000兆円まで）を超えています",
					       c->label, c->display)
					->suggestion = "金額の桁や単位（円・千円・万円）を確かめてください";
			c->json = pc_val_json(&d->arena, &v, lt->percent);
		}
	}
}

/* no pack for the plan's program: say so once, with the known programs */
/* A draft with no front matter (a Word document, or text written as a
 * document): the program is the one program pack's, when there is one */
static bool default_program(struct pc_doc *d, const struct pc_ruleset *rs)
{
	const struct pc_pack *only = NULL;
	for (size_t p = 0; p < rs->npacks; p++)
		if (rs->packs[p].program && !rs->packs[p].topup) {
			if (only && strcmp(only->program, rs->packs[p].program))
				return false;
			only = &rs->packs[p];
		}
	if (!only)
		return false;
	d->program = only->program;
	return true;
}

/* "program: NAME" for the programs the packs check (the first, and how
 * many others there are), or NULL without any */
static const char *program_hint(struct pc_doc *d, const struct pc_ruleset *rs)
{
	const char *first = NULL;
	size_t others = 0;
	for (size_t p = 0; p < rs->npacks; p++) {
		const char *pg = rs->packs[p].program;
		bool seen = false;
		for (size_t q = 0; q < p && !seen; q++)
			seen = rs->packs[q].program && !rs->packs[q].topup && !strcmp(rs->packs[q].program, pg ? pg : "");
		if (!pg || rs->packs[p].topup || seen)
			continue;
		if (first)
			others++;
		else
			first = pg;
	}
	if (!first)
		return NULL;
	return others ? pc_arena_printf(&d->arena, "program: %s（ほかに %zu 種類: plancheck rules で一覧）", first, others)
		      : pc_arena_printf(&d->arena, "program: %s", first);
}

void pc_check(struct pc_doc *d, const struct pc_ruleset *rs)
{
	if (d->unreadable)
		return;
	/* the tables that carry data: the plan of a draft without front
	 * matter (a Word document), else checked against it */
	pc_tables_read(d, rs);
	if (!d->fm) {
		if (d->has_fm || !default_program(d, rs))
			return;   /* front matter libyaml could not read: its error says so */
		pc_run_rules(d, rs, NULL);
		return;
	}
	const struct pc_ynode *pg = pc_ymap_get(d->fm, "program");
	bool known = false;
	for (size_t p = 0; p < rs->npacks; p++)
		if (rs->packs[p].program && d->program && !strcmp(rs->packs[p].program, d->program))
			known = true;
	/* no pack for its program: a report still reads it by the one
	 * program's schema, if there is one */
	if ((!pg || !d->program || !known) && rs->nschemas == 1)
		d->shown_schema = rs->schemas[0];
	if (!pg || !d->program) {
		pc_finding_add(d, "plan.program", PC_ERROR, d->fm_start, d->fm_start,
			       "program（補助金の種類）がありません。どの規則で検査するか決められません")
			->suggestion = program_hint(d, rs);
		return;
	}
	if (!known) {
		struct pc_finding *f = pc_finding_add(d, "plan.program", PC_ERROR, pg->start, pg->end,
						      "program「%s」の規則がありません", d->program);
		for (size_t p = 0; p < rs->npacks; p++)
			if (rs->packs[p].program && pc_edit_distance(rs->packs[p].program, d->program) <= 3)
				f->suggestion = pc_arena_printf(&d->arena, "「%s」の書き間違いではありませんか",
								rs->packs[p].program);
		return;
	}
	pc_run_rules(d, rs, NULL);
}
