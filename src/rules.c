/*
 * rules.c - loading rule packs: rules/PACK/NAME.yml read with the same YAML
 * layer as plans, validated strictly (unknown keys, wrong types, regexes
 * that do not compile, expressions that do not parse, field paths the plan
 * format does not have, rules that can never fire, missing examples), every
 * problem reported as file:line:col in GCC style.  Packs hold lookup tables
 * and named lets shared by their rules; messages are templates whose
 * {placeholders} are expressions.  Also `rules --test`: every rule's own
 * failing and passing examples, run through the real engine.
 */
#include "kind.h"
#include "config.h"
#include "frames.h"
#include "schema.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct pc_loader {
	struct pc_ruleset *rs;
	const char *dir;
	struct pc_doc *file;
	struct pc_config *cfg;      /* .plancheck.yml: levels and parameters, or NULL */
	const struct pc_ynode *overlay;   /* the configuration's map for the rule being read */
	struct pc_pack *pack;
	size_t errors;
	size_t caprules, cappacks, capfiles;
};

struct pc_arena *pc_loader_arena(struct pc_loader *L)
{
	return &L->rs->arena;
}

const char *pc_loader_rules_dir(struct pc_loader *L)
{
	return L->dir;
}

struct pc_ruleset *pc_loader_ruleset(struct pc_loader *L)
{
	return L->rs;
}

struct pc_doc *pc_loader_file(struct pc_loader *L)
{
	return L->file;
}

void pc_loader_set_file(struct pc_loader *L, struct pc_doc *file)
{
	L->file = file;
}

const struct pc_schema *pc_loader_schema(struct pc_loader *L)
{
	return L->pack && L->pack->schema ? L->pack->schema : pc_schema_core();
}

const struct pc_field *pc_loader_field(struct pc_loader *L, const char *path)
{
	return pc_schema_field(pc_loader_schema(L), path);
}

const char *pc_loader_near_path(struct pc_loader *L, const char *path)
{
	return pc_schema_near_path(pc_loader_schema(L), path);
}

static bool owned_by(const struct pc_ynode *root, const struct pc_ynode *at)
{
	if (!root || !at)
		return false;
	if (root == at)
		return true;
	for (size_t i = 0; i < root->n; i++)
		if ((root->keys && owned_by(root->keys[i], at)) || owned_by(root->vals[i], at))
			return true;
	return false;
}

void pc_loader_error(struct pc_loader *L, const struct pc_ynode *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_utf8_trim(msg);   /* a message cut at the buffer's end, cut at a character */
	size_t s = at ? at->start : 0, e = at ? at->end : 0;
	if (at && at->kind != PC_Y_SCALAR)
		e = s;
	/* a parameter the configuration set is wrong in the configuration */
	struct pc_doc *where = L->overlay && owned_by(L->overlay, at) ? L->cfg->doc : L->file;
	pc_finding_add(where, where == L->file ? "rules.invalid" : "config.invalid", PC_ERROR, s, e, "%s", msg);
	L->errors++;
}

const char *pc_loader_str(struct pc_loader *L, const struct pc_ynode *n, const char *what)
{
	if (!n || n->kind != PC_Y_SCALAR) {
		pc_loader_error(L, n, "%s には文字列を書いてください", what);
		return NULL;
	}
	/* whatever a pack says reaches terminals, files and fix's output:
	 * no escape sequence or bidi override gets through (a YAML "\e" is
	 * an ESC once parsed) */
	return pc_strip_controls(&L->rs->arena, n->str, n->len, false);
}

/* pack.rule-name: lower-case letters, digits, _ and -, in two or more
 * parts joined by dots; short */
#define PC_RULE_ID_MAX 128
static bool id_ok(const char *s, size_t n)
{
	if (n == 0 || n > PC_RULE_ID_MAX || strlen(s) != n)
		return false;
	size_t parts = 1, run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.') {
			if (!run)
				return false;
			parts++;
			run = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
			run++;
		else
			return false;
	}
	return run && parts >= 2;
}

static bool pack_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

bool pc_loader_int(struct pc_loader *L, const struct pc_ynode *n, long *out)
{
	char *end;
	if (!n || n->kind != PC_Y_SCALAR || !n->len) {
		pc_loader_error(L, n, "整数を書いてください");
		return false;
	}
	errno = 0;
	long v = strtol(n->str, &end, 10);
	if (*end || errno == ERANGE || v > 1000000000L || v < -1000000000L) {
		pc_loader_error(L, n, "整数を書いてください: 「%s」", n->str);
		return false;
	}
	*out = v;
	return true;
}

/* every key of map must be in a or b; did-you-mean from both */
bool pc_loader_keys(struct pc_loader *L, const struct pc_ynode *map, const char *const *a,
		    const char *const *b, const char *what)
{
	bool ok = true;
	if (!map || map->kind != PC_Y_MAP) {
		pc_loader_error(L, map, "%s は「キー: 値」の組で書いてください", what);
		return false;
	}
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;
		bool found = false;
		const char *best = NULL;
		size_t bd = (size_t)-1;
		for (int pass = 0; pass < 2 && !found; pass++)
			for (const char *const *p = pass ? b : a; p && *p && !found; p++)
				found = !strcmp(*p, k);
		/* the did-you-mean only for keys that are wrong */
		for (int pass = 0; pass < 2 && !found; pass++)
			for (const char *const *p = pass ? b : a; p && *p; p++) {
				size_t dd = pc_edit_distance(k, *p);
				if (dd < bd) {
					bd = dd;
					best = *p;
				}
			}
		if (!found) {
			if (best && bd <= 2)
				pc_loader_error(L, map->keys[i], "%s に不明なキー「%s」があります（「%s」の書き間違いではありませんか）",
						what, k, best);
			else
				pc_loader_error(L, map->keys[i], "%s に不明なキー「%s」があります", what, k);
			ok = false;
		}
	}
	return ok;
}

pcre2_code *pc_loader_regex(struct pc_loader *L, const struct pc_ynode *n)
{
	char buf[256];
	size_t off;
	if (!n || n->kind != PC_Y_SCALAR || !n->len) {
		pc_loader_error(L, n, "正規表現を書いてください");
		return NULL;
	}
	pcre2_code *re = pc_re_compile(n->str, n->len, buf, sizeof(buf), &off);
	if (!re)
		pc_loader_error(L, n, "正規表現「%s」をコンパイルできません: %s（%zu 文字目）", n->str, buf,
				pc_utf8_count(n->str, off) + 1);
	return re;
}

static struct pc_scope scope_of(struct pc_pack *p, const char *row_path)
{
	struct pc_scope sc = {p->lets, p->nlets, p->tables, p->ntables, row_path,
			      p->schema ? p->schema : pc_schema_core(), p->schema ? p->schema->frames : NULL};
	return sc;
}

/* an expression from a YAML scalar; errors point into the scalar when it
 * is written plainly on one line */
struct pc_expr *pc_loader_expr(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n,
			       const char *row_path)
{
	(void)r;
	if (!n || n->kind != PC_Y_SCALAR || !n->len) {
		pc_loader_error(L, n, "式を書いてください");
		return NULL;
	}
	const char *err;
	size_t off;
	struct pc_scope sc = scope_of(L->pack, row_path);
	struct pc_expr *e = pc_expr_parse(&L->rs->arena, n->str, n->len, &sc, &err, &off);
	if (!e) {
		struct pc_ynode at = *n;
		if (n->plain && n->end - n->start == n->len) {
			at.start = n->start + off;
			at.end = at.start;
		}
		pc_loader_error(L, &at, "式「%s」を読めません: %s", pc_quote_short(&L->rs->arena, n->str, 60), err);
	}
	return e;
}

static bool compile_tpl(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n,
			struct pc_tpl *t, const char *row_path);

bool pc_loader_tpl(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n, struct pc_tpl *t)
{
	if (!n || n->kind != PC_Y_SCALAR || !n->len) {
		pc_loader_error(L, n, "文面を書いてください");
		return false;
	}
	return compile_tpl(L, r, n, t, NULL);
}

static bool compile_tpl(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n,
			struct pc_tpl *t, const char *row_path)
{
	const char *s = n->str;
	size_t len = n->len, i = 0, cap = 0;
	struct pc_arena *a = &L->rs->arena;
	while (i < len) {
		const char *open = memchr(s + i, '{', len - i);
		size_t lit_end = open ? (size_t)(open - s) : len;
		if (lit_end > i) {
			t->parts = pc_grow(a, t->parts, &cap, t->n + 1, sizeof(*t->parts));
			t->parts[t->n++] = (struct pc_tpl_part){pc_strip_controls(a, s + i, lit_end - i, true), NULL, NULL};
		}
		if (!open)
			break;
		const char *close = memchr(open, '}', len - (size_t)(open - s));
		if (!close) {
			pc_loader_error(L, n, "「{」に対応する「}」がありません");
			return false;
		}
		const char *bar = NULL;
		for (const char *p = close; p > open; p--)
			if (*p == '|') {
				bar = p;
				break;
			}
		const char *how = NULL;
		size_t elen = (size_t)((bar ? bar : close) - open - 1);
		if (bar) {
			how = pc_arena_strndup(a, bar + 1, (size_t)(close - bar - 1));
			if (strcmp(how, "yen") && strcmp(how, "%") && strcmp(how, "date")) {
				pc_loader_error(L, n, "書式「|%s」は使えません（|yen, |%%, |date）", how);
				return false;
			}
		}
		struct pc_ynode sub = *n;
		sub.str = pc_arena_strndup(a, open + 1, elen);
		sub.len = elen;
		sub.plain = false;
		struct pc_expr *e = pc_loader_expr(L, r, &sub, row_path);
		if (!e)
			return false;
		t->parts = pc_grow(a, t->parts, &cap, t->n + 1, sizeof(*t->parts));
		t->parts[t->n++] = (struct pc_tpl_part){NULL, e, how};
		i = (size_t)(close - s) + 1;
	}
	return true;
}

static const char *const common_keys[] = {
	"id", "kind", "level", "message", "suggestion", "cite", "source", "description",
	"rounds", "frame", "types", "topup", "when", "examples", NULL};

static const char **str_list(struct pc_loader *L, const struct pc_ynode *n, size_t *count)
{
	if (n && n->kind == PC_Y_SCALAR) {
		const char **v = pc_arena_alloc(&L->rs->arena, sizeof(*v));
		v[0] = pc_arena_strdup(&L->rs->arena, n->str);
		*count = 1;
		return v;
	}
	if (!n || n->kind != PC_Y_SEQ || n->n == 0) {
		pc_loader_error(L, n, "文字列のリストを書いてください");
		*count = 0;
		return NULL;
	}
	const char **v = pc_arena_alloc(&L->rs->arena, n->n * sizeof(*v));
	for (size_t i = 0; i < n->n; i++)
		v[i] = pc_loader_str(L, n->vals[i], "リストの項目");
	*count = n->n;
	return v;
}

static void rule_release(struct pc_rule *r);

/* The rule's map with the configuration's parameters over it (a copy; the
 * file's tree is left as read).  Only the kind's own keys may be set: the
 * message, examples and where a rule applies belong to its pack. */
static struct pc_ynode *overlay(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m,
				const struct pc_ynode *params)
{
	struct pc_arena *a = &L->rs->arena;
	bool ok = true;
	L->overlay = params;
	for (size_t i = 0; i < params->n; i++) {
		const char *k = params->keys[i]->str;
		if (!strcmp(k, "level"))
			continue;
		bool known = false;
		for (const char *const *p = r->kind->keys; p && *p && !known; p++)
			known = !strcmp(*p, k);
		if (known)
			continue;
		const char *best = NULL;
		size_t bd = 3;
		for (const char *const *p = r->kind->keys; p && *p; p++) {
			size_t dd = pc_edit_distance(k, *p);
			if (dd < bd) {
				bd = dd;
				best = *p;
			}
		}
		struct pc_buf b = {0};
		for (const char *const *p = r->kind->keys; p && *p; p++)
			pc_buf_printf(&b, "%s%s", b.len ? ", " : "", *p);
		if (best)
			pc_loader_error(L, params->keys[i], "規則 %s に設定「%s」はありません（「%s」の書き間違いではありませんか）",
					r->id, k, best);
		else
			pc_loader_error(L, params->keys[i], "規則 %s に設定「%s」はありません（設定できるのは level%s%s）", r->id, k,
					b.len ? ", " : "", b.s ? b.s : "");
		pc_buf_free(&b);
		ok = false;
	}
	if (!ok)
		return NULL;
	struct pc_ynode *c = pc_arena_alloc(a, sizeof(*c));
	*c = *m;
	c->keys = pc_arena_alloc(a, (m->n + params->n) * sizeof(*c->keys));
	c->vals = pc_arena_alloc(a, (m->n + params->n) * sizeof(*c->vals));
	memcpy(c->keys, m->keys, m->n * sizeof(*c->keys));
	memcpy(c->vals, m->vals, m->n * sizeof(*c->vals));
	for (size_t i = 0; i < params->n; i++) {
		if (!strcmp(params->keys[i]->str, "level"))
			continue;
		size_t k = 0;
		while (k < c->n && strcmp(c->keys[k]->str, params->keys[i]->str))
			k++;
		if (k == c->n)
			c->keys[c->n++] = params->keys[i];
		c->vals[k] = params->vals[i];
	}
	return c;
}

static void load_rule(struct pc_loader *L, struct pc_ynode *m)
{
	struct pc_ruleset *rs = L->rs;
	if (!m || m->kind != PC_Y_MAP) {
		pc_loader_error(L, m, "規則は「キー: 値」の組で書いてください");
		return;
	}
	rs->rules = pc_grow(&rs->arena, rs->rules, &L->caprules, rs->nrules + 1, sizeof(*rs->rules));
	struct pc_rule *r = &rs->rules[rs->nrules];
	memset(r, 0, sizeof(*r));
	r->pack = L->pack;
	r->file = L->file;
	r->start = m->start;
	r->rlo = r->rhi = -1;
	size_t before = L->errors;

	const struct pc_ynode *id = pc_ymap_get(m, "id"), *kind = pc_ymap_get(m, "kind");
	if (!id) {
		pc_loader_error(L, m, "規則に id がありません");
		return;
	}
	r->id = id->kind == PC_Y_SCALAR && !id_ok(id->str, id->len) ? NULL : pc_loader_str(L, id, "id");
	if (id->kind == PC_Y_SCALAR && !r->id) {
		pc_loader_error(L, id, "規則の id「%s」には英小文字・数字・「_」「-」だけを使い、「%s.名前」の形にしてください（%d 文字まで）",
				pc_quote_short(&rs->arena, pc_strip_controls(&rs->arena, id->str, id->len, true), 40),
				L->pack->name, PC_RULE_ID_MAX);
		return;
	}
	if (r->id) {
		size_t pl = strlen(L->pack->name);
		if (strncmp(r->id, L->pack->name, pl) != 0 || r->id[pl] != '.')
			pc_loader_error(L, id, "規則の id は「%s.名前」の形にしてください: 「%s」",
					L->pack->name, r->id);
		for (size_t i = 0; i < rs->nrules; i++)
			if (!strcmp(rs->rules[i].id, r->id))
				pc_loader_error(L, id, "規則の id「%s」が重複しています", r->id);
	}
	r->kind = kind && kind->kind == PC_Y_SCALAR ? pc_kind_find(kind->str) : NULL;
	if (!r->kind) {
		size_t nk;
		const struct pc_kind *const *ks = pc_kinds(&nk);
		struct pc_buf b = {0};
		for (size_t i = 0; i < nk; i++)
			pc_buf_printf(&b, "%s%s", i ? ", " : "", ks[i]->name);
		pc_loader_error(L, kind ? kind : m, "規則の kind は %s のどれかです", b.s);
		pc_buf_free(&b);
		return;
	}
	if (!pc_loader_keys(L, m, common_keys, r->kind->keys, pc_arena_printf(&rs->arena, "規則 %s", r->id ? r->id : "")))
		return;
	const struct pc_ynode *lv = pc_ymap_get(m, "level");
	if (!lv || !(pc_yscalar_is(lv, "error") || pc_yscalar_is(lv, "warning") || pc_yscalar_is(lv, "info") ||
		     pc_yscalar_is(lv, "off")))
		pc_loader_error(L, lv ? lv : m, "level は error, warning, info, off のどれかです");
	else if (pc_yscalar_is(lv, "off"))
		r->off = true;   /* shipped switched off: a configuration may turn it on */
	else
		r->level = pc_yscalar_is(lv, "error") ? PC_ERROR : pc_yscalar_is(lv, "warning") ? PC_WARNING : PC_INFO;
	struct pc_rule_setting *set = r->id ? pc_config_rule(L->cfg, r->id) : NULL;
	bool drop = false;
	if (set) {
		set->used = true;
		if (set->level == PC_LEVEL_OFF)
			drop = true;
		else if (set->level != PC_LEVEL_UNSET && (!set->pack_wide || !r->off)) {
			r->level = (enum pc_severity)set->level;
			r->level_set = true;
			r->off = false;
		}
		if (set->params)
			m = overlay(L, r, m, set->params);
		if (!m)
			return;
	}
	const struct pc_ynode *cite = pc_ymap_get(m, "cite"), *src = pc_ymap_get(m, "source");
	if (!cite)
		pc_loader_error(L, m, "規則 %s に cite（マニュアルの節）がありません", r->id);
	else
		r->cite = pc_loader_str(L, cite, "cite");
	if (!src)
		pc_loader_error(L, m, "規則 %s に source（公募回と出典）がありません", r->id);
	else
		r->source = pc_loader_str(L, src, "source");
	if (pc_ymap_get(m, "description"))
		r->description = pc_loader_str(L, pc_ymap_get(m, "description"), "description");
	const struct pc_ynode *rounds = pc_ymap_get(m, "rounds");
	if (rounds) {
		if (rounds->kind == PC_Y_SEQ && rounds->n == 2) {
			if (pc_loader_int(L, rounds->vals[0], &r->rlo) && pc_loader_int(L, rounds->vals[1], &r->rhi) &&
			    r->rlo > r->rhi)
				pc_loader_error(L, rounds, "rounds [%ld, %ld] は空の範囲です: この規則は決して働きません",
						r->rlo, r->rhi);
		} else if (rounds->kind == PC_Y_SCALAR) {
			if (pc_loader_int(L, rounds, &r->rlo))
				r->rhi = r->rlo;
		} else
			pc_loader_error(L, rounds, "rounds は [最初の回, 最後の回] か回の番号です");
	}
	if (pc_ymap_get(m, "frame")) {
		r->frames = str_list(L, pc_ymap_get(m, "frame"), &r->nframes);
		/* a frame the program's frames.yml lacks: the rule would never fire */
		const struct pc_frames *fr = L->pack->schema ? L->pack->schema->frames : NULL;
		for (size_t k = 0; fr && k < r->nframes; k++)
			if (r->frames[k] && !pc_frames_known(fr, r->frames[k])) {
				const char *near = pc_frames_near(fr, r->frames[k], -1);
				const struct pc_ynode *fn = pc_ymap_get(m, "frame");
				pc_loader_error(L, fn->kind == PC_Y_SEQ && k < fn->n ? fn->vals[k] : fn,
						near ? "申請枠「%s」は frames.yml にありません（「%s」の書き間違いではありませんか）"
						     : "申請枠「%s」は frames.yml にありません%s",
						r->frames[k], near ? near : "");
			}
	}
	if (pc_ymap_get(m, "types"))
		r->types = str_list(L, pc_ymap_get(m, "types"), &r->ntypes);
	const struct pc_ynode *tu = pc_ymap_get(m, "topup");
	if (tu) {
		const char *t = pc_loader_str(L, tu, "topup");
		if (t && L->pack->topup && strcmp(t, L->pack->topup))
			pc_loader_error(L, tu, "topup「%s」はこのパックの対象（%s）と矛盾します: この規則は決して働きません",
					t, L->pack->topup);
	}
	if (pc_ymap_get(m, "when")) {
		r->when = pc_loader_expr(L, r, pc_ymap_get(m, "when"), NULL);
		struct pc_val wv;
		if (pc_expr_const(&rs->arena, r->when, &wv) && !pc_val_truthy(&wv))
			pc_loader_error(L, pc_ymap_get(m, "when"), "when が常に false です: この規則は決して働きません");
	}
	r->as = pc_arena_alloc(&rs->arena, sizeof(*r->as));
	if (!r->kind->compile(L, r, m)) {
		rule_release(r);
		return;
	}
	/* rows rules read their row's fields by bare name in messages too */
	const char *rowp = r->row_path;
	const struct pc_ynode *msg = pc_ymap_get(m, "message");
	if (!msg || msg->kind != PC_Y_SCALAR || !msg->len)
		pc_loader_error(L, msg ? msg : m, "規則 %s に message がありません", r->id);
	else {
		r->message_src = pc_strip_controls(&rs->arena, msg->str, msg->len, true);
		compile_tpl(L, r, msg, &r->message, rowp);
	}
	const struct pc_ynode *sg = pc_ymap_get(m, "suggestion");
	if (sg && sg->kind == PC_Y_SCALAR)
		compile_tpl(L, r, sg, &r->suggestion, rowp);

	const struct pc_ynode *ex = pc_ymap_get(m, "examples");
	bool has_pass = false, has_fail = false;
	if (ex && ex->kind == PC_Y_SEQ) {
		r->examples = pc_arena_alloc(&rs->arena, ex->n * sizeof(*r->examples));
		for (size_t i = 0; i < ex->n; i++) {
			const struct pc_ynode *e = ex->vals[i];
			static const char *const ek[] = {"pass", "fail", NULL};
			if (!pc_loader_keys(L, e, ek, NULL, "例") || e->n != 1) {
				if (e && e->kind == PC_Y_MAP && e->n != 1)
					pc_loader_error(L, e, "例は pass: か fail: のどちらか1つです");
				continue;
			}
			struct pc_example *x = &r->examples[r->nexamples++];
			x->pass = !strcmp(e->keys[0]->str, "pass");
			x->text = pc_loader_str(L, e->vals[0], "例");
			x->start = e->start;
			x->file = L->file;
			has_pass |= x->pass;
			has_fail |= !x->pass;
		}
	}
	if (!has_pass || !has_fail)
		pc_loader_error(L, ex ? ex : m, "規則 %s には失敗する例（fail）と通る例（pass）が1つずつ以上必要です", r->id);
	L->overlay = NULL;
	if (L->errors == before && !drop)
		rs->nrules++;
	else
		rule_release(r);   /* refused or switched off: not in the set, so free it here */
}

/* "1-2", "6-", "-20", "101-", "3", "any" */
static bool parse_range(struct pc_loader *L, const struct pc_ynode *n, struct pc_rat *lo, struct pc_rat *hi)
{
	lo->d = hi->d = 0;
	if (!n || n->kind != PC_Y_SCALAR) {
		pc_loader_error(L, n, "範囲（例: 1-20, 101-, any）を書いてください");
		return false;
	}
	if (!strcmp(n->str, "any"))
		return true;
	const char *dash = strchr(n->str + (n->str[0] == '-'), '-');
	char a[64] = "", b[64] = "";
	if (n->str[0] == '-') {
		snprintf(b, sizeof(b), "%s", n->str + 1);
	} else if (dash) {
		snprintf(a, sizeof(a), "%.*s", (int)(dash - n->str), n->str);
		snprintf(b, sizeof(b), "%s", dash + 1);
	} else {
		snprintf(a, sizeof(a), "%s", n->str);
		snprintf(b, sizeof(b), "%s", n->str);
	}
	for (int k = 0; k < 2; k++) {
		const char *s = k ? b : a;
		if (!*s)
			continue;
		int64_t v;
		if (pc_amount_parse(s, strlen(s), 1, &v, NULL) != PC_OK) {
			pc_loader_error(L, n, "範囲「%s」が読めません", n->str);
			return false;
		}
		struct pc_rat r = {v, 1};
		*(k ? hi : lo) = r;
	}
	return true;
}

static void load_table(struct pc_loader *L, const struct pc_ynode *name, const struct pc_ynode *m)
{
	static const char *const tk[] = {"keys", "rows", NULL};
	struct pc_pack *p = L->pack;
	if (!pc_loader_keys(L, m, tk, NULL, "表"))
		return;
	const struct pc_ynode *keys = pc_ymap_get(m, "keys"), *rows = pc_ymap_get(m, "rows");
	if (!keys || keys->kind != PC_Y_SEQ || keys->n < 1 || keys->n > 4) {
		pc_loader_error(L, keys ? keys : m, "表の keys は1〜4個の名前のリストです");
		return;
	}
	for (size_t k = 0; k < keys->n; k++)
		if (keys->vals[k]->kind != PC_Y_SCALAR || !keys->vals[k]->len) {
			/* a map or a list where a name belongs has no text to match */
			pc_loader_error(L, keys->vals[k], "表の keys の各項目は名前（文字列）です");
			return;
		}
	if (!rows || rows->kind != PC_Y_SEQ || rows->n == 0) {
		pc_loader_error(L, rows ? rows : m, "表の rows がありません");
		return;
	}
	p->tables = pc_grow(&L->rs->arena, p->tables, &p->captables, p->ntables + 1, sizeof(*p->tables));
	struct pc_table *t = &p->tables[p->ntables++];
	memset(t, 0, sizeof(*t));
	t->name = pc_arena_strdup(&L->rs->arena, name->str);
	t->nkeys = keys->n;
	t->rows = pc_arena_alloc(&L->rs->arena, rows->n * sizeof(*t->rows));
	for (size_t i = 0; i < rows->n; i++) {
		const struct pc_ynode *row = rows->vals[i];
		const char *allowed[6] = {0};
		for (size_t k = 0; k < keys->n; k++)
			allowed[k] = keys->vals[k]->str;
		allowed[keys->n] = "value";
		if (!pc_loader_keys(L, row, allowed, NULL, "表の行"))
			continue;
		struct pc_table_row *tr = &t->rows[t->nrows];
		for (size_t k = 0; k < keys->n; k++) {
			const struct pc_ynode *cell = pc_ymap_get(row, keys->vals[k]->str);
			if (!cell) {
				pc_loader_error(L, row, "表の行に「%s」がありません", keys->vals[k]->str);
				goto next;
			}
			if (!parse_range(L, cell, &tr->lo[k], &tr->hi[k]))
				goto next;
		}
		const struct pc_ynode *v = pc_ymap_get(row, "value");
		int64_t yen;
		int had;
		if (!v || v->kind != PC_Y_SCALAR || pc_amount_parse(v->str, v->len, 1, &yen, &had) != PC_OK) {
			pc_loader_error(L, v ? v : row, "表の value には金額か整数を書いてください");
			goto next;
		}
		tr->value.t = X_NUM;
		tr->value.r.n = yen;
		tr->value.r.d = 1;
		tr->value.unit = had ? U_YEN : U_NONE;
		t->nrows++;
next:;
	}
}

static const char *const local_names[L_NLOCALS] = {
	[L_STEP] = "step", [L_PREREQ] = "prereq", [L_STEP_DATE] = "step_date",
	[L_PREREQ_DATE] = "prereq_date", [L_SECTION] = "section", [L_NAME] = "name",
	[L_VALUE] = "value", [L_WRITTEN] = "written", [L_WHERE] = "where",
	[L_SUGGEST] = "suggest"};

static struct pc_pack *pack_get(struct pc_loader *L, const char *name, const char *dir)
{
	struct pc_ruleset *rs = L->rs;
	for (size_t i = 0; i < rs->npacks; i++)
		if (!strcmp(rs->packs[i].name, name))
			return &rs->packs[i];
	rs->packs = pc_grow(&rs->arena, rs->packs, &L->cappacks, rs->npacks + 1, sizeof(*rs->packs));
	struct pc_pack *p = &rs->packs[rs->npacks++];
	memset(p, 0, sizeof(*p));
	p->name = pc_arena_strdup(&rs->arena, name);
	p->dir = pc_arena_strdup(&rs->arena, dir);
	return p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* sorted entries of dir (files ending in suffix, or subdirectories) */
static char **list_dir(const char *dir, const char *suffix, bool dirs, size_t *n)
{
	DIR *dh = opendir(dir);
	*n = 0;
	if (!dh)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		size_t l = strlen(de->d_name);
		if (dirs) {
			if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
				continue;
		} else if (l < strlen(suffix) || strcmp(de->d_name + l - strlen(suffix), suffix))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				abort();
		}
		v[(*n)++] = strdup(de->d_name);
	}
	closedir(dh);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

#define PC_LET_MAX_CHAIN 64

/* lets that name each other: a cycle never has a value, and a chain of
 * thousands would recurse that deep in every evaluation; both are refused
 * at the let.  Depth first with an explicit stack. */
static void check_let_refs(struct pc_loader *L, struct pc_pack *p)
{
	struct pc_arena *a = &L->rs->arena;
	size_t n = p->nlets;
	if (!n)
		return;
	size_t **refs = pc_arena_alloc(a, n * sizeof(*refs));
	size_t *nrefs = pc_arena_alloc(a, n * sizeof(*nrefs));
	size_t *depth = pc_arena_alloc(a, n * sizeof(*depth));
	unsigned char *state = pc_arena_alloc(a, n);   /* 0 new, 1 open, 2 done */
	for (size_t i = 0; i < n; i++)
		nrefs[i] = p->lets[i].e ? pc_expr_lets(a, p->lets[i].e, n, &refs[i]) : 0;
	struct frame {
		size_t let, next;
	} *st = pc_arena_alloc(a, (n + 1) * sizeof(*st));
	for (size_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t sp = 0;
		st[sp++] = (struct frame){root, 0};
		state[root] = 1;
		while (sp) {
			struct frame *f = &st[sp - 1];
			if (f->next < nrefs[f->let]) {
				size_t to = refs[f->let][f->next++];
				if (state[to] == 1) {
					const struct pc_let *l = &p->lets[to];
					L->file = l->file;
					pc_loader_error(L, l->at, "let「%s」が自分自身を参照しています（循環する let は値を持ちません）",
							l->name);
					state[to] = 2;   /* said once */
				} else if (state[to] == 0) {
					state[to] = 1;
					st[sp++] = (struct frame){to, 0};
				}
				continue;
			}
			size_t d = 0;
			for (size_t k = 0; k < nrefs[f->let]; k++)
				if (depth[refs[f->let][k]] > d)
					d = depth[refs[f->let][k]];
			depth[f->let] = d + 1;
			if (d + 1 == PC_LET_MAX_CHAIN + 1 && p->lets[f->let].at) {
				L->file = p->lets[f->let].file;
				pc_loader_error(L, p->lets[f->let].at,
						"let「%s」は let を %d 段より深く参照しています（途中の let をまとめてください）",
						p->lets[f->let].name, PC_LET_MAX_CHAIN);
			}
			state[f->let] = 2;
			sp--;
		}
	}
}

/* ---- the parsed trees of a rules directory, kept beside it -------------------
 * `plancheck rules --write-cache` stores each rule file's tree (yaml.c)
 * in DIR/.plancheck-parsed, keyed by the file's name, length and hash (pc_hash64);
 * a later load takes a file's tree from there when all three match, and
 * reads the YAML otherwise (a file edited since, another build's cache;
 * each tree carries its own hash too, so a damaged one is not read).
 * make writes it for rules/, make install copies it.  Only files that
 * parsed without a finding are kept: a finding needs libyaml's reading. */

#define TREE_CACHE ".plancheck-parsed"

static bool cache_writing;

void pc_rules_cache_write(bool on)
{
	cache_writing = on;
}

struct tentry {
	const char *name, *tree;
	size_t nlen, tlen;
	uint64_t size, hash;
};

struct tcache {
	char *data;                 /* the file as read */
	struct tentry *e;
	size_t n;
	struct pc_buf out;          /* what --write-cache writes */
	size_t nout;
};

static void tcache_read(struct tcache *tc, const char *dir)
{
	memset(tc, 0, sizeof(*tc));
	if (cache_writing)
		return;   /* every file read again, to be stored */
	char path[4096];
	snprintf(path, sizeof(path), "%s/" TREE_CACHE, dir);
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	struct pc_buf b = {0};
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len < 64u << 20)
		pc_buf_add(&b, chunk, r);
	fclose(f);
	char head[128];
	int hl = snprintf(head, sizeof(head), "plancheck %s\n", pc_ytree_format());
	if (!b.s || b.len < (size_t)hl || memcmp(b.s, head, (size_t)hl)) {
		pc_buf_free(&b);
		return;   /* another build's, or not ours: the YAML is read */
	}
	tc->data = b.s;
	const char *p = b.s + hl, *end = b.s + b.len;
	size_t cap = 0;
	while (p < end) {
		struct tentry t;
		uint64_t nl, tl;
		if (!pc_take_u64(&p, end, &nl) || (uint64_t)(end - p) < nl)
			break;
		t.name = p, t.nlen = nl, p += nl;
		uint64_t th;
		if (!pc_take_u64(&p, end, &t.size) || !pc_take_u64(&p, end, &t.hash) || !pc_take_u64(&p, end, &tl) || !pc_take_u64(&p, end, &th) ||
		    (uint64_t)(end - p) < tl)
			break;
		t.tree = p, t.tlen = tl, p += tl;
		if (pc_hash64(t.tree, t.tlen) != th)
			continue;   /* damaged: that file's YAML is read */
		if (tc->n == cap) {
			cap = cap ? 2 * cap : 32;
			struct tentry *g = realloc(tc->e, cap * sizeof(*g));
			if (!g)
				abort();
			tc->e = g;
		}
		tc->e[tc->n++] = t;
	}
}

/* the tree of file NAME (pack/file.yml) from the cache, if it is this text's */
static struct pc_ynode *tcache_tree(const struct tcache *tc, const char *name, struct pc_doc *d)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i < tc->n; i++) {
		const struct tentry *t = &tc->e[i];
		if (t->nlen != nl || memcmp(t->name, name, nl))
			continue;
		if (t->size != d->len || t->hash != pc_hash64(d->text, d->len))
			return NULL;
		const char *p = t->tree, *end = t->tree + t->tlen;
		struct pc_ynode *root = pc_ytree_load(d, &p, end, 0);
		return root && p == end ? root : NULL;
	}
	return NULL;
}

static void tcache_add(struct tcache *tc, const char *name, const struct pc_doc *d, const struct pc_ynode *root)
{
	if (!cache_writing || !root || d->nfindings)
		return;
	struct pc_buf tree = {0};
	pc_ytree_store(root, &tree);
	uint64_t v[5] = {strlen(name), d->len, pc_hash64(d->text, d->len), tree.len,
			 pc_hash64(tree.s ? tree.s : "", tree.len)};
	pc_buf_add(&tc->out, (const char *)&v[0], sizeof(v[0]));
	pc_buf_add(&tc->out, name, strlen(name));
	pc_buf_add(&tc->out, (const char *)&v[1], 4 * sizeof(v[0]));
	pc_buf_add(&tc->out, tree.s ? tree.s : "", tree.len);
	pc_buf_free(&tree);
	tc->nout++;
}

/* after a load without errors: DIR/.plancheck-parsed, written atomically */
static bool tcache_write(struct tcache *tc, const char *dir, FILE *errs)
{
	char path[4096], err[512];
	snprintf(path, sizeof(path), "%s/" TREE_CACHE, dir);
	struct pc_buf b = {0};
	pc_buf_printf(&b, "plancheck %s\n", pc_ytree_format());
	pc_buf_add(&b, tc->out.s ? tc->out.s : "", tc->out.len);
	bool ok = pc_write_atomic(path, b.s, b.len, err, sizeof(err)) == 0;
	if (ok)
		fprintf(errs, "plancheck rules: %s に %zu ファイルの読み取り結果を書きました\n", path, tc->nout);
	else
		fprintf(errs, "plancheck rules: %s\n", err);
	pc_buf_free(&b);
	return ok;
}

static void tcache_free(struct tcache *tc)
{
	free(tc->data);
	free(tc->e);
	pc_buf_free(&tc->out);
	memset(tc, 0, sizeof(*tc));
}

static void tcaches_free(struct tcache *tcs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tcache_free(&tcs[i]);
	free(tcs);
}

static bool cache_failed;

bool pc_rules_cache_failed(void)
{
	return cache_failed;
}

static const char *const top_keys[] = {"pack", "title", "short_title", "applies", "tables", "let", "figures", "charts",
				       "rules", "example_header", NULL};

struct pc_ruleset *pc_rules_load(const char *dir, FILE *errs)
{
	return pc_rules_load_ex(&dir, 1, NULL, errs);
}

struct pc_ruleset *pc_rules_load_ex(const char *const *dirs, size_t ndirs, struct pc_config *cfg, FILE *errs)
{
	struct pc_ruleset *rs = calloc(1, sizeof(*rs));
	struct pc_loader L = {.rs = rs, .cfg = cfg};
	rs->cfg = cfg;
	struct pc_open_opts raw = {.raw = 1};
	/* pass 1: read every file, pack metadata, tables, let names */
	struct fileinfo {
		struct pc_doc *d;
		struct pc_ynode *root;
		struct pc_pack *pack;
		const char *dir;
	} *files = NULL;
	size_t nf = 0, capf = 0;
	struct tcache *tcs = calloc(ndirs + 1, sizeof(*tcs));
	if (!tcs)
		abort();
	for (size_t di = 0; di < ndirs; di++) {
	const char *dir = dirs[di];
	L.dir = dir;
	struct tcache *tc = &tcs[di];
	tcache_read(tc, dir);
	size_t npk;
	char **packs = list_dir(dir, NULL, true, &npk);
	if (!packs) {
		fprintf(errs, "plancheck: 規則のディレクトリ %s を開けません\n", dir);
		free(files);
		tcaches_free(tcs, ndirs);
		pc_rules_free(rs);
		return NULL;
	}
	for (size_t i = 0; i < npk; i++) {
		bool twice = false;
		for (size_t p = 0; p < rs->npacks; p++)
			twice |= !strcmp(rs->packs[p].name, packs[i]);
		if (twice) {
			fprintf(errs, "plancheck: パック「%s」が %s にも別のディレクトリにもあります（パック名は一つにしてください）\n",
				packs[i], dir);
			L.errors++;
			continue;
		}
		char pdir[4096];
		snprintf(pdir, sizeof(pdir), "%s/%s", dir, packs[i]);
		if (!pack_name_ok(packs[i])) {
			/* the name starts every rule id: the same letters */
			struct pc_arena na = {0};
			fprintf(errs, "%s/%s: error: 規則パックのフォルダー名は英小文字・数字・「_」「-」で書いてください（64 文字まで）\n",
				pc_display_name(&na, dir), pc_display_name(&na, packs[i]));
			pc_arena_release(&na);
			L.errors++;
			continue;
		}
		size_t nyml;
		char **ymls = list_dir(pdir, ".yml", false, &nyml);
		for (size_t j = 0; j < nyml; j++) {
			char path[4096 + 256];
			snprintf(path, sizeof(path), "%s/%s", pdir, ymls[j]);
			char *err = NULL;
			struct pc_doc *d = pc_doc_open(path, &raw, &err);
			if (!d) {
				fprintf(errs, "%s\n", err);
				free(err);
				L.errors++;
				continue;
			}
			rs->files = pc_grow(&rs->arena, rs->files, &L.capfiles, rs->nfiles + 1, sizeof(*rs->files));
			rs->files[rs->nfiles++] = d;
			L.file = d;
			if (d->unreadable) {
				/* too large, or not text: one error in a rule file's
				 * words (the reader's is meant for plans) */
				bool big = d->nfindings && !strcmp(d->findings[0].rule, "plan.too-large");
				d->nfindings = 0;
				if (big)
					pc_loader_error(&L, NULL, "規則ファイルが大きすぎます（上限 %zu バイト）: 規則ファイルは通常 100KB 未満です",
							(size_t)PC_DEFAULT_MAX_SIZE);
				else
					pc_loader_error(&L, NULL, "規則ファイルがテキストではありません（UTF-8 の YAML で書いてください）");
				continue;
			}
			struct pc_yaml_opts yo = {.max_depth = 16, .refuse_aliases = true, .rule_prefix = "rules"};
			char key[512];
			snprintf(key, sizeof(key), "%s/%s", packs[i], ymls[j]);
			struct pc_ynode *root = d->len ? tcache_tree(tc, key, d) : NULL;
			if (!root && d->len) {
				root = pc_yaml_parse(d, 0, d->len, &yo);
				tcache_add(tc, key, d, root);
				/* a line the forgiving reader left out is still an
				 * error in a rule file: the rules must be as written */
				L.errors += pc_findings_count(d, PC_ERROR, 0);
			}
			if (!root || root->kind != PC_Y_MAP) {
				pc_loader_error(&L, root, "規則ファイルは「キー: 値」の組で書いてください");
				continue;
			}
			if (!strcmp(ymls[j], "schema.yml")) {
				/* the plan's fields, not rules (schema.c) */
				pc_schema_load(&L, pack_get(&L, packs[i], pdir), root);
				continue;
			}
			if (!strcmp(ymls[j], "frames.yml")) {
				/* the frames by round (frames.c), read once the schemas are */
				pc_frames_load(&L, pack_get(&L, packs[i], pdir), root);
				continue;
			}
			if (!pc_loader_keys(&L, root, top_keys, NULL, "規則ファイル"))
				continue;
			const struct pc_ynode *pn = pc_ymap_get(root, "pack");
			if (pn && !pc_yscalar_is(pn, packs[i]))
				pc_loader_error(&L, pn, "pack「%s」はディレクトリ名「%s」と一致しません",
						pn->str, packs[i]);
			struct pc_pack *p = pack_get(&L, packs[i], pdir);
			L.pack = p;
			if (pc_ymap_get(root, "title"))
				p->title = pc_loader_str(&L, pc_ymap_get(root, "title"), "title");
			if (pc_ymap_get(root, "short_title"))
				p->short_title = pc_loader_str(&L, pc_ymap_get(root, "short_title"), "short_title");
			const struct pc_ynode *ap = pc_ymap_get(root, "applies");
			if (ap) {
				static const char *const ak[] = {"program", "topup", NULL};
				if (pc_loader_keys(&L, ap, ak, NULL, "applies")) {
					if (pc_ymap_get(ap, "program"))
						p->program = pc_loader_str(&L, pc_ymap_get(ap, "program"), "program");
					if (pc_ymap_get(ap, "topup"))
						p->topup = pc_loader_str(&L, pc_ymap_get(ap, "topup"), "topup");
				}
			}
			const struct pc_ynode *tb = pc_ymap_get(root, "tables");
			if (tb && tb->kind == PC_Y_MAP)
				for (size_t k = 0; k < tb->n; k++)
					load_table(&L, tb->keys[k], tb->vals[k]);
			else if (tb)
				pc_loader_error(&L, tb, "tables は「名前: 表」の組です");
			const struct pc_ynode *lt = pc_ymap_get(root, "let");
			if (lt && lt->kind == PC_Y_MAP)
				for (size_t k = 0; k < lt->n; k++) {
					p->lets = pc_grow(&rs->arena, p->lets, &p->caplets, p->nlets + 1, sizeof(*p->lets));
					struct pc_let *l = &p->lets[p->nlets++];
					memset(l, 0, sizeof(*l));
					l->name = pc_arena_strdup(&rs->arena, lt->keys[k]->str);
				}
			else if (lt)
				pc_loader_error(&L, lt, "let は「名前: 式」の組です");
			files = realloc(files, (capf = nf + 1) * sizeof(*files));
			files[nf++] = (struct fileinfo){d, root, p, dir};
		}
		free_list(ymls, nyml);
	}
	free_list(packs, npk);
	}
	/* every schema.yml read: additions and tables resolved, then each
	 * pack checks its paths against its program's schema */
	pc_schema_core();
	for (size_t i = 0; i < rs->nschemas; i++)
		pc_schema_finish(&L, rs->schemas[i]);
	for (size_t i = 0; i < rs->nframes; i++) {
		struct pc_schema *s = (struct pc_schema *)pc_schema_of(rs, rs->frames[i]->program);
		pc_frames_finish(&L, rs->frames[i], s);
		if (s)
			s->frames = rs->frames[i];
	}
	for (size_t i = 0; i < rs->npacks; i++) {
		struct pc_pack *p = &rs->packs[i];
		p->schema = p->program ? pc_schema_of(rs, p->program) : NULL;
		const struct pc_schema *own = NULL;
		for (size_t k = 0; k < rs->nschemas; k++)
			if (rs->schemas[k]->pack && !strcmp(rs->schemas[k]->pack, p->name))
				own = rs->schemas[k];
		if (own && (!p->program || strcmp(p->program, own->program)))
			fprintf(errs, "%s: error: schema「%s」はパック「%s」の program（%s）と一致しません\n", own->file,
				own->program, p->name, p->program ? p->program : "なし"), L.errors++;
	}
	/* the rule-local names go after every pack's lets */
	for (size_t i = 0; i < rs->npacks; i++) {
		struct pc_pack *p = &rs->packs[i];
		for (int k = 0; k < L_NLOCALS; k++) {
			p->lets = pc_grow(&rs->arena, p->lets, &p->caplets, p->nlets + 1, sizeof(*p->lets));
			memset(&p->lets[p->nlets], 0, sizeof(*p->lets));
			p->lets[p->nlets++].name = local_names[k];
		}
	}
	/* pass 2: let expressions (they may use each other and the tables) */
	for (size_t f = 0; f < nf; f++) {
		L.file = files[f].d;
		L.pack = files[f].pack;
		const struct pc_ynode *lt = pc_ymap_get(files[f].root, "let");
		for (size_t k = 0; lt && lt->kind == PC_Y_MAP && k < lt->n; k++) {
			struct pc_let *l = NULL;
			for (size_t q = 0; q < L.pack->nlets; q++)
				if (!strcmp(L.pack->lets[q].name, lt->keys[k]->str))
					l = &L.pack->lets[q];
			const struct pc_ynode *v = lt->vals[k];
			l->at = lt->keys[k];
			l->file = L.file;
			if (v->kind == PC_Y_MAP) {
				static const char *const lk[] = {"expr", "computed", "label", "format", NULL};
				if (!pc_loader_keys(&L, v, lk, NULL, "let"))
					continue;
				l->e = pc_loader_expr(&L, NULL, pc_ymap_get(v, "expr"), NULL);
				if (pc_ymap_get(v, "computed"))
					l->computed = pc_loader_str(&L, pc_ymap_get(v, "computed"), "computed");
				if (pc_ymap_get(v, "label"))
					l->label = pc_loader_str(&L, pc_ymap_get(v, "label"), "label");
				l->percent = pc_yscalar_is(pc_ymap_get(v, "format"), "%");
			} else
				l->e = pc_loader_expr(&L, NULL, v, NULL);
		}
	}
	for (size_t i = 0; i < rs->npacks; i++)
		check_let_refs(&L, &rs->packs[i]);
	/* pass 3: rules */
	for (size_t f = 0; f < nf; f++) {
		L.file = files[f].d;
		L.pack = files[f].pack;
		L.dir = files[f].dir;
		const struct pc_ynode *rl = pc_ymap_get(files[f].root, "rules");
		if (rl && rl->kind != PC_Y_SEQ) {
			pc_loader_error(&L, rl, "rules は「- 」で始まる規則のリストです");
			continue;
		}
		for (size_t k = 0; rl && k < rl->n; k++)
			load_rule(&L, rl->vals[k]);
		/* what the reports show (figures.c) */
		pc_figures_load(&L, L.pack, files[f].root);
	}
	pc_figures_finish(&L);
	free(files);
	if (cache_writing && !L.errors)
		for (size_t di = 0; di < ndirs; di++)
			if (!tcache_write(&tcs[di], dirs[di], errs))
				cache_failed = true;
	tcaches_free(tcs, ndirs);
	if (L.errors) {
		struct pc_report_opts ro = {0};
		for (size_t i = 0; i < rs->nfiles; i++) {
			pc_findings_finish(rs->files[i]);
			pc_report_text(rs->files[i], errs, &ro);
		}
		if (cfg && pc_findings_count(cfg->doc, PC_ERROR, 0)) {
			pc_findings_finish(cfg->doc);
			pc_report_text(cfg->doc, errs, &ro);
			fprintf(errs, "plancheck: 設定ファイルか規則に %zu 件の誤りがあります（%s）\n", L.errors, cfg->path);
		} else
			fprintf(errs, "plancheck: 規則に %zu 件の誤りがあります（%s）\n", L.errors, dirs[0]);
		pc_rules_free(rs);
		return NULL;
	}
	return rs;
}

/* what a rule holds outside the arena is its kind's to free */
static void rule_release(struct pc_rule *r)
{
	if (r->kind && r->kind->release && r->as)
		r->kind->release(r);
	memset(r, 0, sizeof(*r));
}

void pc_rules_free(struct pc_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nrules; i++)
		rule_release(&rs->rules[i]);
	for (size_t i = 0; i < rs->nfiles; i++)
		pc_doc_free(rs->files[i]);
	pc_config_free(rs->cfg);
	pc_arena_release(&rs->arena);
	free(rs);
}

const struct pc_rule *pc_rules_find(const struct pc_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (!strcmp(rs->rules[i].id, id))
			return &rs->rules[i];
	return NULL;
}

/* ---- examples ------------------------------------------------------------- */

/* "key:" at the start of a line of the fragment */
static bool defines(const char *frag, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = frag; p && *p;) {
		if (!strncmp(p, key, kl) && p[kl] == ':')
			return true;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}

static char *example_text(const struct pc_rule *r, const struct pc_example *x)
{
	struct pc_buf b = {0};
	/* "fragment\n---\nbody", or "---\nbody" with no fragment */
	const char *body = strncmp(x->text, "---\n", 4) ? strstr(x->text, "\n---\n") : x->text - 1;
	size_t fmlen = body ? (size_t)(body - x->text) + 1 : strlen(x->text);
	char *fm = strndup(x->text, fmlen);
	pc_buf_puts(&b, "---\n");
	if (!defines(fm, "program") && r->pack->program)
		pc_buf_printf(&b, "program: %s\n", r->pack->program);
	if (!defines(fm, "round"))
		pc_buf_printf(&b, "round: %ld\n", r->rlo > 0 ? r->rlo : 6);
	if (!defines(fm, "frame") && r->nframes)
		pc_buf_printf(&b, "frame: %s\n", r->frames[0]);
	if (!defines(fm, "topup") && r->pack->topup)
		pc_buf_printf(&b, "topup: %s\n", r->pack->topup);
	pc_buf_puts(&b, fm);
	if (b.len && b.s[b.len - 1] != '\n')
		pc_buf_putc(&b, '\n');
	pc_buf_puts(&b, "---\n");
	if (body)
		pc_buf_puts(&b, body + 5);
	free(fm);
	return b.s;
}

int pc_rules_selftest(const struct pc_ruleset *rs, FILE *out, int verbose)
{
	int failed = 0, passed = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct pc_rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->nexamples; k++) {
			const struct pc_example *x = &r->examples[k];
			char *text = example_text(r, x);
			struct pc_doc *d = pc_doc_from_mem(r->id, text, strlen(text), NULL);
			pc_run_rules(d, rs, r);
			size_t hits = 0;
			for (size_t f = 0; f < d->nfindings; f++)
				if (!strcmp(d->findings[f].rule, r->id))
					hits++;
			bool ok = x->pass ? hits == 0 : hits > 0;
			size_t line, col;
			pc_doc_linecol(x->file, x->start, &line, &col);
			if (!ok) {
				failed++;
				fprintf(out, "%s:%zu:%zu: error: 規則 %s の%s例が%s [rules.example]\n", x->file->path,
					line, col, r->id, x->pass ? "通る" : "失敗する",
					x->pass ? "指摘されました" : "指摘されません");
				for (size_t f = 0; f < d->nfindings; f++)
					fprintf(out, "    %s: %s [%s]\n", pc_severity_name(d->findings[f].severity),
						d->findings[f].message, d->findings[f].rule);
			} else {
				passed++;
				if (verbose)
					fprintf(out, "ok %s %s (%s:%zu)\n", r->id, x->pass ? "pass" : "fail",
						x->file->path, line);
			}
			pc_doc_free(d);
			free(text);
		}
	}
	fprintf(out, "rules: %d passed, %d failed\n", passed, failed);
	return failed;
}
