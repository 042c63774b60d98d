/*
 * fz_expr.c - libFuzzer target: the expression language.  Any text is
 * parsed against the plan schema; what parses is evaluated against the
 * public clean plan and formatted, exercising the rational arithmetic,
 * paths with filters, the functions and the overflow checks.
 */
#include "expr.h"
#include "rules.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>

static struct pc_doc *plan;
static const struct pc_schema *schema;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!plan) {
		/* the repository's packs give the schema paths are checked
		 * against and the plan is typed with */
		const char *p = getenv("PLANCHECK_PLAN"), *home = getenv("PLANCHECK_DATA");
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/rules", home ? home : ".");
		struct pc_ruleset *rs = pc_rules_load(dir, stderr);
		if (!rs)
			abort();
		struct pc_open_opts o = {.rules = rs};
		char *err = NULL;
		plan = pc_doc_open(p ? p : "examples/hakkoda-seiko.md", &o, &err);
		if (!plan)
			abort();
		schema = plan->schema;
	}
	struct pc_arena a = {0};
	struct pc_scope sc = {.schema = schema};
	const char *err;
	size_t off;
	struct pc_expr *e = pc_expr_parse(&a, (const char *)data, size, &sc, &err, &off);
	if (e) {
		struct pc_eval ev = {.d = plan, .a = &a};
		struct pc_val v = pc_eval(&ev, e);
		pc_val_format(&a, &v, NULL);
		pc_val_format(&a, &v, "%");
	} else if (off > size)
		abort();   /* an error must point inside the text */
	pc_arena_release(&a);
	return 0;
}
