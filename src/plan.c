/*
 * plan.c - the plan format's front matter: finding the --- fences, handing
 * just that slice to the YAML layer, and typing every scalar against the
 * schema of ../shared/spec/plan-format.md (ints, amounts, dates, booleans,
 * text).  Unknown keys are warnings with a did-you-mean, wrong types are
 * errors at the value, and nothing read is thrown away.  The schema table
 * is also what rule files are validated against.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#define T PC_V_TEXT
#define I PC_V_INT
#define A PC_V_AMOUNT
#define D PC_V_DATE
#define B PC_V_BOOL
#define M PC_V_NONE

/* Every field a rule may name.  Parents come before children. */
static const struct pc_field_info fields[] = {
	{"plancheck", I, false, false, "書式バージョン"},
	{"program", T, false, false, "補助金の種類"},
	{"round", I, false, false, "公募回"},
	{"frame", T, false, false, "申請枠"},
	{"topup", T, false, false, "県の上乗せ支援"},
	{"applicant", M, false, false, "事業者"},
	{"applicant.name", T, false, false, "事業者名"},
	{"applicant.form", T, false, false, "法人・個人の別"},
	{"applicant.size", T, false, false, "企業規模"},
	{"applicant.employees", I, false, false, "常勤従業員数"},
	{"applicant.capital", A, false, false, "資本金"},
	{"applicant.industry", T, false, false, "業種"},
	{"applicant.address", T, false, false, "所在地"},
	{"applicant.priority_field", T, false, false, "県の支援重点分野"},
	{"support_org", M, false, false, "認定経営革新等支援機関"},
	{"support_org.name", T, false, false, "認定支援機関名"},
	{"support_org.id", T, false, false, "認定支援機関ID"},
	{"support_org.confirmed", B, false, false, "認定支援機関確認書"},
	{"bank_confirmation", B, false, false, "金融機関確認書"},
	{"restructuring", M, false, false, "事業再構築"},
	{"restructuring.type", T, false, false, "事業再構築の類型"},
	{"restructuring.existing", M, false, false, "既存事業"},
	{"restructuring.existing.product", T, false, false, "既存事業の製品・サービス"},
	{"restructuring.existing.market", T, false, false, "既存事業の市場"},
	{"restructuring.new", M, false, false, "新事業"},
	{"restructuring.new.product", T, false, false, "新事業の製品・サービス"},
	{"restructuring.new.market", T, false, false, "新事業の市場"},
	{"expenses", M, true, false, "補助対象経費"},
	{"expenses[].category", T, false, false, "経費区分"},
	{"expenses[].item", T, false, false, "経費の内容"},
	{"expenses[].amount", A, false, false, "経費の金額"},
	{"expenses[].quotes", I, false, false, "見積の数"},
	{"subsidy", M, false, false, "補助金"},
	{"subsidy.eligible_total", A, false, false, "補助対象経費合計"},
	{"subsidy.national", A, false, false, "国補助金申請額"},
	{"subsidy.prefecture", A, false, false, "県上乗せ申請額"},
	{"financial_plan", M, false, false, "収益計画"},
	{"financial_plan.unit", T, false, false, "収益計画の単位"},
	{"financial_plan.base_year", I, false, false, "基準年度"},
	{"financial_plan.rows", M, true, false, "収益計画の各年度"},
	{"financial_plan.rows[].year", I, false, false, "年度"},
	{"financial_plan.rows[].kind", T, false, false, "区分"},
	{"financial_plan.rows[].sales", A, false, true, "売上高"},
	{"financial_plan.rows[].operating_profit", A, false, true, "営業利益"},
	{"financial_plan.rows[].ordinary_profit", A, false, true, "経常利益"},
	{"financial_plan.rows[].labor_cost", A, false, true, "人件費"},
	{"financial_plan.rows[].depreciation", A, false, true, "減価償却費"},
	{"financial_plan.rows[].value_added", A, false, true, "付加価値額"},
	{"financial_plan.rows[].employees", I, false, false, "従業員数"},
	{"financial_plan.rows[].new_business_sales", A, false, true, "新事業の売上高"},
	{"timeline", M, false, false, "日程"},
	{"timeline.national_application", D, false, false, "国への申請"},
	{"timeline.national_adoption", D, false, false, "国の採択発表"},
	{"timeline.national_grant_application", D, false, false, "国への交付申請"},
	{"timeline.national_grant_decision", D, false, false, "国の交付決定"},
	{"timeline.prefecture_preliminary", D, false, false, "県への予備申請"},
	{"timeline.project_end", D, false, false, "補助事業の完了"},
	{"timeline.performance_report", D, false, false, "国への実績報告"},
	{"timeline.national_confirmation", D, false, false, "国の確定通知"},
	{"timeline.prefecture_grant_application", D, false, false, "県への交付申請"},
	{"timeline.payment_claim", D, false, false, "精算払請求"},
};

#undef T
#undef I
#undef A
#undef D
#undef B
#undef M

/* path -> field, by an open-addressed hash made once: typing a plan looks
 * up every key it holds, and a scan of the table was a tenth of the time
 * spent reading a draft */
#define FIELD_SLOTS 512
static const struct pc_field_info *field_slot[FIELD_SLOTS];
static pthread_once_t field_once = PTHREAD_ONCE_INIT;

static unsigned field_hash(const char *s)
{
	return (unsigned)pc_fnv1a(s, strlen(s), PC_FNV_SEED);
}

static void field_index(void)
{
	_Static_assert(PC_ARRAY_LEN(fields) * 2 < FIELD_SLOTS, "field hash too full");
	for (size_t i = 0; i < PC_ARRAY_LEN(fields); i++) {
		unsigned k = field_hash(fields[i].path) & (FIELD_SLOTS - 1);
		while (field_slot[k])
			k = (k + 1) & (FIELD_SLOTS - 1);
		field_slot[k] = &fields[i];
	}
}

const struct pc_field_info *pc_plan_field(const char *path)
{
	pthread_once(&field_once, field_index);
	for (unsigned k = field_hash(path) & (FIELD_SLOTS - 1); field_slot[k]; k = (k + 1) & (FIELD_SLOTS - 1))
		if (strcmp(field_slot[k]->path, path) == 0)
			return field_slot[k];
	return NULL;
}

const struct pc_field_info *pc_plan_fields(size_t *n)
{
	*n = PC_ARRAY_LEN(fields);
	return fields;
}

static const char *type_ja(enum pc_vtype t)
{
	switch (t) {
	case PC_V_INT:
		return "整数";
	case PC_V_AMOUNT:
		return "金額";
	case PC_V_DATE:
		return "日付";
	case PC_V_BOOL:
		return "true か false";
	default:
		return "文字列";
	}
}

/* the closest known key at the same level, for did-you-mean */
static const char *nearest_key(const char *parent, const char *key)
{
	size_t pl = strlen(parent), best = (size_t)-1;
	const char *found = NULL;
	for (size_t i = 0; i < PC_ARRAY_LEN(fields); i++) {
		const char *p = fields[i].path;
		if (pl && (strncmp(p, parent, pl) != 0 || p[pl] != '.'))
			continue;
		const char *leaf = pl ? p + pl + 1 : p;
		if (strchr(leaf, '.'))
			continue;
		char lf[64];
		snprintf(lf, sizeof(lf), "%s", leaf);
		char *br = strstr(lf, "[]");
		if (br)
			*br = '\0';
		size_t dist = pc_edit_distance(key, lf);
		if (dist < best) {
			best = dist;
			found = leaf;
		}
	}
	size_t kl = strlen(key);
	return best <= (kl < 6 ? 2 : 3) ? found : NULL;
}

static bool is_empty(const struct pc_ynode *n)
{
	return !n || n->kind == PC_Y_NULL ||
	       (n->kind == PC_Y_SCALAR && n->plain &&
		(n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0));
}

static void type_scalar(struct pc_doc *d, struct pc_ynode *n,
			const struct pc_field_info *fi, const char *path)
{
	if (is_empty(n) || n->reported)
		return;   /* a blank field is a rule's business (記入してください) */
	if (n->kind != PC_Y_SCALAR) {
		pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
			       "「%s」（%s）には%sを書いてください", fi->label, path, type_ja(fi->type));
		return;
	}
	const char *s = n->str;
	switch (fi->type) {
	case PC_V_TEXT:
		n->vtype = PC_V_TEXT;
		return;
	case PC_V_BOOL:
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
	case PC_V_INT: {
		size_t fl;
		char fb[64];
		/* short numbers fold on the stack, not in the arena */
		char *f = n->len < sizeof(fb) ? pc_text_fold_into(fb, s, n->len, &fl)
					       : pc_text_fold(&d->arena, s, n->len, &fl);
		char *end;
		errno = 0;
		/* 18人, 6回 are fine; the unit is dropped */
		long long v = strtoll(f, &end, 10);
		while (*end == ' ')
			end++;
		if (!strcmp(end, "人") || !strcmp(end, "名") || !strcmp(end, "回") ||
		    !strcmp(end, "年度") || !strcmp(end, "年"))
			end += strlen(end);
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
		else {
			n->vtype = PC_V_INT;
			n->ival = v;
		}
		return;
	}
	case PC_V_AMOUNT: {
		int64_t yen;
		int had_unit;
		int64_t unit = fi->in_unit ? d->unit_yen : 1;
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
	case PC_V_DATE: {
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

static void walk(struct pc_doc *d, struct pc_ynode *n, const char *path, const struct pc_field_info *fi);

static void walk_map(struct pc_doc *d, struct pc_ynode *m, const char *path)
{
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;
		/* on the stack: every row of a 150,000-row list has the same
		 * paths, and a copy each was a tenth of a big plan's memory */
		char child[512];
		int cl = path[0] ? snprintf(child, sizeof(child), "%s.%s", path, k)
				 : snprintf(child, sizeof(child), "%s", k);
		const struct pc_field_info *fi = cl < (int)sizeof(child) ? pc_plan_field(child) : NULL;
		if (!fi) {
			const char *near = nearest_key(path, k);
			struct pc_finding *f = pc_finding_add(
				d, "plan.unknown-key", PC_WARNING, m->keys[i]->start, m->keys[i]->end,
				"不明なキー「%s」です。この値は検査に使われません", pc_quote_short(&d->arena, child, 80));
			if (near)
				f->suggestion = pc_arena_printf(&d->arena, "「%s」の書き間違いではありませんか", near);
			continue;
		}
		walk(d, m->vals[i], child, fi);
	}
}

static void walk(struct pc_doc *d, struct pc_ynode *n, const char *path, const struct pc_field_info *fi)
{
	if (!fi || is_empty(n))
		return;
	if (fi->list) {
		if (n->kind != PC_Y_SEQ) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
				       "「%s」（%s）は「- 」で始まるリストで書いてください", fi->label, path);
			return;
		}
		char *item = pc_arena_printf(&d->arena, "%s[]", path);
		for (size_t i = 0; i < n->n; i++) {
			struct pc_ynode *it = n->vals[i];
			if (it->kind != PC_Y_MAP) {
				pc_finding_add(d, "plan.type", PC_ERROR, it->start, it->start,
					       "「%s」の各項目は「キー: 値」の組で書いてください", fi->label);
				continue;
			}
			walk_map(d, it, item);
		}
		return;
	}
	if (fi->type == PC_V_NONE) {
		if (n->kind != PC_Y_MAP) {
			pc_finding_add(d, "plan.type", PC_ERROR, n->start, n->start,
				       "「%s」（%s）の下には「キー: 値」を字下げして書いてください",
				       fi->label, path);
			return;
		}
		walk_map(d, n, path);
		return;
	}
	type_scalar(d, n, fi, path);
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

/* the first non-blank line from i on reads as more front matter: an
 * indented line, a list item, or "key:" with a key the schema knows */
static bool yaml_continues(const char *t, size_t len, size_t i)
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
	return pc_plan_field(key) != NULL;
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
			if (!yaml_continues(t, len, after_close) || !next_fence(t, len, &k2, &next2, true))
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
			if (yaml_continues(t, len, close_next))
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
			/* the table unit first: row amounts depend on it */
			struct pc_ynode *fp = pc_ymap_get(d->fm, "financial_plan");
			struct pc_ynode *u = pc_ymap_get(fp, "unit");
			if (u && u->kind == PC_Y_SCALAR && u->len) {
				if (!strcmp(u->str, "円"))
					d->unit_yen = 1;
				else if (!strcmp(u->str, "千円"))
					d->unit_yen = 1000;
				else if (!strcmp(u->str, "万円"))
					d->unit_yen = 10000;
				else if (!strcmp(u->str, "百万円"))
					d->unit_yen = 1000000;
				else
					pc_finding_add(d, "plan.type", PC_ERROR, u->start, u->end,
						       "収益計画の単位「%s」は使えません（円・千円・万円・百万円）",
						       u->str)->suggestion = "unit: 千円";
			}
			walk_map(d, d->fm, "");
			struct pc_ynode *pg = pc_ymap_get(d->fm, "program");
			if (pg && pg->vtype == PC_V_TEXT)
				d->program = pg->str;
			struct pc_ynode *rd = pc_ymap_get(d->fm, "round");
			if (rd && rd->vtype == PC_V_INT)
				d->round = (long)rd->ival;
		}
	} else {
		pc_finding_add(d, "plan.front-matter", PC_ERROR, 0, 0,
			       "冒頭に「---」で囲んだ YAML（金額・日付などの欄）がありません")
			->suggestion = "plancheck new -o plan.md で作ったひな形の冒頭をコピーしてください";
		d->body_start = 0;
	}
	pc_body_parse(d);
}
