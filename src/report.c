/*
 * report.c - the reporter seam: the table of output formats, opening a
 * reporter on its destination (a FILE the caller owns, or a path written
 * atomically), handing it documents, closing it; and the per-draft
 * summary the batch formats read (verdict, counts, figures, the rules it
 * trips), which `review` keeps for the whole run and stores for --resume.
 */
#include "report.h"
#include "rules.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const struct pc_reporter_class *const classes[] = {
	&pc_reporter_text, &pc_reporter_json, &pc_reporter_sarif,
	&pc_reporter_csv, &pc_reporter_summary_json, &pc_reporter_summary_pdf,
};

const char *pc_format_name(enum pc_format f)
{
	return f == PC_FMT_JSON ? "json" : f == PC_FMT_SARIF ? "sarif" : "text";
}

struct pc_reporter *pc_reporter_open(const char *format, const struct pc_report_dest *to,
				     const struct pc_report_opts *o, char *err, size_t errlen)
{
	const struct pc_reporter_class *cls = NULL;
	for (size_t i = 0; i < PC_ARRAY_LEN(classes) && !cls; i++)
		if (!strcmp(classes[i]->name, format))
			cls = classes[i];
	if (!cls) {
		snprintf(err, errlen, "不明な出力形式です: %s", format);
		return NULL;
	}
	struct pc_reporter *r = calloc(1, sizeof(*r));
	if (!r)
		abort();
	r->cls = cls;
	r->to = *to;
	if (o)
		r->opts = *o;
	if (!cls->own_file) {
		if (to->file)
			r->out = to->file;
		else if (to->path) {
			r->atomic = pc_atomic_open(to->path, err, errlen);
			if (!r->atomic) {
				free(r);
				return NULL;
			}
			r->out = pc_atomic_file(r->atomic);
		} else {
			snprintf(err, errlen, "出力先がありません");
			free(r);
			return NULL;
		}
	}
	if (cls->begin(r, err, errlen) != 0) {
		if (r->atomic)
			pc_atomic_abandon(r->atomic);
		pc_arena_release(&r->arena);
		free(r);
		return NULL;
	}
	return r;
}

void pc_reporter_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	if (r->cls->wants_doc && !d)
		return;
	if (!r->cls->wants_doc && !s)
		s = pc_summary_of(&r->arena, d, d ? d->path : "", NULL);
	r->cls->doc(r, d, s);
	r->ndocs++;
}

int pc_reporter_close(struct pc_reporter *r, char *err, size_t errlen)
{
	int rc = r->cls->end(r, err, errlen);
	if (r->atomic) {
		if (rc == 0)
			rc = pc_atomic_commit(r->atomic, r->to.durable != 0, err, errlen);
		else
			pc_atomic_abandon(r->atomic);
	}
	pc_arena_release(&r->arena);
	free(r);
	return rc;
}

/* ---- summaries -------------------------------------------------------------- */

const struct pc_schema *pc_doc_shown_schema(const struct pc_doc *d)
{
	return d->schema ? d->schema : d->shown_schema;
}

const struct pc_ynode *pc_shown_role(const struct pc_doc *d, const char *role)
{
	if (d->schema)
		return pc_plan_role(d, role);
	const struct pc_field *f = pc_schema_role(d->shown_schema, role);
	return f ? pc_plan_node(d, f->path) : NULL;
}

/* the figure columns of the summaries: the packs declare them (figures.c) */
const struct pc_column *pc_summary_columns(const struct pc_ruleset *rs, size_t *n)
{
	*n = rs ? rs->ncolumns : 0;
	return rs ? rs->columns : NULL;
}

const struct pc_figure_val *pc_summary_fig(const struct pc_summary *s, const char *key)
{
	for (size_t i = 0; i < s->nfigs; i++)
		if (!strcmp(s->figs[i].key, key))
			return &s->figs[i];
	return NULL;
}

const char *pc_summary_verdict(const struct pc_summary *s)
{
	return s->unreadable ? "読めない" : s->errors ? "要修正" : "提出可";
}

static const char *dup(struct pc_arena *a, const char *s)
{
	return s ? pc_arena_strdup(a, s) : NULL;
}

struct hit {
	const char *id;
	unsigned char level;
};

static int cmp_hit(const void *a, const void *b)
{
	return strcmp(((const struct hit *)a)->id, ((const struct hit *)b)->id);
}

struct pc_summary *pc_summary_of(struct pc_arena *a, const struct pc_doc *d, const char *path, const char *why)
{
	struct pc_summary *s = pc_arena_alloc(a, sizeof(*s));
	s->path = dup(a, pc_display_name(a, path));   /* CSV, JSON and PDF need UTF-8 */
	s->round = -1;
	if (!d) {
		s->unreadable = 1;
		s->why = s->first_fix = dup(a, why);
		return s;
	}
	/* 読めない: nothing could be judged, because the file is not text or
	 * its front matter - where every number lives - did not parse */
	static const char *const fatal[] = {"plan.yaml", "plan.front-matter", "plan.encoding", "plan.yaml-depth"};
	bool broken = d->unreadable || !d->fm;
	for (size_t i = 0; i < d->nfindings && !broken; i++)
		for (size_t k = 0; k < PC_ARRAY_LEN(fatal); k++)
			if (!strcmp(d->findings[i].rule, fatal[k]))
				broken = true;
	if (broken) {
		s->unreadable = 1;
		for (size_t i = 0; i < d->nfindings && !s->why; i++)
			if (d->findings[i].severity == PC_ERROR)
				s->why = dup(a, d->findings[i].message);
	}
	const struct pc_ynode *nm = pc_shown_role(d, "name");
	const struct pc_ynode *fr = pc_ymap_get(d->fm, "frame");
	s->applicant = dup(a, nm && nm->kind == PC_Y_SCALAR ? nm->str : NULL);
	s->program = dup(a, d->program);
	s->frame = dup(a, fr && fr->kind == PC_Y_SCALAR ? fr->str : NULL);
	s->round = d->round;
	s->errors = pc_findings_count(d, PC_ERROR, 0);
	s->warnings = pc_findings_count(d, PC_WARNING, 0);
	s->infos = pc_findings_count(d, PC_INFO, 0);
	/* every figure the packs computed: the summaries pick their columns
	 * by key (pc_summary_columns) */
	s->figs = d->ncomputed ? pc_arena_alloc(a, d->ncomputed * sizeof(*s->figs)) : NULL;
	for (size_t i = 0; i < d->ncomputed; i++) {
		struct pc_figure_val *f = &s->figs[s->nfigs++];
		f->key = dup(a, d->computed[i].key);
		f->json = dup(a, d->computed[i].json);
		f->display = dup(a, d->computed[i].display);
	}
	/* the rules this draft trips (warnings and errors, not waived), each
	 * at the highest severity it was found at (a configuration may have
	 * changed it); kept for the whole run, so as small as it can be:
	 * exactly the ids, each a copy (a parser rule id may live in the
	 * draft's arena) */
	size_t nh = 0;
	struct hit *hit = calloc(d->nfindings + 1, sizeof(*hit));
	if (!hit)
		abort();
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct pc_finding *f = &d->findings[i];
		if (f->waived || f->severity < PC_WARNING)
			continue;
		if (!s->first_fix && f->severity == PC_ERROR && !s->unreadable)
			s->first_fix = dup(a, f->message);
		size_t k = 0;
		while (k < nh && strcmp(hit[k].id, f->rule))
			k++;
		if (k == nh)
			hit[nh++] = (struct hit){f->rule, (unsigned char)f->severity};
		else if (f->severity > hit[k].level)
			hit[k].level = (unsigned char)f->severity;
	}
	if (nh > 1)
		qsort(hit, nh, sizeof(*hit), cmp_hit);
	s->hit = nh ? pc_arena_alloc(a, nh * sizeof(*s->hit)) : NULL;
	s->hit_level = nh ? pc_arena_alloc(a, nh) : NULL;
	for (size_t k = 0; k < nh; k++) {
		s->hit[k] = pc_arena_strdup(a, hit[k].id);
		s->hit_level[k] = hit[k].level;
	}
	s->nhit = nh;
	free(hit);
	if (s->unreadable)
		s->first_fix = s->why;
	return s;
}

static int cmp_rc(const void *a, const void *b)
{
	const struct pc_rulecount *x = a, *y = b;
	if (x->drafts != y->drafts)
		return x->drafts > y->drafts ? -1 : 1;
	return strcmp(x->id, y->id);
}

struct pc_rulecount *pc_summary_count_rules(const struct pc_summary *const *rows, size_t n,
					    const struct pc_ruleset *rs, size_t *nout)
{
	(void)rs;
	struct pc_rulecount *v = NULL;
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < rows[i]->nhit; k++) {
			size_t q = 0;
			while (q < nv && strcmp(v[q].id, rows[i]->hit[k]))
				q++;
			if (q == nv) {
				if (nv == cap) {
					cap = cap ? cap * 2 : 32;
					v = realloc(v, cap * sizeof(*v));
					if (!v)
						abort();
				}
				v[nv++] = (struct pc_rulecount){rows[i]->hit[k], 0, PC_WARNING};
			}
			v[q].drafts++;
			/* the level the drafts show it at (parser rules and
			 * configured levels included), the highest */
			enum pc_severity lv = rows[i]->hit_level ? (enum pc_severity)rows[i]->hit_level[k] : PC_WARNING;
			if (lv > v[q].level)
				v[q].level = lv;
		}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_rc);
	*nout = nv;
	return v;
}

const char *pc_rule_name(struct pc_arena *a, const struct pc_ruleset *rs, const char *id)
{
	const struct pc_rule *r = rs ? pc_rules_find(rs, id) : NULL;
	if (r && (r->description || r->message_src)) {
		const char *t = r->description ? r->description : r->message_src;
		size_t n = strlen(t);
		if (n >= 3 && !strcmp(t + n - 3, "。"))
			n -= 3;
		return pc_arena_strndup(a, t, n);
	}
	const char *p = pc_parser_rule_text(id, NULL);
	return p ? p : id;
}

void pc_summary_list_add(struct pc_reporter *r, struct pc_summary_list *l, const struct pc_summary *s)
{
	l->v = pc_grow(&r->arena, l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = s;
}
