/*
 * test_expr.c - the expression evaluator against the bundled example plan:
 * plain arithmetic and a filter give the right figures, and filters
 * nested in filters (work multiplying by the rows at each level) stop at
 * the step budget with an error instead of running for hours.
 */
#include "expr.h"
#include "rules.h"
#include "schema.h"
#include "unit.h"

static const struct pc_schema *schema;


static struct pc_val run(struct pc_doc *d, struct pc_arena *a, const char *src)
{
	struct pc_scope sc = {.schema = schema};
	const char *err = NULL;
	size_t off = 0;
	struct pc_expr *e = pc_expr_parse(a, src, strlen(src), &sc, &err, &off);
	if (!e) {
		struct pc_val v = {.t = X_ERROR, .s = err ? err : "parse"};
		return v;
	}
	struct pc_eval ev = {.d = d, .a = a};
	return pc_eval(&ev, e);
}

int main(void)
{
	char *err = NULL;
	/* the plan typed against its program's schema, which the paths
	 * below are checked against */
	struct pc_ruleset *rs = pc_rules_load("rules", stderr);
	OK(rs != NULL, "the packs load");
	if (!rs)
		return unit_done("expr");
	struct pc_open_opts o = {.rules = rs};
	struct pc_doc *d = pc_doc_open("examples/hakkoda-seiko.md", &o, &err);
	schema = d ? d->schema : NULL;
	OK(d != NULL, "the example plan opens: %s", err ? err : "");
	if (!d)
		return unit_done("expr");
	struct pc_arena a = {0};

	struct pc_val v = run(d, &a, "1 + 2 * 3");
	OK(v.t == X_NUM && v.r.n == 7 && v.r.d == 1, "1 + 2 * 3 = 7");
	v = run(d, &a, "count(financial_plan.rows[kind == \"計画\"]) >= 3");
	OK(v.t == X_BOOL && v.b, "a filter over the plan rows");

	/* count(rows[count(rows[… > 0]) > 0]) nested 14 deep: rows^14 steps */
	char src[1024] = "";
	for (int k = 0; k < 14; k++)
		strcat(src, "count(financial_plan.rows[");
	strcat(src, "1 > 0");
	for (int k = 0; k < 14; k++)
		strcat(src, "]) > 0");
	v = run(d, &a, src);
	OK(v.t == X_ERROR && strstr(v.s, "複雑すぎます"), "nested filters stop at the step budget");

	/* chains: evaluated in a loop whatever their length, capped in nodes */
	struct pc_buf b = {0};
	for (int k = 0; k < 4999; k++)
		pc_buf_puts(&b, k ? " - 1" : "5000");
	v = run(d, &a, b.s);
	OK(v.t == X_NUM && v.r.n == 2 && v.r.d == 1, "5000 - 1 - … - 1 (4,998 times) = 2, left to right");
	pc_buf_puts(&b, " - 1 - 1");
	v = run(d, &a, b.s);
	OK(v.t == X_ERROR && strstr(v.s, "長すぎます"), "10,001 nodes are refused: %s", v.s ? v.s : "");
	pc_buf_free(&b);
	b = (struct pc_buf){0};
	for (int k = 0; k < 3000; k++)
		pc_buf_puts(&b, k ? " or false" : "false");
	pc_buf_puts(&b, " or subsidy.national > 0");
	v = run(d, &a, b.s);
	OK(v.t == X_BOOL && v.b, "false or … or national > 0 (3,001 terms) is true");
	pc_buf_free(&b);
	v = run(d, &a, "subsidy.national / (3 - 3)");
	OK(v.t == X_ERROR && strstr(v.s, "0 で割って"), "a literal zero divisor is refused");
	v = run(d, &a, "subsidy.national / (subsidy.national - subsidy.national)");
	OK(v.t == X_MISSING, "a zero from the plan is no ratio (missing), not an error");

	v = run(d, &a, "applicant.employess > 0");
	OK(v.t == X_ERROR && strstr(v.s, "applicant.employees"), "a wrong path names the nearest: %s", v.s ? v.s : "");

	pc_arena_release(&a);
	pc_doc_free(d);
	pc_rules_free(rs);
	return unit_done("expr");
}
