/*
 * check_pattern.c - the `pattern` kind: a PCRE2 pattern that must not
 * occur (existence) or that should be written another way (substitution,
 * `replace` with $1…$9), scoped to headings, paragraphs, list items, table
 * cells or front-matter values.  The notation dictionary
 * rules/common/notation.yml is made of these; `fix` applies their
 * replacements.
 */
#include "kind.h"

#include <string.h>

static bool compile_pattern(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *p = pc_ymap_get(m, "pattern");
	if (!p) {
		pc_loader_error(L, m, "pattern の規則には pattern（正規表現）が必要です");
		return false;
	}
	r->as->pattern.pattern = pc_loader_regex(L, p);
	r->as->pattern.pattern_src = pc_loader_str(L, p, "pattern");
	if (r->as->pattern.pattern_src)
		pc_re_needs(r->as->pattern.pattern_src, strlen(r->as->pattern.pattern_src), pc_loader_arena(L), &r->as->pattern.need);
	if (pc_ymap_get(m, "replace"))
		r->as->pattern.replace = pc_loader_str(L, pc_ymap_get(m, "replace"), "replace");
	r->as->pattern.scopes = PC_SCOPE_PROSE | PC_SCOPE_HEADING | PC_SCOPE_TABLE;
	const struct pc_ynode *sc = pc_ymap_get(m, "scope");
	if (sc) {
		static const struct {
			const char *name;
			unsigned bit;
		} names[] = {{"heading", PC_SCOPE_HEADING}, {"paragraph", PC_SCOPE_PARA},
			     {"list", PC_SCOPE_LIST}, {"table", PC_SCOPE_TABLE},
			     {"front", PC_SCOPE_FRONT}, {"prose", PC_SCOPE_PROSE}};
		r->as->pattern.scopes = 0;
		size_t n = sc->kind == PC_Y_SEQ ? sc->n : 1;
		for (size_t i = 0; i < n; i++) {
			const struct pc_ynode *v = sc->kind == PC_Y_SEQ ? sc->vals[i] : sc;
			unsigned bit = 0;
			for (size_t k = 0; k < PC_ARRAY_LEN(names); k++)
				if (pc_yscalar_is(v, names[k].name))
					bit = names[k].bit;
			if (!bit) {
				pc_loader_error(L, v, "scope は heading, paragraph, list, table, front, prose のどれかです");
				return false;
			}
			r->as->pattern.scopes |= bit;
		}
	}
	return r->as->pattern.pattern != NULL;
}

/* replace with $1..$9 taken from the match */
static const char *expand(struct pc_arena *a, const char *tpl, const char *t, const size_t *ov, size_t np)
{
	struct pc_buf b = {0};
	for (const char *p = tpl; *p; p++) {
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			size_t g = (size_t)(p[1] - '0');
			if (g < np && ov[2 * g] != (size_t)-1)
				pc_buf_add(&b, t + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
			p++;
		} else
			pc_buf_putc(&b, *p);
	}
	const char *s = pc_arena_strdup(a, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

static void emit(struct pc_run *x, const struct pc_rule *r, const size_t *ov, size_t np)
{
	struct pc_doc *d = x->d;
	size_t ms = ov[0], me = ov[1];
	if (pc_findings_full(d)) {
		/* nobody reads a message past the cap: no memory for one; but
		 * fix still needs every replacement (it stopped at 4,999) */
		pc_finding_drop(d);
		if (d->opts.fix && r->as->pattern.replace)
			pc_edit_add(d, r->id, ms, me,
				    !strcmp(r->as->pattern.replace, "@halfwidth") ? pc_text_fold(&d->arena, d->text + ms, me - ms, NULL)
								      : expand(&d->arena, r->as->pattern.replace, d->text, ov, np));
		return;
	}
	struct pc_val w = {.t = X_TEXT, .s = pc_arena_strndup(&d->arena, d->text + ms, me - ms)};
	pc_run_local(x, L_WRITTEN, w);
	const char *rep = NULL;
	if (r->as->pattern.replace && !strcmp(r->as->pattern.replace, "@halfwidth"))
		rep = pc_text_fold(&d->arena, d->text + ms, me - ms, NULL);   /* ＡＢ１ → AB1 */
	else if (r->as->pattern.replace)
		rep = expand(&d->arena, r->as->pattern.replace, d->text, ov, np);
	struct pc_val sg = {.t = X_TEXT, .s = rep ? rep : ""};
	pc_run_local(x, L_SUGGEST, sg);
	struct pc_finding *f = pc_run_emit(x, r, ms, me, r->level, NULL);
	f->replacement = rep;
	if (rep && !f->suggestion)
		f->suggestion = pc_arena_printf(&d->arena, "「%s」→「%s」", w.s, rep);
}

/* matches inside [s, e) only (front-matter values) */
static void scan(struct pc_run *x, const struct pc_rule *r, size_t s, size_t e)
{
	struct pc_doc *d = x->d;
	size_t pos = s, ov[20], np;
	int rc;
	while (pos < e && (rc = pc_re_match_groups(r->as->pattern.pattern, d->text, e, pos, ov, 10, &np)) == 1) {
		pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		if (ov[1] > ov[0])
			emit(x, r, ov, np);
	}
}

static void scan_front(struct pc_run *x, const struct pc_rule *r, const struct pc_ynode *n)
{
	if (!n)
		return;
	if (n->kind == PC_Y_SCALAR) {
		/* a quoted value's span includes its quotes; scan inside them */
		scan(x, r, n->start, n->end);
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		scan_front(x, r, n->vals[i]);
}

static bool in_scope(const struct pc_rule *r, const struct pc_doc *d, size_t ms, size_t me)
{
	const struct pc_block *bl = pc_doc_block_at(d, ms);
	if (!bl)
		return false;
	unsigned bit = bl->kind == PC_B_HEADING ? PC_SCOPE_HEADING
		       : bl->kind == PC_B_PARA  ? PC_SCOPE_PARA
		       : bl->kind == PC_B_LIST  ? PC_SCOPE_LIST
		       : bl->kind == PC_B_TABLE && !bl->table_sep ? PC_SCOPE_TABLE
						  : 0;
	if (!(r->as->pattern.scopes & bit))
		return false;
	if (bl->kind == PC_B_TABLE) {
		for (size_t c = 0; c < bl->ncells; c++)
			if (ms >= bl->cells[c].start && me <= bl->cells[c].end)
				return true;
		return false;
	}
	return ms >= bl->tstart && me <= bl->tend;
}

static void run_pattern(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	/* most notation rules look for words this draft does not contain */
	if (!pc_doc_may_match(d, &r->as->pattern.need))
		return;
	/* one pass over the whole body, then each match is kept only if its
	 * block is in scope: calling PCRE2 once per block per rule was the
	 * bulk of the checking time */
	size_t pos = d->body_start, ov[20], np;
	int rc = 0;
	while (pos < d->len && (rc = pc_re_match_groups(r->as->pattern.pattern, d->text, d->len, pos, ov, 10, &np)) == 1) {
		size_t ms = ov[0], me = ov[1];
		pos = me > ms ? me : ms + 1;
		if (me == ms || !in_scope(r, d, ms, me))
			continue;
		emit(x, r, ov, np);
	}
	if (pos < d->len && rc < 0)
		pc_finding_add(d, "rules.limit", PC_WARNING, pos, pos,
			       "規則 %s の正規表現が照合の上限に達したため、この先を検査していません", r->id);
	if (r->as->pattern.scopes & PC_SCOPE_FRONT)
		scan_front(x, r, d->fm);
}

static const char *const pattern_keys[] = {"pattern", "replace", "scope", NULL};
static void release_pattern(struct pc_rule *r)
{
	pcre2_code_free(r->as->pattern.pattern);
}

/* for tools that share our notation dictionary (prh) */
static void json_pattern(const struct pc_rule *r, FILE *out)
{
	fprintf(out, ", \"pattern\": ");
	pc_json_str(out, r->as->pattern.pattern_src);
	fprintf(out, ", \"replace\": ");
	pc_json_str(out, r->as->pattern.replace);
}

const struct pc_kind pc_kind_pattern = {"pattern", pattern_keys, compile_pattern, run_pattern, release_pattern, json_pattern};
