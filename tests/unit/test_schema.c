/*
 * test_schema.c - the plan schema read from rules/saikouchiku/schema.yml:
 * fields by path, by label (folded: NFKC, spaces, ※ notes and bracketed
 * remarks out), by role; enumerations and their aliases; the document
 * tables by caption and their row labels; the typing of a plan with it
 * (percent, an enumeration alias, a unit field's unit).
 */
#include "rules.h"
#include "schema.h"
#include "unit.h"

static const char *path_of(const struct pc_field *f)
{
	return f ? f->path : "(none)";
}

int main(void)
{
	struct pc_arena a = {0};
	STR_EQ(pc_label_fold(&a, "　従業員数（常勤）※ 正社員のみ ", 50), "従業員数", "fold: spaces, remark, note");
	STR_EQ(pc_label_fold(&a, "認定支援機関ＩＤ", strlen("認定支援機関ＩＤ")), "認定支援機関ID", "fold: NFKC");
	STR_EQ(pc_label_fold(&a, "ｻｰﾋﾞｽ【必須】", strlen("ｻｰﾋﾞｽ【必須】")), "サービス", "fold: half-width kana, 【】");

	struct pc_ruleset *rs = pc_rules_load("rules", stderr);
	OK(rs != NULL, "the packs load");
	if (!rs)
		return unit_done("schema");
	const struct pc_schema *s = pc_schema_of(rs, "saikouchiku");
	OK(s != NULL, "saikouchiku has a schema");
	OK(pc_schema_of(rs, "nothing") == NULL, "an unknown program has none");
	const struct pc_field *f = pc_schema_field(s, "applicant.employees");
	OK(f && f->type == PC_F_INT && !strcmp(f->label, "常勤従業員数"), "applicant.employees: integer 常勤従業員数");
	f = pc_schema_field(s, "financial_plan.rows[].sales");
	OK(f && f->type == PC_F_AMOUNT && f->unit_field && !strcmp(f->unit_field, "financial_plan.unit"),
	   "rows[].sales is an amount in the unit field's unit");
	OK(pc_schema_field(s, "round") && pc_schema_field(s, "round")->core, "round is a core key");
	STR_EQ(path_of(pc_schema_by_label(s, NULL, "事業者名")), "applicant.name", "by label");
	STR_EQ(path_of(pc_schema_by_label(s, NULL, "認定支援機関ＩＤ")), "support_org.id", "by label, full-width");
	OK(pc_schema_by_label(s, NULL, "従業員数") == NULL, "従業員数 names two fields: none");
	STR_EQ(path_of(pc_schema_by_label(s, pc_schema_field(s, "financial_plan.rows"), "従業員数")),
	       "financial_plan.rows[].employees", "by label under the rows");
	STR_EQ(path_of(pc_schema_role(s, "steps")), "timeline", "the steps role");
	STR_EQ(path_of(pc_schema_role(s, "name")), "applicant.name", "the name role");
	f = pc_schema_field(s, "applicant.size");
	STR_EQ(pc_schema_enum(f, "中堅") ? pc_schema_enum(f, "中堅") : "(none)", "中堅企業", "an enumeration alias");
	OK(pc_schema_enum(f, "大企業") == NULL, "not a value");
	STR_EQ(pc_schema_near_path(s, "applicant.employes") ? pc_schema_near_path(s, "applicant.employes") : "(none)",
	       "applicant.employees", "the nearest path");

	const struct pc_doc_table *t = pc_schema_table(s, "表3　収益計画（単位：千円）");
	OK(t && !strcmp(t->name, "収益計画") && t->shape == PC_TABLE_YEARS, "a caption names its table");
	STR_EQ(path_of(pc_table_field(t, "付加価値額")), "financial_plan.rows[].value_added", "a row of the years table");
	STR_EQ(path_of(pc_table_field(t, "従業員数（人）")), "financial_plan.rows[].employees", "its own 従業員数");
	t = pc_schema_table(s, "補助対象経費の内訳");
	OK(t && !strcmp(t->name, "経費明細") && t->shape == PC_TABLE_LIST && t->total, "an alias names 経費明細");
	STR_EQ(path_of(pc_table_field(t, "内容（品名）")), "expenses[].item", "a column label");
	t = pc_schema_table(s, "申請者の概要");
	STR_EQ(path_of(pc_table_field(t, "国補助金（補助金申請額）")), "subsidy.national", "a 基本情報 row");
	STR_EQ(path_of(pc_table_field(t, "従業員数（常勤）")), "applicant.employees", "基本情報 has one 従業員数");
	OK(pc_schema_table(s, "スケジュール") == NULL, "the work schedule is prose, not a table");

	/* typing with the schema */
	const char *plan = "---\nprogram: saikouchiku\nround: 11回\napplicant: {size: 中堅, employees: 120名}\n"
			   "requirements: {market_growth: 12.5%, sales_decline: ▲１０％}\n"
			   "financial_plan:\n  unit: 千円\n  rows:\n    - {year: 2024年度, kind: 計画値, sales: 1200}\n---\n# 本文\n";
	struct pc_open_opts o = {.rules = rs};
	struct pc_doc *d = pc_doc_from_mem("t.md", plan, strlen(plan), &o);
	OK(d->schema == s && d->round == 11, "typed as it is read");
	const struct pc_ynode *n = pc_plan_node(d, "requirements.market_growth");
	OK(n && n->vtype == PC_V_PERCENT && n->ival == 125000, "12.5%% is 125000 millionths");
	n = pc_plan_node(d, "requirements.sales_decline");
	OK(n && n->vtype == PC_V_PERCENT && n->ival == -100000, "▲１０％ is -10%%");
	n = pc_plan_node(d, "applicant.size");
	OK(n && !strcmp(n->str, "中堅企業"), "中堅 reads as 中堅企業");
	const struct pc_ynode *rows = pc_plan_node(d, "financial_plan.rows");
	n = rows && rows->n ? pc_ymap_get(rows->vals[0], "sales") : NULL;
	OK(n && n->vtype == PC_V_AMOUNT && n->ival == 1200000, "1200 in 千円 is 1,200,000 yen");
	n = rows && rows->n ? pc_ymap_get(rows->vals[0], "kind") : NULL;
	OK(n && !strcmp(n->str, "計画"), "計画値 reads as 計画");
	INT_EQ(pc_findings_count(d, PC_ERROR, 0) + pc_findings_count(d, PC_WARNING, 0), 0, "no finding from typing");
	pc_doc_free(d);

	/* without the rules: the core keys now, the rest by pc_check */
	d = pc_doc_from_mem("t.md", plan, strlen(plan), NULL);
	OK(d->typed == 1 && d->round == 11 && !d->schema, "core keys only without the rules");
	n = pc_plan_node(d, "requirements.market_growth");
	OK(n && n->vtype == PC_V_NONE, "the rest untyped");
	pc_check(d, rs);
	n = pc_plan_node(d, "requirements.market_growth");
	OK(d->typed == 2 && n && n->vtype == PC_V_PERCENT, "typed by pc_check");
	pc_doc_free(d);

	pc_rules_free(rs);
	pc_arena_release(&a);
	return unit_done("schema");
}
