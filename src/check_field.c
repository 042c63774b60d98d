/*
 * check_field.c - the `field` kind: one front-matter field is required,
 * one of a list of values, within a numeric range, matches a pattern or
 * does not match a `forbid` pattern (with `fold: true` both see the value
 * NFKC-folded and without spaces, so ﾉｰﾄPC, ノートＰＣ and ノート PC read
 * alike; `where: {sibling: regex}` narrows a list's items, e.g. 構築物
 * only under 建物費).  A path through a list (expenses[].category) checks
 * every item.  The field's value is {value} in the message.
 */
#include "kind.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static bool compile_field(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *f = pc_ymap_get(m, "field");
	if (!f) {
		pc_loader_error(L, m, "field の規則には field（項目名）が必要です");
		return false;
	}
	r->as->field.field = pc_loader_str(L, f, "field");
	const struct pc_field *fi = r->as->field.field ? pc_loader_field(L, r->as->field.field) : NULL;
	if (!fi) {
		const char *near = pc_loader_near_path(L, f->str);
		if (near)
			pc_loader_error(L, f, "計画書の書式に「%s」という項目はありません（「%s」の書き間違いではありませんか）",
					f->str, near);
		else
			pc_loader_error(L, f, "計画書の書式に「%s」という項目はありません", f->str);
		return false;
	}
	int checks = 0;
	const struct pc_ynode *req = pc_ymap_get(m, "required");
	if (req) {
		if (!pc_yscalar_is(req, "true") && !pc_yscalar_is(req, "false")) {
			pc_loader_error(L, req, "required は true か false です");
			return false;
		}
		r->as->field.required = pc_yscalar_is(req, "true");
		checks += r->as->field.required;
		/* the pack words this field's absence itself: the schema's
		 * generic plan.required stays silent for it */
		if (r->as->field.required)
			((struct pc_field *)fi)->rule_required = true;
	}
	const struct pc_ynode *en = pc_ymap_get(m, "enum");
	if (en) {
		if (en->kind != PC_Y_SEQ || !en->n) {
			pc_loader_error(L, en, "enum は値のリストです");
			return false;
		}
		r->as->field.enums = pc_arena_alloc(pc_loader_arena(L), en->n * sizeof(*r->as->field.enums));
		for (size_t i = 0; i < en->n; i++) {
			const char *v = pc_loader_str(L, en->vals[i], "enum の値");
			/* an enumeration's values are the schema's: a rule lists some */
			const char *canon = fi->type == PC_F_ENUM && v ? pc_schema_enum(fi, v) : v;
			if (!canon || strcmp(canon, v)) {
				pc_loader_error(L, en->vals[i], canon ? "「%s」は「%s」の別の書き方です。enum には値「%s」を書いてください"
								   : "「%s」は「%s」の値（schema.yml）にありません%s",
						v, fi->path, canon ? canon : "");
				return false;
			}
			r->as->field.enums[r->as->field.nenums++] = v;
		}
		checks++;
	}
	const struct pc_ynode *rg = pc_ymap_get(m, "range");
	if (rg) {
		if (rg->kind != PC_Y_SEQ || rg->n != 2) {
			pc_loader_error(L, rg, "range は [最小, 最大] です（片側は null）");
			return false;
		}
		for (int k = 0; k < 2; k++) {
			const struct pc_ynode *b = rg->vals[k];
			struct pc_rat *dst = k ? &r->as->field.hi : &r->as->field.lo;
			dst->d = 0;
			if (b->kind == PC_Y_SCALAR && (b->len == 0 || !strcmp(b->str, "null")))
				continue;
			int64_t v;
			if (b->kind != PC_Y_SCALAR || pc_amount_parse(b->str, b->len, 1, &v, NULL) != PC_OK) {
				pc_loader_error(L, b, "range の端は数値か金額です");
				return false;
			}
			dst->n = v;
			dst->d = 1;
		}
		if (fi->type != PC_F_INT && fi->type != PC_F_AMOUNT) {
			pc_loader_error(L, rg, "「%s」は数値の項目ではないので range は使えません", r->as->field.field);
			return false;
		}
		checks++;
	}
	if (pc_ymap_get(m, "pattern")) {
		r->as->field.pattern = pc_loader_regex(L, pc_ymap_get(m, "pattern"));
		if (!r->as->field.pattern)
			return false;
		checks++;
	}
	if (pc_ymap_get(m, "forbid")) {
		r->as->field.forbid = pc_loader_regex(L, pc_ymap_get(m, "forbid"));
		if (!r->as->field.forbid)
			return false;
		checks++;
	}
	const struct pc_ynode *fo = pc_ymap_get(m, "fold");
	if (fo) {
		if (!pc_yscalar_is(fo, "true") && !pc_yscalar_is(fo, "false")) {
			pc_loader_error(L, fo, "fold は true か false です");
			return false;
		}
		r->as->field.fold = pc_yscalar_is(fo, "true");
	}
	const struct pc_ynode *wh = pc_ymap_get(m, "where");
	if (wh) {
		const char *path = r->as->field.field;
		const char *dot = strrchr(path, '.');
		if (wh->kind != PC_Y_MAP || wh->n != 1 || wh->keys[0]->kind != PC_Y_SCALAR || !dot ||
		    dot - path < 2 || dot[-1] != ']') {
			pc_loader_error(L, wh, "where は「兄弟の項目: 正規表現」の1組で、リストの項目（expenses[].item など）の規則だけに書けます");
			return false;
		}
		char *sib = pc_arena_printf(pc_loader_arena(L), "%.*s.%s", (int)(dot - path), path, wh->keys[0]->str);
		if (!pc_loader_field(L, sib)) {
			pc_loader_error(L, wh->keys[0], "計画書の書式に「%s」という項目はありません", sib);
			return false;
		}
		r->as->field.where_key = wh->keys[0]->str;
		r->as->field.where = pc_loader_regex(L, wh->vals[0]);
		if (!r->as->field.where)
			return false;
	}
	if ((fo || wh) && !r->as->field.pattern && !r->as->field.forbid) {
		pc_loader_error(L, fo ? fo : wh, "fold と where は pattern か forbid と一緒に使います");
		return false;
	}
	if (checks != 1) {
		pc_loader_error(L, m, "field の規則は required, enum, range, pattern, forbid のうち1つだけを検査します");
		return false;
	}
	return true;
}

struct target {
	const struct pc_ynode *parent, *key, *val;
};

static void collect(const struct pc_ynode *n, char *path, struct target **out, size_t *nt, size_t *cap)
{
	char *dot = strchr(path, '.');
	if (dot)
		*dot = '\0';
	size_t l = strlen(path);
	bool list = l > 2 && !strcmp(path + l - 2, "[]");
	if (list)
		path[l - 2] = '\0';
	const struct pc_ynode *key = NULL, *val = NULL;
	for (size_t i = 0; n && n->kind == PC_Y_MAP && i < n->n; i++)
		if (!strcmp(n->keys[i]->str, path)) {
			key = n->keys[i];
			val = n->vals[i];
			break;
		}
	if (!dot) {
		if (*nt == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*out = realloc(*out, *cap * sizeof(**out));
			if (!*out)
				abort();
		}
		(*out)[(*nt)++] = (struct target){n, key, val};
		return;
	}
	if (list) {
		for (size_t i = 0; val && val->kind == PC_Y_SEQ && i < val->n; i++) {
			char *rest = strdup(dot + 1);
			collect(val->vals[i], rest, out, nt, cap);
			free(rest);
		}
		return;
	}
	if (val && val->kind == PC_Y_MAP)
		collect(val, dot + 1, out, nt, cap);
	else if (!val) {
		/* the whole parent is missing: report it once at the last known level */
		char *rest = strdup(dot + 1);
		if (!strchr(rest, '[')) {
			if (*nt == *cap) {
				*cap = *cap ? *cap * 2 : 8;
				*out = realloc(*out, *cap * sizeof(**out));
				if (!*out)
					abort();
			}
			(*out)[(*nt)++] = (struct target){n, NULL, NULL};
		}
		free(rest);
	}
}

static bool empty(const struct pc_ynode *v)
{
	return !v || v->kind == PC_Y_NULL ||
	       (v->kind == PC_Y_SCALAR && (v->len == 0 || (v->plain && (!strcmp(v->str, "~") || !strcmp(v->str, "null")))));
}

/* a value against a pattern, folded when the rule says so */
static bool match(struct pc_run *x, const struct pc_rule *r, const pcre2_code *re, const struct pc_ynode *v)
{
	const char *s = v->str;
	size_t n = v->len;
	if (r->as->field.fold) {
		s = pc_name_fold(&x->d->arena, v->str, v->len);
		n = strlen(s);
	}
	return pc_re_search(re, s, n, NULL, NULL);
}

static void run_field(struct pc_run *x, const struct pc_rule *r)
{
	struct target *t = NULL;
	size_t nt = 0, cap = 0;
	char *path = strdup(r->as->field.field);
	collect(x->d->fm, path, &t, &nt, &cap);
	free(path);
	for (size_t i = 0; i < nt; i++) {
		const struct pc_ynode *v = t[i].val;
		struct pc_val pv = {.t = X_MISSING};
		if (v && v->kind == PC_Y_SCALAR) {
			pv.t = X_TEXT;
			pv.s = v->str;
		}
		pc_run_local(x, L_VALUE, pv);
		size_t s, e;
		if (t[i].key) {
			s = t[i].key->start;
			e = v && v->kind == PC_Y_SCALAR ? v->end : t[i].key->end;
		} else if (t[i].parent) {
			s = e = t[i].parent->start;
		} else
			s = e = x->d->fm_start;
		if (r->as->field.required) {
			if (empty(v))
				pc_run_emit(x, r, s, e, r->level, NULL);
			continue;
		}
		if (empty(v))
			continue;   /* not required: nothing to check */
		if (r->as->field.nenums) {
			bool ok = false;
			const char *have = v->str;
			for (size_t k = 0; k < r->as->field.nenums && v->kind == PC_Y_SCALAR; k++)
				ok |= !strcmp(have, r->as->field.enums[k]);
			if (!ok) {
				/* {suggest}: the nearest allowed value */
				const char *best = NULL;
				size_t bd = (size_t)-1;
				for (size_t k = 0; k < r->as->field.nenums && v->kind == PC_Y_SCALAR; k++) {
					size_t dd = pc_edit_distance(v->str, r->as->field.enums[k]);
					if (dd < bd) {
						bd = dd;
						best = r->as->field.enums[k];
					}
				}
				struct pc_val sv = {.t = best && bd <= 6 ? X_TEXT : X_MISSING, .s = best};
				pc_run_local(x, L_SUGGEST, sv);
				pc_run_emit(x, r, v->start, v->end, r->level, NULL);
			}
		} else if (r->as->field.lo.d || r->as->field.hi.d) {
			if (v->vtype != PC_V_INT && v->vtype != PC_V_AMOUNT)
				continue;   /* unreadable: the parser reported it */
			if ((r->as->field.lo.d && v->ival < (int64_t)r->as->field.lo.n) || (r->as->field.hi.d && v->ival > (int64_t)r->as->field.hi.n))
				pc_run_emit(x, r, v->start, v->end, r->level, NULL);
		} else if ((r->as->field.pattern || r->as->field.forbid) && v->kind == PC_Y_SCALAR) {
			if (r->as->field.where) {
				const struct pc_ynode *sv = t[i].parent ? pc_ymap_get(t[i].parent, r->as->field.where_key) : NULL;
				if (!sv || sv->kind != PC_Y_SCALAR || !match(x, r, r->as->field.where, sv))
					continue;
			}
			bool hit = match(x, r, r->as->field.pattern ? r->as->field.pattern : r->as->field.forbid, v);
			if (r->as->field.pattern ? !hit : hit)
				pc_run_emit(x, r, v->start, v->end, r->level, NULL);
		}
	}
	free(t);
}

static const char *const field_keys[] = {"field", "required", "enum", "range", "pattern", "forbid", "fold", "where", NULL};
static void release_field(struct pc_rule *r)
{
	pcre2_code_free(r->as->field.pattern);
	pcre2_code_free(r->as->field.forbid);
	pcre2_code_free(r->as->field.where);
}

const struct pc_kind pc_kind_field = {"field", field_keys, compile_field, run_field, release_field, NULL};
