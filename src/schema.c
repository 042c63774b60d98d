/*
 * schema.c - reading a program's plan schema from its pack's schema.yml:
 * the fields (nested as the front matter nests them), their labels,
 * aliases, types, values, units, roles and when they are required; the
 * document tables of a Word draft; a top-up pack's additions (`add:`
 * keyed by path, and rows for the program's tables).  Validated as
 * strictly as rule files, every problem at file:line:col.  The core keys
 * (plancheck, program, round, frame, topup) are C's: a schema may give
 * them labels and aliases but not another type.  Lookups: by path (a hash
 * made once), by label (folded: NFKC, no spaces, no remarks), by role, and
 * a table by its caption.
 */
#include "kind.h"
#include "schema.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum pc_ftype t;
	enum pc_vtype v;
	const char *ja;
} types[] = {
	{"map", PC_F_MAP, PC_V_NONE, "項目のまとまり"},
	{"list", PC_F_LIST, PC_V_NONE, "リスト"},
	{"text", PC_F_TEXT, PC_V_TEXT, "文字列"},
	{"integer", PC_F_INT, PC_V_INT, "整数"},
	{"amount", PC_F_AMOUNT, PC_V_AMOUNT, "金額"},
	{"date", PC_F_DATE, PC_V_DATE, "日付"},
	{"boolean", PC_F_BOOL, PC_V_BOOL, "true か false"},
	{"enumeration", PC_F_ENUM, PC_V_TEXT, "決まった値"},
	{"percent", PC_F_PERCENT, PC_V_PERCENT, "百分率"},
	{"unit", PC_F_UNIT, PC_V_TEXT, "金額の単位"},
};

const char *pc_ftype_ja(enum pc_ftype t)
{
	for (size_t i = 0; i < PC_ARRAY_LEN(types); i++)
		if (types[i].t == t)
			return types[i].ja;
	return "文字列";
}

/* C's own keys: which pack to run, and what decides the rules that apply */
static const struct {
	const char *key;
	enum pc_ftype t;
	const char *label;
	const char *suffix;
} core[] = {
	{"plancheck", PC_F_INT, "書式バージョン", NULL},
	{"program", PC_F_TEXT, "補助金の種類", NULL},
	{"round", PC_F_INT, "公募回", "回"},
	{"frame", PC_F_TEXT, "申請枠", NULL},
	{"topup", PC_F_TEXT, "上乗せ支援", NULL},
};

/* what schema.yml files leave for the end: additions and tables may name
 * fields another pack's file declares */
struct pending {
	struct pc_doc *file;
	const struct pc_ynode *node;
	const char *pack;
	bool tables;                /* a tables: list, else an add: map */
};

struct pc_schema_build {
	struct pending *v;
	size_t n, cap;
};

/* ---- small helpers ---------------------------------------------------------- */

static bool key_ok(const char *k)
{
	if (!k || !(*k >= 'a' && *k <= 'z'))
		return false;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return strlen(k) <= 64;
}

/* a string or a list of strings */
static const char **strings(struct pc_loader *L, const struct pc_ynode *n, size_t *count, const char *what)
{
	*count = 0;
	if (!n)
		return NULL;
	if (n->kind == PC_Y_SCALAR) {
		const char **v = pc_arena_alloc(pc_loader_arena(L), sizeof(*v));
		v[0] = pc_loader_str(L, n, what);
		*count = v[0] ? 1 : 0;
		return v;
	}
	if (n->kind != PC_Y_SEQ) {
		pc_loader_error(L, n, "%s は文字列か文字列のリストです", what);
		return NULL;
	}
	const char **v = pc_arena_alloc(pc_loader_arena(L), (n->n + 1) * sizeof(*v));
	for (size_t i = 0; i < n->n; i++) {
		const char *s = pc_loader_str(L, n->vals[i], what);
		if (s && *s)
			v[(*count)++] = s;
	}
	return v;
}

static void add_child(struct pc_arena *a, struct pc_field *parent, struct pc_field *f)
{
	parent->children = pc_grow(a, parent->children, &parent->capchildren, parent->nchildren + 1,
				   sizeof(*parent->children));
	parent->children[parent->nchildren++] = f;
	f->parent = parent;
}

const struct pc_field *pc_schema_child(const struct pc_field *parent, const char *key)
{
	for (size_t i = 0; parent && i < parent->nchildren; i++)
		if (!strcmp(parent->children[i]->key, key))
			return parent->children[i];
	return NULL;
}

static char *child_path(struct pc_arena *a, const struct pc_field *parent, const char *key)
{
	if (!parent->path || !*parent->path)
		return pc_arena_strdup(a, key);
	return pc_arena_printf(a, "%s%s.%s", parent->path, parent->type == PC_F_LIST ? "[]" : "", key);
}

/* "10-12", "10-", "-9", "6" or [10, 12] */
static bool read_rounds(struct pc_loader *L, const struct pc_ynode *n, long *lo, long *hi)
{
	*lo = *hi = -1;
	if (n->kind == PC_Y_SEQ && n->n == 2)
		return pc_loader_int(L, n->vals[0], lo) && pc_loader_int(L, n->vals[1], hi);
	if (n->kind == PC_Y_SCALAR) {
		const char *dash = strchr(n->str, '-');
		char *end;
		if (!dash) {
			if (!pc_loader_int(L, n, lo))
				return false;
			*hi = *lo;
			return true;
		}
		if (dash > n->str) {
			*lo = strtol(n->str, &end, 10);
			if (end != dash)
				goto bad;
		}
		if (dash[1]) {
			*hi = strtol(dash + 1, &end, 10);
			if (*end)
				goto bad;
		}
		if (*lo >= 0 && *hi >= 0 && *lo > *hi)
			goto bad;
		return true;
	}
bad:
	pc_loader_error(L, n, "公募回の範囲は「10-12」「6-」「[10, 12]」のように書いてください");
	return false;
}

static bool read_required(struct pc_loader *L, struct pc_field *f, const struct pc_ynode *n)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (n->kind == PC_Y_SCALAR && (pc_yscalar_is(n, "true") || pc_yscalar_is(n, "false"))) {
		if (pc_yscalar_is(n, "true")) {
			f->required = pc_arena_alloc(a, sizeof(*f->required));
			f->required->rlo = f->required->rhi = -1;
			f->nrequired = 1;
		}
		return true;
	}
	size_t cnt = n->kind == PC_Y_SEQ ? n->n : 1;
	if (n->kind != PC_Y_SEQ && n->kind != PC_Y_MAP) {
		pc_loader_error(L, n, "required は true、false か {rounds, frame, topup} の条件（のリスト）です");
		return false;
	}
	f->required = pc_arena_alloc(a, cnt * sizeof(*f->required));
	for (size_t i = 0; i < cnt; i++) {
		const struct pc_ynode *c = n->kind == PC_Y_SEQ ? n->vals[i] : n;
		static const char *const rk[] = {"rounds", "frame", "topup", NULL};
		if (!pc_loader_keys(L, c, rk, NULL, "required の条件"))
			return false;
		struct pc_required *q = &f->required[f->nrequired++];
		q->rlo = q->rhi = -1;
		if (pc_ymap_get(c, "rounds") && !read_rounds(L, pc_ymap_get(c, "rounds"), &q->rlo, &q->rhi))
			return false;
		if (pc_ymap_get(c, "frame"))
			q->frames = strings(L, pc_ymap_get(c, "frame"), &q->nframes, "frame");
		if (pc_ymap_get(c, "topup"))
			q->topup = pc_loader_str(L, pc_ymap_get(c, "topup"), "topup");
	}
	return true;
}

static bool read_values(struct pc_loader *L, struct pc_field *f, const struct pc_ynode *n)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (!n || (n->kind != PC_Y_SEQ && n->kind != PC_Y_MAP) || n->n == 0) {
		pc_loader_error(L, n, "values は値のリストか「値: [別の書き方, …]」の組です");
		return false;
	}
	f->values = pc_arena_alloc(a, n->n * sizeof(*f->values));
	for (size_t i = 0; i < n->n; i++) {
		struct pc_enum_value *v = &f->values[f->nvalues];
		const struct pc_ynode *k = n->kind == PC_Y_MAP ? n->keys[i] : n->vals[i];
		v->value = pc_loader_str(L, k, "values の値");
		if (!v->value)
			return false;
		if (n->kind == PC_Y_MAP && n->vals[i]->kind != PC_Y_NULL &&
		    !(n->vals[i]->kind == PC_Y_SCALAR && !n->vals[i]->len))
			v->aliases = strings(L, n->vals[i], &v->naliases, "値の別の書き方");
		f->nvalues++;
	}
	return true;
}

/* ---- fields ------------------------------------------------------------------ */

static const char *const field_keys[] = {"label", "short", "aliases", "type", "values", "suffixes",
					 "unit_field", "min", "role", "required", "description", "fields", NULL};

static bool load_fields(struct pc_loader *L, struct pc_schema *s, struct pc_field *parent,
			const struct pc_ynode *m, const char *pack);

static struct pc_field *load_field(struct pc_loader *L, struct pc_schema *s, struct pc_field *parent,
				   const struct pc_ynode *key, const struct pc_ynode *v, const char *pack)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (!key_ok(key->str)) {
		pc_loader_error(L, key, "項目名「%s」は英小文字で始まる英小文字・数字・「_」の名前にしてください（64 文字まで）",
				key->str);
		return NULL;
	}
	if (pc_schema_child(parent, key->str)) {
		pc_loader_error(L, key, "項目「%s」が重複しています", child_path(a, parent, key->str));
		return NULL;
	}
	struct pc_field *f = pc_arena_alloc(a, sizeof(*f));
	f->key = pc_arena_strdup(a, key->str);
	f->path = child_path(a, parent, key->str);
	f->pack = pack;
	f->at = key;
	f->file = pc_loader_file(L);
	f->type = PC_F_TEXT;
	f->vtype = PC_V_TEXT;
	if (v && v->kind == PC_Y_SCALAR) {
		/* shorthand: "name: 事業者名" is a text field with that label */
		f->label = pc_loader_str(L, v, "label");
		if (!f->label || !*f->label) {
			pc_loader_error(L, v, "項目「%s」に日本語の名前（label）を書いてください", f->path);
			return NULL;
		}
		add_child(a, parent, f);
		return f;
	}
	if (!pc_loader_keys(L, v, field_keys, NULL, pc_arena_printf(a, "項目 %s", f->path)))
		return NULL;
	const struct pc_ynode *lb = pc_ymap_get(v, "label"), *ty = pc_ymap_get(v, "type"),
			      *sub = pc_ymap_get(v, "fields");
	if (!lb) {
		pc_loader_error(L, v, "項目「%s」に日本語の名前（label）を書いてください", f->path);
		return NULL;
	}
	f->label = pc_loader_str(L, lb, "label");
	if (pc_ymap_get(v, "short"))
		f->short_label = pc_loader_str(L, pc_ymap_get(v, "short"), "short");
	if (pc_ymap_get(v, "description"))
		f->description = pc_loader_str(L, pc_ymap_get(v, "description"), "description");
	if (pc_ymap_get(v, "aliases"))
		f->aliases = strings(L, pc_ymap_get(v, "aliases"), &f->naliases, "aliases");
	if (ty) {
		bool found = false;
		for (size_t i = 0; i < PC_ARRAY_LEN(types) && !found; i++)
			if (pc_yscalar_is(ty, types[i].name)) {
				f->type = types[i].t;
				f->vtype = types[i].v;
				found = true;
			}
		if (!found) {
			struct pc_buf b = {0};
			for (size_t i = 0; i < PC_ARRAY_LEN(types); i++)
				pc_buf_printf(&b, "%s%s", i ? ", " : "", types[i].name);
			pc_loader_error(L, ty, "type は %s のどれかです", b.s);
			pc_buf_free(&b);
			return NULL;
		}
	} else if (sub) {
		f->type = PC_F_MAP;
		f->vtype = PC_V_NONE;
	}
	if ((f->type == PC_F_MAP || f->type == PC_F_LIST) != (sub != NULL)) {
		pc_loader_error(L, sub ? sub : v, sub ? "fields（下の項目）は type が map か list の項目にだけ書けます"
						: "type が map か list の項目には fields（下の項目）が必要です");
		return NULL;
	}
	if ((f->type == PC_F_ENUM) != (pc_ymap_get(v, "values") != NULL)) {
		pc_loader_error(L, v, "values（決まった値）は type: enumeration の項目にだけ、必ず書きます");
		return NULL;
	}
	if (f->type == PC_F_ENUM && !read_values(L, f, pc_ymap_get(v, "values")))
		return NULL;
	if (pc_ymap_get(v, "suffixes")) {
		if (f->type != PC_F_INT) {
			pc_loader_error(L, pc_ymap_get(v, "suffixes"), "suffixes（数の後に書ける語）は整数の項目にだけ書けます");
			return NULL;
		}
		f->suffixes = strings(L, pc_ymap_get(v, "suffixes"), &f->nsuffixes, "suffixes");
	}
	if (pc_ymap_get(v, "unit_field")) {
		if (f->type != PC_F_AMOUNT) {
			pc_loader_error(L, pc_ymap_get(v, "unit_field"), "unit_field は金額の項目にだけ書けます");
			return NULL;
		}
		f->unit_field = pc_loader_str(L, pc_ymap_get(v, "unit_field"), "unit_field");
	}
	if (pc_ymap_get(v, "min")) {
		/* -1,000万円 as an expense lowered the sum without a word */
		if (f->type != PC_F_INT && f->type != PC_F_AMOUNT) {
			pc_loader_error(L, pc_ymap_get(v, "min"), "min（書ける最小の値）は整数と金額の項目にだけ書けます");
			return NULL;
		}
		if (!pc_loader_int(L, pc_ymap_get(v, "min"), &f->min))
			return NULL;
		f->has_min = true;
	}
	if (pc_ymap_get(v, "role"))
		f->role = pc_loader_str(L, pc_ymap_get(v, "role"), "role");
	if (pc_ymap_get(v, "required") && !read_required(L, f, pc_ymap_get(v, "required")))
		return NULL;
	add_child(a, parent, f);
	if (sub && !load_fields(L, s, f, sub, pack))
		return NULL;
	return f;
}

static bool load_fields(struct pc_loader *L, struct pc_schema *s, struct pc_field *parent,
			const struct pc_ynode *m, const char *pack)
{
	if (!m || m->kind != PC_Y_MAP) {
		pc_loader_error(L, m, "fields は「項目名: {label, type, …}」の組です");
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < m->n; i++)
		ok &= load_field(L, s, parent, m->keys[i], m->vals[i], pack) != NULL;
	return ok;
}

/* ---- the registry --------------------------------------------------------------- */

static struct pc_schema *schema_get(struct pc_loader *L, const char *program, bool create)
{
	struct pc_ruleset *rs = pc_loader_ruleset(L);
	for (size_t i = 0; i < rs->nschemas; i++)
		if (!strcmp(rs->schemas[i]->program, program))
			return rs->schemas[i];
	if (!create)
		return NULL;
	struct pc_arena *a = pc_loader_arena(L);
	struct pc_schema *s = pc_arena_alloc(a, sizeof(*s));
	s->program = pc_arena_strdup(a, program);
	s->root.key = s->root.path = "";
	s->root.label = "前付け";
	s->root.type = PC_F_MAP;
	s->build = pc_arena_alloc(a, sizeof(*s->build));
	rs->schemas = pc_grow(a, rs->schemas, &rs->capschemas, rs->nschemas + 1, sizeof(*rs->schemas));
	rs->schemas[rs->nschemas++] = s;
	return s;
}

const struct pc_schema *pc_schema_of(const struct pc_ruleset *rs, const char *program)
{
	for (size_t i = 0; rs && program && i < rs->nschemas; i++)
		if (!strcmp(rs->schemas[i]->program, program))
			return rs->schemas[i];
	return NULL;
}

static void pend(struct pc_loader *L, struct pc_schema *s, const struct pc_ynode *n, const char *pack, bool tables)
{
	struct pc_schema_build *b = s->build;
	b->v = pc_grow(pc_loader_arena(L), b->v, &b->cap, b->n + 1, sizeof(*b->v));
	b->v[b->n++] = (struct pending){pc_loader_file(L), n, pack, tables};
}

void pc_schema_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root)
{
	static const char *const top[] = {"schema", "title", "fields", "add", "tables", NULL};
	if (!pc_loader_keys(L, root, top, NULL, "schema.yml"))
		return;
	const struct pc_ynode *sn = pc_ymap_get(root, "schema");
	const char *program = sn ? pc_loader_str(L, sn, "schema") : NULL;
	if (!program || !*program) {
		if (!sn)
			pc_loader_error(L, root, "schema.yml には schema（どの program の計画書の項目か）が必要です");
		return;
	}
	struct pc_schema *s = schema_get(L, program, true);
	const struct pc_ynode *fl = pc_ymap_get(root, "fields"), *ad = pc_ymap_get(root, "add");
	if (fl) {
		if (s->file) {
			pc_loader_error(L, fl, "program「%s」の項目は %s で定義済みです（別のパックからは add: で足してください）",
					program, s->file);
			return;
		}
		s->file = pc_loader_file(L)->path;
		s->pack = p->name;
		if (pc_ymap_get(root, "title"))
			s->title = pc_loader_str(L, pc_ymap_get(root, "title"), "title");
		load_fields(L, s, &s->root, fl, p->name);
	}
	if (ad) {
		if (ad->kind != PC_Y_MAP)
			pc_loader_error(L, ad, "add は「項目の経路: {label, type, …}」の組です");
		else
			pend(L, s, ad, p->name, false);
	}
	const struct pc_ynode *tb = pc_ymap_get(root, "tables");
	if (tb) {
		if (tb->kind != PC_Y_SEQ)
			pc_loader_error(L, tb, "tables は「- name: 表の名前」で始まる表のリストです");
		else
			pend(L, s, tb, p->name, true);
	}
}

/* ---- finishing: core keys, additions, index, tables ----------------------------- */

static void index_all(struct pc_arena *a, struct pc_schema *s, struct pc_field *f)
{
	if (f != &s->root) {
		s->all = pc_grow(a, s->all, &s->capall, s->nall + 1, sizeof(*s->all));
		s->all[s->nall++] = f;
	}
	for (size_t i = 0; i < f->nchildren; i++)
		index_all(a, s, f->children[i]);
}

static unsigned path_hash(const char *p)
{
	return (unsigned)pc_fnv1a(p, strlen(p), PC_FNV_SEED);
}

const struct pc_field *pc_schema_field(const struct pc_schema *s, const char *path)
{
	if (!s || !path || !s->nslot)
		return NULL;
	for (size_t k = path_hash(path) & (s->nslot - 1); s->slot[k]; k = (k + 1) & (s->nslot - 1))
		if (!strcmp(s->slot[k]->path, path))
			return s->slot[k];
	return NULL;
}

/* the folded forms a field answers to */
static void fold_labels(struct pc_arena *a, struct pc_field *f)
{
	size_t n = 2 + f->naliases;
	f->folded = pc_arena_alloc(a, n * sizeof(*f->folded));
	f->nfolded = 0;
	const char *src[2] = {f->label, f->short_label};
	for (int i = 0; i < 2; i++)
		if (src[i])
			f->folded[f->nfolded++] = pc_label_fold(a, src[i], strlen(src[i]));
	for (size_t i = 0; i < f->naliases; i++)
		f->folded[f->nfolded++] = pc_label_fold(a, f->aliases[i], strlen(f->aliases[i]));
}

static struct pc_field *find_mut(struct pc_schema *s, const char *path)
{
	return (struct pc_field *)pc_schema_field(s, path);
}

static void reindex(struct pc_arena *a, struct pc_schema *s)
{
	s->nall = 0;
	index_all(a, s, &s->root);
	size_t want = 16;
	while (want < s->nall * 2 + 2)
		want *= 2;
	s->slot = pc_arena_alloc(a, want * sizeof(*s->slot));
	s->nslot = want;
	for (size_t i = 0; i < s->nall; i++) {
		size_t k = path_hash(s->all[i]->path) & (want - 1);
		while (s->slot[k])
			k = (k + 1) & (want - 1);
		s->slot[k] = s->all[i];
	}
}

static void core_keys(struct pc_loader *L, struct pc_schema *s)
{
	struct pc_arena *a = pc_loader_arena(L);
	for (size_t i = 0; i < PC_ARRAY_LEN(core); i++) {
		struct pc_field *f = (struct pc_field *)pc_schema_child(&s->root, core[i].key);
		if (!f) {
			f = pc_arena_alloc(a, sizeof(*f));
			f->key = f->path = core[i].key;
			f->label = core[i].label;
			add_child(a, &s->root, f);
		} else if (f->type != core[i].t) {
			pc_loader_set_file(L, f->file);
			pc_loader_error(L, f->at, "「%s」は plancheck 自身の項目です。型は %s のままにしてください",
					core[i].key, pc_ftype_ja(core[i].t));
		}
		f->core = true;
		f->type = core[i].t;
		f->vtype = core[i].t == PC_F_INT ? PC_V_INT : PC_V_TEXT;
		if (core[i].suffix && !f->nsuffixes) {
			f->suffixes = pc_arena_alloc(a, sizeof(*f->suffixes));
			f->suffixes[0] = core[i].suffix;
			f->nsuffixes = 1;
		}
	}
}

static void apply_add(struct pc_loader *L, struct pc_schema *s, const struct pending *pd)
{
	struct pc_arena *a = pc_loader_arena(L);
	const struct pc_ynode *m = pd->node;
	for (size_t i = 0; i < m->n; i++) {
		const char *path = m->keys[i]->str;
		const char *dot = strrchr(path, '.');
		char *ppath = pc_arena_strndup(a, path, dot ? (size_t)(dot - path) : 0);
		/* "expenses[]" names the list's items: their parent is the list */
		size_t pl = strlen(ppath);
		if (pl > 2 && !strcmp(ppath + pl - 2, "[]"))
			ppath[pl - 2] = '\0';
		struct pc_field *parent = *ppath ? find_mut(s, ppath) : &s->root;
		if (!parent || (parent->type != PC_F_MAP && parent->type != PC_F_LIST)) {
			pc_loader_error(L, m->keys[i], "「%s」を足す先の「%s」は program「%s」の項目のまとまりにありません",
					path, ppath, s->program);
			continue;
		}
		struct pc_ynode key = *m->keys[i];
		key.str = (char *)(dot ? dot + 1 : path);
		key.len = strlen(key.str);
		if (load_field(L, s, parent, &key, m->vals[i], pd->pack))
			reindex(a, s);
	}
}

/* a table's field by path (LABELS) or by the item's key (LIST, YEARS) */
static const struct pc_field *table_ref(struct pc_loader *L, struct pc_schema *s, const struct pc_doc_table *t,
					const struct pc_ynode *n)
{
	if (!n || n->kind != PC_Y_SCALAR) {
		pc_loader_error(L, n, "表の欄には項目の経路を書いてください");
		return NULL;
	}
	const struct pc_field *f = t->list ? pc_schema_child(t->list, n->str) : pc_schema_field(s, n->str);
	if (!f || f->type == PC_F_MAP || f->type == PC_F_LIST) {
		pc_loader_error(L, n, "表「%s」の欄「%s」は%sの値の項目ではありません", t->name, n->str,
				t->list ? t->list->path : "計画書");
		return NULL;
	}
	return f;
}

static void load_cols(struct pc_loader *L, struct pc_schema *s, struct pc_doc_table *t, const struct pc_ynode *n)
{
	struct pc_arena *a = pc_loader_arena(L);
	if (!n || n->kind != PC_Y_SEQ) {
		pc_loader_error(L, n, "表「%s」の rows（columns）は欄のリストです", t->name);
		return;
	}
	size_t cap = t->ncols;
	for (size_t i = 0; i < n->n; i++) {
		const struct pc_ynode *c = n->vals[i], *fn = c;
		const char **al = NULL;
		size_t nal = 0;
		if (c->kind == PC_Y_MAP) {
			static const char *const ck[] = {"field", "aliases", NULL};
			if (!pc_loader_keys(L, c, ck, NULL, "表の欄"))
				continue;
			fn = pc_ymap_get(c, "field");
			al = strings(L, pc_ymap_get(c, "aliases"), &nal, "aliases");
		}
		const struct pc_field *f = table_ref(L, s, t, fn);
		if (!f)
			continue;
		t->cols = pc_grow(a, t->cols, &cap, t->ncols + 1, sizeof(*t->cols));
		t->cols[t->ncols++] = (struct pc_table_col){f, al, nal};
	}
}

static void apply_tables(struct pc_loader *L, struct pc_schema *s, const struct pending *pd)
{
	struct pc_arena *a = pc_loader_arena(L);
	static const char *const tk[] = {"name", "aliases", "shape", "list", "rows", "columns", "total",
					 "year", "kind", "base", NULL};
	for (size_t i = 0; i < pd->node->n; i++) {
		const struct pc_ynode *m = pd->node->vals[i];
		if (!pc_loader_keys(L, m, tk, NULL, "表"))
			continue;
		const char *name = pc_loader_str(L, pc_ymap_get(m, "name"), "表の name");
		if (!name)
			continue;
		struct pc_doc_table *t = NULL;
		for (size_t k = 0; k < s->ntables; k++)
			if (!strcmp(s->tables[k].name, name))
				t = &s->tables[k];
		const struct pc_ynode *sh = pc_ymap_get(m, "shape");
		if (!t) {
			/* a new table */
			s->tables = pc_grow(a, s->tables, &s->captables, s->ntables + 1, sizeof(*s->tables));
			t = &s->tables[s->ntables++];
			memset(t, 0, sizeof(*t));
			t->name = name;
			t->at = pc_ymap_get(m, "name");
			t->file = pd->file;
			if (!sh || !(pc_yscalar_is(sh, "labels") || pc_yscalar_is(sh, "list") || pc_yscalar_is(sh, "years"))) {
				pc_loader_error(L, sh ? sh : m, "表「%s」の shape は labels（項目名と値）、list（1行に1件）、years（年度ごとの列）のどれかです",
						name);
				s->ntables--;
				continue;
			}
			t->shape = pc_yscalar_is(sh, "labels") ? PC_TABLE_LABELS
				   : pc_yscalar_is(sh, "list") ? PC_TABLE_LIST : PC_TABLE_YEARS;
			if (t->shape != PC_TABLE_LABELS) {
				const struct pc_ynode *ln = pc_ymap_get(m, "list");
				const struct pc_field *lf = ln && ln->kind == PC_Y_SCALAR ? pc_schema_field(s, ln->str) : NULL;
				if (!lf || lf->type != PC_F_LIST) {
					pc_loader_error(L, ln ? ln : m, "表「%s」の list には計画書のリストの項目を書いてください", name);
					s->ntables--;
					continue;
				}
				t->list = lf;
			}
		} else if (sh || pc_ymap_get(m, "list")) {
			pc_loader_error(L, sh ? sh : pc_ymap_get(m, "list"), "表「%s」は定義済みです。足せるのは rows と aliases だけです",
					name);
			continue;
		}
		size_t nal;
		const char **al = strings(L, pc_ymap_get(m, "aliases"), &nal, "aliases");
		if (nal) {
			const char **both = pc_arena_alloc(a, (t->naliases + nal) * sizeof(*both));
			if (t->naliases)   /* memcpy from NULL, even of 0 bytes, is UB (make asan) */
				memcpy(both, t->aliases, t->naliases * sizeof(*both));
			memcpy(both + t->naliases, al, nal * sizeof(*both));
			t->aliases = both;
			t->naliases += nal;
		}
		if (pc_ymap_get(m, "rows"))
			load_cols(L, s, t, pc_ymap_get(m, "rows"));
		if (pc_ymap_get(m, "columns"))
			load_cols(L, s, t, pc_ymap_get(m, "columns"));
		if (t->shape == PC_TABLE_YEARS) {
			const struct pc_ynode *y = pc_ymap_get(m, "year"), *k = pc_ymap_get(m, "kind");
			if (y)
				t->year = table_ref(L, s, t, y);
			if (k)
				t->kind = table_ref(L, s, t, k);
			if (!t->year && !y)
				pc_loader_error(L, m, "表「%s」（years）には year（年度の項目）が必要です", name);
			/* base: where the 基準年度 column's year goes (a plan field) */
			const struct pc_ynode *b = pc_ymap_get(m, "base");
			if (b) {
				t->base = b->kind == PC_Y_SCALAR ? pc_schema_field(s, b->str) : NULL;
				if (!t->base || t->base->type != PC_F_INT)
					pc_loader_error(L, b, "表「%s」の base には整数（年度）の項目を書いてください", name);
			}
		}
		const struct pc_ynode *tot = pc_ymap_get(m, "total");
		if (tot) {
			static const char *const ok[] = {"field", "labels", NULL};
			if (t->shape != PC_TABLE_LIST)
				pc_loader_error(L, tot, "total（合計の行）は shape: list の表にだけ書けます");
			else if (pc_loader_keys(L, tot, ok, NULL, "total")) {
				const struct pc_ynode *tf = pc_ymap_get(tot, "field");
				t->total = tf && tf->kind == PC_Y_SCALAR ? pc_schema_field(s, tf->str) : NULL;
				if (!t->total)
					pc_loader_error(L, tf ? tf : tot, "total の field には計画書の項目を書いてください");
				t->total_labels = strings(L, pc_ymap_get(tot, "labels"), &t->ntotal_labels, "labels");
			}
		}
	}
}

/* two fields a table tells apart only by their brackets would read as one */
static void check_table_labels(struct pc_loader *L, struct pc_doc_table *t)
{
	struct pc_arena *a = pc_loader_arena(L);
	for (size_t i = 0; i < t->ncols; i++)
		for (size_t j = i + 1; j < t->ncols; j++) {
			const struct pc_table_col *x = &t->cols[i], *y = &t->cols[j];
			if (x->field == y->field) {
				pc_loader_error(L, t->at, "表「%s」に項目「%s」が2回あります", t->name, x->field->path);
				continue;
			}
			for (size_t p = 0; p < x->field->nfolded + x->naliases; p++)
				for (size_t q = 0; q < y->field->nfolded + y->naliases; q++) {
					const char *fa = p < x->field->nfolded ? x->field->folded[p]
									      : pc_label_fold(a, x->aliases[p - x->field->nfolded],
											      strlen(x->aliases[p - x->field->nfolded]));
					const char *fb = q < y->field->nfolded ? y->field->folded[q]
									      : pc_label_fold(a, y->aliases[q - y->field->nfolded],
											      strlen(y->aliases[q - y->field->nfolded]));
					if (*fa && !strcmp(fa, fb))
						pc_loader_error(L, t->at, "表「%s」で「%s」と「%s」が同じ名前「%s」で読まれます（括弧やスペースの違いは区別されません）",
								t->name, x->field->path, y->field->path, fa);
				}
		}
}

bool pc_schema_finish(struct pc_loader *L, struct pc_schema *s)
{
	struct pc_arena *a = pc_loader_arena(L);
	struct pc_doc *was = pc_loader_file(L);
	if (!s->file && s->build->n) {
		pc_loader_set_file(L, s->build->v[0].file);
		pc_loader_error(L, s->build->v[0].node, "program「%s」には項目を定義する schema.yml（fields:）がありません",
				s->program);
	}
	core_keys(L, s);
	reindex(a, s);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->build->n; i++)
			if (s->build->v[i].tables == (pass == 1)) {
				pc_loader_set_file(L, s->build->v[i].file);
				if (pass == 0)
					apply_add(L, s, &s->build->v[i]);
				else
					apply_tables(L, s, &s->build->v[i]);
			}
	for (size_t i = 0; i < s->nall; i++) {
		struct pc_field *f = s->all[i];
		fold_labels(a, f);
		if (f->file)
			pc_loader_set_file(L, f->file);
		if (f->unit_field) {
			const struct pc_field *u = pc_schema_field(s, f->unit_field);
			if (!u || u->type != PC_F_UNIT || strstr(u->path, "[]"))
				pc_loader_error(L, f->at, "「%s」の unit_field「%s」は type: unit の項目（リストの外）ではありません",
						f->path, f->unit_field);
		}
		if (f->role)
			for (size_t j = 0; j < i; j++)
				if (s->all[j]->role && !strcmp(s->all[j]->role, f->role))
					pc_loader_error(L, f->at, "role「%s」が「%s」と「%s」の2つにあります", f->role,
							s->all[j]->path, f->path);
	}
	for (size_t i = 0; i < s->ntables; i++) {
		pc_loader_set_file(L, s->tables[i].file);
		check_table_labels(L, &s->tables[i]);
	}
	pc_loader_set_file(L, was);
	return true;
}

/* ---- the core schema (no pack) ------------------------------------------------------ */

static struct pc_schema core_schema;
static struct pc_field core_fields[PC_ARRAY_LEN(core)];
static struct pc_field *core_children[PC_ARRAY_LEN(core)];
static const struct pc_field *core_slots[16];
static const char *core_suffix[1] = {"回"};

static pthread_once_t core_once = PTHREAD_ONCE_INIT;

static void core_build(void)
{
	for (size_t i = 0; i < PC_ARRAY_LEN(core); i++) {
		struct pc_field *f = &core_fields[i];
		f->key = f->path = core[i].key;
		f->label = core[i].label;
		f->type = core[i].t;
		f->vtype = core[i].t == PC_F_INT ? PC_V_INT : PC_V_TEXT;
		f->core = true;
		if (core[i].suffix) {
			f->suffixes = core_suffix;
			f->nsuffixes = 1;
		}
		f->parent = &core_schema.root;
		core_children[i] = f;
		size_t k = path_hash(f->path) & 15;
		while (core_slots[k])
			k = (k + 1) & 15;
		core_slots[k] = f;
	}
	core_schema.program = "";
	core_schema.root.key = core_schema.root.path = "";
	core_schema.root.children = core_children;
	core_schema.root.nchildren = PC_ARRAY_LEN(core);
	core_schema.slot = core_slots;
	core_schema.nslot = 16;
	core_schema.root.type = PC_F_MAP;
}

const struct pc_schema *pc_schema_core(void)
{
	pthread_once(&core_once, core_build);
	return &core_schema;
}

/* ---- lookups ------------------------------------------------------------------------ */

static bool folded_is(const struct pc_field *f, const char *folded)
{
	for (size_t i = 0; i < f->nfolded; i++)
		if (!strcmp(f->folded[i], folded))
			return true;
	return false;
}

static bool under_field(const struct pc_field *f, const struct pc_field *under)
{
	for (const struct pc_field *p = f->parent; p; p = p->parent)
		if (p == under)
			return true;
	return false;
}

const struct pc_field *pc_schema_by_label(const struct pc_schema *s, const struct pc_field *under,
					  const char *label)
{
	if (!s || !label)
		return NULL;
	struct pc_arena a = {0};
	const char *fl = pc_label_fold(&a, label, strlen(label));
	const struct pc_field *hit = NULL;
	bool twice = false;
	for (size_t i = 0; *fl && i < s->nall; i++) {
		const struct pc_field *f = s->all[i];
		if (under && !under_field(f, under))
			continue;
		if (folded_is(f, fl)) {
			twice |= hit != NULL;
			hit = f;
		}
	}
	pc_arena_release(&a);
	return twice ? NULL : hit;
}

const struct pc_field *pc_schema_role(const struct pc_schema *s, const char *role)
{
	for (size_t i = 0; s && i < s->nall; i++)
		if (s->all[i]->role && !strcmp(s->all[i]->role, role))
			return s->all[i];
	return NULL;
}

const char *pc_schema_enum(const struct pc_field *f, const char *written)
{
	if (!f || f->type != PC_F_ENUM || !written)
		return NULL;
	for (size_t i = 0; i < f->nvalues; i++)
		if (!strcmp(f->values[i].value, written))
			return f->values[i].value;
	struct pc_arena a = {0};
	const char *w = pc_label_fold(&a, written, strlen(written)), *hit = NULL;
	for (size_t i = 0; *w && i < f->nvalues && !hit; i++) {
		const struct pc_enum_value *v = &f->values[i];
		if (!strcmp(pc_label_fold(&a, v->value, strlen(v->value)), w))
			hit = v->value;
		for (size_t k = 0; k < v->naliases && !hit; k++)
			if (!strcmp(pc_label_fold(&a, v->aliases[k], strlen(v->aliases[k])), w))
				hit = v->value;
	}
	pc_arena_release(&a);
	return hit;
}

const char *pc_schema_enum_near(const struct pc_field *f, const char *written)
{
	if (!f || f->type != PC_F_ENUM || !written)
		return NULL;
	const char *best = NULL;
	size_t bd = (size_t)-1, wl = pc_utf8_count(written, strlen(written));
	for (size_t i = 0; i < f->nvalues; i++) {
		size_t d = pc_edit_distance(written, f->values[i].value);
		if (d < bd) {
			bd = d;
			best = f->values[i].value;
		}
	}
	/* edit distance counts bytes: a kanji slip is three */
	return bd <= (wl < 4 ? 3 : 6) ? best : NULL;
}

const struct pc_required *pc_schema_required(const struct pc_field *f, long round, const char *frame,
					     const char *topup)
{
	for (size_t i = 0; f && i < f->nrequired; i++) {
		const struct pc_required *q = &f->required[i];
		if ((q->rlo >= 0 || q->rhi >= 0) &&
		    (round < 0 || (q->rlo >= 0 && round < q->rlo) || (q->rhi >= 0 && round > q->rhi)))
			continue;
		if (q->nframes) {
			bool in = false;
			for (size_t k = 0; frame && k < q->nframes && !in; k++)
				in = !strcmp(q->frames[k], frame);
			if (!in)
				continue;
		}
		if (q->topup && (!topup || strcmp(q->topup, topup)))
			continue;
		return q;
	}
	return NULL;
}

const struct pc_doc_table *pc_schema_table(const struct pc_schema *s, const char *caption)
{
	if (!s || !caption)
		return NULL;
	struct pc_arena a = {0};
	const char *c = pc_label_fold(&a, caption, strlen(caption));
	const struct pc_doc_table *best = NULL;
	size_t bl = 0;
	for (size_t i = 0; *c && i < s->ntables; i++) {
		const struct pc_doc_table *t = &s->tables[i];
		for (size_t k = 0; k <= t->naliases; k++) {
			const char *nm = k ? t->aliases[k - 1] : t->name;
			const char *f = pc_label_fold(&a, nm, strlen(nm));
			size_t fl = strlen(f);
			if (fl > bl && strstr(c, f)) {
				best = t;
				bl = fl;
			}
		}
	}
	pc_arena_release(&a);
	return best;
}

const struct pc_field *pc_table_field(const struct pc_doc_table *t, const char *label)
{
	if (!t || !label)
		return NULL;
	struct pc_arena a = {0};
	const char *fl = pc_label_fold(&a, label, strlen(label));
	const struct pc_field *hit = NULL;
	for (size_t i = 0; *fl && i < t->ncols && !hit; i++) {
		const struct pc_table_col *c = &t->cols[i];
		if (folded_is(c->field, fl))
			hit = c->field;
		for (size_t k = 0; k < c->naliases && !hit; k++)
			if (!strcmp(pc_label_fold(&a, c->aliases[k], strlen(c->aliases[k])), fl))
				hit = c->field;
	}
	if (!hit && t->shape == PC_TABLE_YEARS)
		for (size_t k = 0; k < 2 && !hit; k++) {
			const struct pc_field *f = k ? t->kind : t->year;
			if (f && folded_is(f, fl))
				hit = f;
		}
	pc_arena_release(&a);
	return hit;
}

const char *pc_schema_near_path(const struct pc_schema *s, const char *path)
{
	const char *best = NULL;
	size_t bd = (size_t)-1;
	for (size_t i = 0; s && i < s->nall; i++) {
		size_t d = pc_edit_distance(path, s->all[i]->path);
		if (d < bd) {
			bd = d;
			best = s->all[i]->path;
		}
	}
	if (!s || !s->nall)
		for (size_t i = 0; s && i < s->root.nchildren; i++) {
			size_t d = pc_edit_distance(path, s->root.children[i]->path);
			if (d < bd) {
				bd = d;
				best = s->root.children[i]->path;
			}
		}
	return bd <= 3 ? best : NULL;
}
