/*
 * check_flow.c - the `flow` kind: grant-flow steps from the timeline.
 * Either `requires` (each step needs its prerequisite steps present and
 * not later than itself; plan-format §4) or one `step` with `not_after` /
 * `not_before` date expressions (absolute deadlines such as 令和5年12月28日,
 * and periods such as months(timeline.national_grant_decision, 12)).
 * Findings sit on the step's own line in the front matter.
 */
#include "kind.h"
#include "schema.h"

#include <string.h>

/* the steps are the date fields of the map the schema gives the role
 * "steps" (the grant-flow dates) */
static bool step_ok(struct pc_loader *L, const struct pc_ynode *n)
{
	const struct pc_field *steps = pc_schema_role(pc_loader_schema(L), "steps");
	if (!steps) {
		pc_loader_error(L, n, "flow の規則には、計画書の項目に手続の日程（schema.yml で role: steps の項目）が必要です");
		return false;
	}
	if (!n || n->kind != PC_Y_SCALAR) {
		pc_loader_error(L, n, "日程の項目名を書いてください");
		return false;
	}
	const struct pc_field *fi = pc_schema_child(steps, n->str);
	if (!fi || fi->type != PC_F_DATE) {
		pc_loader_error(L, n, "「%s」は日程（%s）の項目ではありません", n->str, steps->path);
		return false;
	}
	return true;
}

static bool compile_flow(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *req = pc_ymap_get(m, "requires"), *st = pc_ymap_get(m, "step");
	if (!!req == !!st) {
		pc_loader_error(L, m, "flow の規則には requires か step のどちらか一方が必要です");
		return false;
	}
	if (req) {
		if (req->kind != PC_Y_MAP) {
			pc_loader_error(L, req, "requires は「段階: [前の段階, …]」の組です");
			return false;
		}
		r->as->flow.reqs = pc_arena_alloc(pc_loader_arena(L), req->n * sizeof(*r->as->flow.reqs));
		for (size_t i = 0; i < req->n; i++) {
			const struct pc_ynode *v = req->vals[i];
			if (!step_ok(L, req->keys[i]))
				return false;
			struct pc_flowreq *fr = &r->as->flow.reqs[r->as->flow.nreqs++];
			fr->step = req->keys[i]->str;
			fr->start = req->keys[i]->start;
			size_t n = v->kind == PC_Y_SEQ ? v->n : 1;
			fr->prereqs = pc_arena_alloc(pc_loader_arena(L), n * sizeof(*fr->prereqs));
			for (size_t k = 0; k < n; k++) {
				const struct pc_ynode *p = v->kind == PC_Y_SEQ ? v->vals[k] : v;
				if (!step_ok(L, p))
					return false;
				fr->prereqs[fr->nprereqs++] = p->str;
			}
		}
		return true;
	}
	if (!step_ok(L, st))
		return false;
	r->as->flow.step = st->str;
	if (pc_ymap_get(m, "not_after"))
		r->as->flow.not_after = pc_loader_expr(L, r, pc_ymap_get(m, "not_after"), NULL);
	if (pc_ymap_get(m, "not_before"))
		r->as->flow.not_before = pc_loader_expr(L, r, pc_ymap_get(m, "not_before"), NULL);
	if (!r->as->flow.not_after && !r->as->flow.not_before) {
		pc_loader_error(L, m, "step の規則には not_after か not_before が必要です");
		return false;
	}
	return true;
}

static const struct pc_field *steps_of(const struct pc_doc *d)
{
	return pc_schema_role(d->schema, "steps");
}

static const struct pc_ynode *step_node(const struct pc_doc *d, const char *step)
{
	const struct pc_field *steps = steps_of(d);
	const struct pc_ynode *n = steps ? pc_ymap_get(pc_plan_node(d, steps->path), step) : NULL;
	return n && n->vtype == PC_V_DATE ? n : NULL;
}

static struct pc_val label_in(const struct pc_doc *d, const char *step)
{
	const struct pc_field *fi = pc_schema_child(steps_of(d), step);
	struct pc_val v = {.t = X_TEXT, .s = fi ? fi->label : step};
	return v;
}

static struct pc_val date_of(const struct pc_ynode *n)
{
	struct pc_val v = {.t = X_DATE, .days = n->ival};
	return v;
}

static void run_flow(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	for (size_t i = 0; i < r->as->flow.nreqs; i++) {
		const struct pc_flowreq *fr = &r->as->flow.reqs[i];
		const struct pc_ynode *s = step_node(d, fr->step);
		if (!s)
			continue;
		pc_run_local(x, L_STEP, label_in(d, fr->step));
		pc_run_local(x, L_STEP_DATE, date_of(s));
		for (size_t k = 0; k < fr->nprereqs; k++) {
			const struct pc_ynode *p = step_node(d, fr->prereqs[k]);
			pc_run_local(x, L_PREREQ, label_in(d, fr->prereqs[k]));
			if (!p) {
				bool known = false;
				for (size_t m = 0; m < d->nmissing_steps && !known; m++)
					known = !strcmp(d->missing_steps[m], fr->prereqs[k]);
				if (!known) {
					d->missing_steps = pc_grow(&d->arena, d->missing_steps, &d->capmissing_steps,
								   d->nmissing_steps + 1, sizeof(*d->missing_steps));
					d->missing_steps[d->nmissing_steps++] = fr->prereqs[k];
				}
				pc_run_emit(x, r, s->start, s->end, r->level,
					    pc_arena_printf(&d->arena, "「%s」の日付があるのに、その前に必要な「%s」の日付がありません",
							    label_in(d, fr->step).s, label_in(d, fr->prereqs[k]).s));
				continue;
			}
			if (p->ival > s->ival) {
				pc_run_local(x, L_PREREQ_DATE, date_of(p));
				pc_run_emit(x, r, s->start, s->end, r->level, NULL);
			}
		}
	}
	if (r->as->flow.step) {
		const struct pc_ynode *s = step_node(d, r->as->flow.step);
		if (!s)
			return;
		pc_run_local(x, L_STEP, label_in(d, r->as->flow.step));
		pc_run_local(x, L_STEP_DATE, date_of(s));
		const struct pc_expr *lim[2] = {r->as->flow.not_after, r->as->flow.not_before};
		for (int k = 0; k < 2; k++) {
			if (!lim[k])
				continue;
			struct pc_val v = pc_eval(&x->ev, lim[k]);
			if (v.t != X_DATE)
				continue;   /* the date it depends on is missing */
			pc_run_local(x, L_VALUE, v);
			d->deadlines = pc_grow(&d->arena, d->deadlines, &d->capdeadlines, d->ndeadlines + 1,
					       sizeof(*d->deadlines));
			d->deadlines[d->ndeadlines++] = (struct pc_deadline){r->as->flow.step, v.days, k == 1, r->id};
			if ((k == 0 && s->ival > v.days) || (k == 1 && s->ival < v.days))
				pc_run_emit(x, r, s->start, s->end, r->level, NULL);
		}
	}
}

static const char *const flow_keys[] = {"requires", "step", "not_after", "not_before", NULL};
const struct pc_kind pc_kind_flow = {"flow", flow_keys, compile_flow, run_flow, NULL, NULL};
