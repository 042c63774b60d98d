/*
 * check_assert.c - the `assert` kind (one expression over the whole plan,
 * e.g. subsidy.national <= national_max) and the `rows` kind (the same for
 * every item of a list, e.g. value_added = operating_profit + labor_cost +
 * depreciation in each financial_plan row, reported at that row).
 */
#include "kind.h"
#include "schema.h"

#include <string.h>

static void eval_error(struct pc_run *x, const struct pc_rule *r, const struct pc_val *v)
{
	pc_finding_add(x->d, "rules.eval", PC_ERROR, x->d->fm_start, x->d->fm_start,
		       "規則 %s を評価できません: %s", r->id, v->s);
}

static void where_to(struct pc_run *x, const struct pc_rule *r, const struct pc_val *v,
		     size_t fs, size_t fe, size_t *s, size_t *e)
{
	*s = fs;
	*e = fe;
	if (r->as->assert.at) {
		struct pc_val at = pc_eval(&x->ev, r->as->assert.at);
		if (pc_val_span(&at, s, e))
			return;
	}
	if (v && pc_val_span(v, s, e))
		return;
}

static bool compile_assert(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	r->as->assert.expr = pc_loader_expr(L, r, pc_ymap_get(m, "expr"), NULL);
	if (pc_ymap_get(m, "at"))
		r->as->assert.at = pc_loader_expr(L, r, pc_ymap_get(m, "at"), NULL);
	return r->as->assert.expr != NULL;
}

static void run_assert(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_val v = pc_eval(&x->ev, r->as->assert.expr);
	if (v.t == X_ERROR) {
		eval_error(x, r, &v);
		return;
	}
	if (v.t != X_BOOL || v.b)
		return;   /* true, or missing: nothing to say about numbers we lack */
	size_t s, e;
	where_to(x, r, NULL, x->d->fm_start, x->d->fm_start, &s, &e);
	pc_run_emit(x, r, s, e, r->level, NULL);
}

static const char *const assert_keys[] = {"expr", "at", NULL};
const struct pc_kind pc_kind_assert = {"assert", assert_keys, compile_assert, run_assert, NULL, NULL};

/* ---- rows ---------------------------------------------------------------- */

static bool compile_rows(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *over = pc_ymap_get(m, "over");
	const char *p = over ? pc_loader_str(L, over, "over") : NULL;
	if (!p) {
		if (!over)
			pc_loader_error(L, m, "rows の規則には over（リストの項目名）が必要です");
		return false;
	}
	const struct pc_field *fi = pc_loader_field(L, p);
	if (!fi || fi->type != PC_F_LIST) {
		pc_loader_error(L, over, "over「%s」は計画書のリスト項目ではありません", p);
		return false;
	}
	r->as->assert.field = p;
	const char *row = pc_arena_printf(pc_loader_arena(L), "%s[]", p);
	r->row_path = row;
	/* the list path as an expression too: validated like any other */
	struct pc_ynode fake = *over;
	r->as->assert.over = pc_loader_expr(L, r, &fake, NULL);
	r->as->assert.expr = pc_loader_expr(L, r, pc_ymap_get(m, "expr"), row);
	if (pc_ymap_get(m, "where"))
		r->as->assert.where = pc_loader_expr(L, r, pc_ymap_get(m, "where"), row);
	if (pc_ymap_get(m, "at"))
		r->as->assert.at = pc_loader_expr(L, r, pc_ymap_get(m, "at"), row);
	return r->as->assert.expr && r->as->assert.over;
}

static void run_rows(struct pc_run *x, const struct pc_rule *r)
{
	const struct pc_ynode *n = x->d->fm;
	char path[256];
	snprintf(path, sizeof(path), "%s", r->as->assert.field);
	/* walk "financial_plan.rows" one segment at a time (no strtok: review
	 * checks drafts on several threads) */
	for (char *seg = path; seg && n;) {
		char *dot = strchr(seg, '.');
		if (dot)
			*dot = '\0';
		n = pc_ymap_get(n, seg);
		seg = dot ? dot + 1 : NULL;
	}
	if (!n || n->kind != PC_Y_SEQ)
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct pc_ynode *item = n->vals[i];
		if (item->kind != PC_Y_MAP)
			continue;
		x->ev.row = item;
		if (r->as->assert.where) {
			struct pc_val w = pc_eval(&x->ev, r->as->assert.where);
			if (!pc_val_truthy(&w))
				continue;
		}
		struct pc_val v = pc_eval(&x->ev, r->as->assert.expr);
		if (v.t == X_ERROR)
			eval_error(x, r, &v);
		else if (v.t == X_BOOL && !v.b) {
			size_t s, e;
			where_to(x, r, NULL, item->start, item->end, &s, &e);
			pc_run_emit(x, r, s, e, r->level, NULL);
		}
	}
	x->ev.row = NULL;
}

static const char *const rows_keys[] = {"over", "where", "expr", "at", NULL};
const struct pc_kind pc_kind_rows = {"rows", rows_keys, compile_rows, run_rows, NULL, NULL};
