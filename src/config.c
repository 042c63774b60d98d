/*
 * config.c - .plancheck.yml: found beside a draft or in the nearest parent
 * folder (up to the home folder or the root), read with the same YAML
 * layer as plans and rule packs and validated as strictly (unknown keys
 * with a did-you-mean, wrong types, rule ids no pack has, dictionaries
 * that cannot be read: each at file:line:col).  It holds `dict:` (word
 * lists, relative to the file), `rules:` (a level, or a map of the level
 * and rule parameters, per rule id or per `pack.*`), `rules_dirs:` (more
 * rule packs) and `format:`.  pc_setup keeps, for every draft of one
 * command, which configuration applies (cached by folder) and one rule
 * set per configuration (cached by file), so a batch of drafts under the
 * same configuration loads its rules once.
 */
#include "config.h"
#include "rules.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pc_setup_dir {
	char *dir;
	char *config;               /* NULL: none */
};

struct pc_setup_set {
	char *config;               /* NULL: the set without a configuration */
	struct pc_ruleset *rs;      /* NULL: loading failed (said once) */
};

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* the folder of a path, absolute ("." for a bare name) */
static char *folder_of(const char *path)
{
	char *c = strdup(path);
	if (!c)
		abort();
	char *slash = strrchr(c, '/');
	if (slash == c)
		c[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(c, ".");
	char *abs = realpath(c, NULL);
	free(c);
	return abs;
}

static char *config_in(const char *dir)
{
	size_t n = strlen(dir) + sizeof(PC_CONFIG_NAME) + 2;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", PC_CONFIG_NAME);
	if (is_file(p))
		return p;
	free(p);
	return NULL;
}

/* walk up from dir: the first folder with a configuration; stop after
 * the home folder, or at the root */
static char *find_from(const char *dir)
{
	const char *home = getenv("HOME");
	char *homeabs = home && *home ? realpath(home, NULL) : NULL;
	char *cur = strdup(dir);
	char *found = NULL;
	if (!cur)
		abort();
	for (;;) {
		found = config_in(cur);
		if (found || !strcmp(cur, "/") || (homeabs && !strcmp(cur, homeabs)))
			break;
		char *slash = strrchr(cur, '/');
		if (!slash)
			break;
		if (slash == cur)
			cur[1] = '\0';
		else
			*slash = '\0';
	}
	free(cur);
	free(homeabs);
	return found;
}

char *pc_config_find(const char *draft)
{
	char *dir = folder_of(draft);
	if (!dir)
		return NULL;
	char *f = find_from(dir);
	free(dir);
	return f;
}

/* ---- reading ------------------------------------------------------------ */

struct reader {
	struct pc_config *c;
	size_t errors;
};

static void cfg_error(struct reader *r, const struct pc_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cfg_error(struct reader *r, const struct pc_ynode *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t s = at ? at->start : 0, e = at && at->kind == PC_Y_SCALAR ? at->end : s;
	pc_finding_add(r->c->doc, "config.invalid", PC_ERROR, s, e, "%s", msg);
	r->errors++;
}

static bool is_null(const struct pc_ynode *n)
{
	return !n || n->kind == PC_Y_NULL ||
	       (n->kind == PC_Y_SCALAR && n->plain && (!n->len || !strcmp(n->str, "null") || !strcmp(n->str, "~")));
}

static const char *closest(const char *k, const char *const *names)
{
	const char *best = NULL;
	size_t bd = 3;
	for (const char *const *p = names; *p; p++) {
		size_t d = pc_edit_distance(k, *p);
		if (d < bd) {
			bd = d;
			best = *p;
		}
	}
	return best;
}

/* a path written in the file, made absolute against the file's folder */
static const char *resolve(struct reader *r, const char *p)
{
	struct pc_arena *a = &r->c->doc->arena;
	if (p[0] == '/')
		return pc_arena_strdup(a, p);
	if (p[0] == '~' && p[1] == '/' && getenv("HOME"))
		return pc_arena_printf(a, "%s/%s", getenv("HOME"), p + 2);
	char *dir = folder_of(r->c->path);
	const char *out = pc_arena_printf(a, "%s/%s", dir ? dir : ".", p);
	free(dir);
	return out;
}

/* a path that must name a readable file (dict) or a folder (rules_dirs) */
static void check_path(struct reader *r, const struct pc_ynode *at, const char *p, bool dir)
{
	char msg[1024];
	struct stat st;
	if (!dir && !pc_dict_readable(p, msg, sizeof(msg)))
		cfg_error(r, at, "%s", msg);
	else if (dir && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)))
		cfg_error(r, at, "規則のディレクトリ %s がありません", p);
}

/* a string, or a list of strings (paths) */
static const char **path_list(struct reader *r, const struct pc_ynode *n, const char *what, bool dir, size_t *count)
{
	*count = 0;
	if (is_null(n))
		return NULL;
	struct pc_arena *a = &r->c->doc->arena;
	if (n->kind == PC_Y_SCALAR) {
		const char **v = pc_arena_alloc(a, sizeof(*v));
		v[0] = resolve(r, n->str);
		check_path(r, n, v[0], dir);
		*count = 1;
		return v;
	}
	if (n->kind != PC_Y_SEQ) {
		cfg_error(r, n, "%s にはファイル名か、その「- 」で始まるリストを書いてください", what);
		return NULL;
	}
	const char **v = pc_arena_alloc(a, (n->n + 1) * sizeof(*v));
	for (size_t i = 0; i < n->n; i++) {
		const struct pc_ynode *it = n->vals[i];
		if (it->kind != PC_Y_SCALAR || !it->len) {
			cfg_error(r, it, "%s の項目にはファイル名を書いてください", what);
			continue;
		}
		v[*count] = resolve(r, it->str);
		check_path(r, it, v[(*count)++], dir);
	}
	return v;
}

static int level_of(const struct pc_ynode *n)
{
	static const char *const names[] = {"off", "info", "warning", "error"};
	static const int levels[] = {PC_LEVEL_OFF, PC_INFO, PC_WARNING, PC_ERROR};
	if (!n || n->kind != PC_Y_SCALAR)
		return PC_LEVEL_UNSET;
	for (size_t i = 0; i < PC_ARRAY_LEN(names); i++)
		if (!strcmp(n->str, names[i]))
			return levels[i];
	/* YAML 1.1 reads a plain off as false: accept the boolean spellings */
	if (n->plain && (!strcmp(n->str, "false") || !strcmp(n->str, "no")))
		return PC_LEVEL_OFF;
	return PC_LEVEL_UNSET;
}

static void read_rules(struct reader *r, const struct pc_ynode *n)
{
	if (is_null(n))
		return;
	if (n->kind != PC_Y_MAP) {
		cfg_error(r, n, "rules は「規則の id: off|info|warning|error」の組で書いてください");
		return;
	}
	struct pc_arena *a = &r->c->doc->arena;
	r->c->rules = pc_arena_alloc(a, n->n * sizeof(*r->c->rules));
	for (size_t i = 0; i < n->n; i++) {
		struct pc_ynode *k = n->keys[i], *v = n->vals[i];
		struct pc_rule_setting *s = &r->c->rules[r->c->nrules];
		s->key = k;
		s->level = PC_LEVEL_UNSET;
		size_t kl = k->len;
		s->pack_wide = kl > 2 && !strcmp(k->str + kl - 2, ".*");
		s->id = s->pack_wide ? pc_arena_strndup(a, k->str, kl - 2) : k->str;
		if (!strchr(k->str, '.') || !*s->id) {
			cfg_error(r, k, "「%s」は規則の id（パック名.規則名）でも「パック名.*」でもありません", k->str);
			continue;
		}
		const struct pc_ynode *lv = v;
		if (v->kind == PC_Y_MAP) {
			lv = pc_ymap_get(v, "level");
			/* the other keys are the rule's own parameters, checked
			 * against its kind when the rules are loaded */
			s->params = v;
			if (s->pack_wide && (v->n > 1 || !lv)) {
				cfg_error(r, v, "「%s」にはパックの規則すべての level だけを書けます", k->str);
				continue;
			}
		}
		if (lv) {
			s->level = level_of(lv);
			if (s->level == PC_LEVEL_UNSET) {
				cfg_error(r, lv, "「%s」の level は off, info, warning, error のどれかです", k->str);
				continue;
			}
		} else if (v->kind != PC_Y_MAP) {
			cfg_error(r, v, "「%s」には off, info, warning, error のどれか、または level と規則の設定の組を書いてください",
				  k->str);
			continue;
		}
		r->c->nrules++;
	}
}

bool pc_dict_readable(const char *path, char *err, size_t errlen)
{
	struct stat st;
	FILE *f;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "辞書 %s を開けません: %s", path, strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "辞書 %s はディレクトリです（一行に一語のファイルか hunspell の .dic を指定してください）",
			 path);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		/* opening a FIFO nobody writes to waits forever */
		snprintf(err, errlen, "辞書 %s は%s（一行に一語のファイルか hunspell の .dic を指定してください）", path,
			 S_ISFIFO(st.st_mode) ? "名前付きパイプ（FIFO）です" : S_ISSOCK(st.st_mode) ? "ソケットです"
			 : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "デバイスです" : "通常のファイルではありません");
		return false;
	}
	if (!(f = fopen(path, "r"))) {
		snprintf(err, errlen, "辞書 %s を開けません: %s", path, strerror(errno));
		return false;
	}
	fclose(f);
	return true;
}

static void print_errors(struct pc_config *c, FILE *errs, size_t n)
{
	struct pc_report_opts ro = {0};
	pc_findings_finish(c->doc);
	pc_report_text(c->doc, errs, &ro);
	fprintf(errs, "plancheck: 設定ファイルに %zu 件の誤りがあります（%s）\n", n, c->path);
}

struct pc_config *pc_config_load(const char *path, FILE *errs)
{
	struct pc_open_opts raw = {.raw = 1};
	char *err = NULL;
	struct pc_doc *d = pc_doc_open(path, &raw, &err);
	if (!d) {
		fprintf(errs, "plancheck: 設定ファイルを読めません: %s\n", err);
		free(err);
		return NULL;
	}
	struct pc_config *c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	c->path = strdup(path);
	c->doc = d;
	c->format = -1;
	struct reader r = {c, 0};
	if (d->unreadable) {
		/* too large, or not text: one error in a configuration's words
		 * (the reader's spoke of plans and of --max-size) */
		bool big = d->nfindings && !strcmp(d->findings[0].rule, "plan.too-large");
		d->nfindings = 0;
		if (big)
			cfg_error(&r, NULL, "設定ファイルが大きすぎます（上限 %zu バイト）: 設定ファイルは通常 1KB 未満です",
				  (size_t)PC_DEFAULT_MAX_SIZE);
		else
			cfg_error(&r, NULL, "設定ファイルがテキストではありません（UTF-8 の YAML で書いてください）");
		print_errors(c, errs, r.errors);
		pc_config_free(c);
		return NULL;
	}
	struct pc_yaml_opts yo = {.max_depth = 8, .refuse_aliases = true, .rule_prefix = "config"};
	struct pc_ynode *root = d->len ? pc_yaml_parse(d, 0, d->len, &yo) : NULL;
	size_t yaml_errors = pc_findings_count(d, PC_ERROR, 0);
	if (yaml_errors) {
		print_errors(c, errs, yaml_errors);
		pc_config_free(c);
		return NULL;
	}
	if (is_null(root))
		return c;   /* an empty file: nothing set */
	if (root->kind != PC_Y_MAP) {
		cfg_error(&r, root, "設定ファイルは「キー: 値」の組で書いてください（dict, rules, rules_dirs, format）");
		print_errors(c, errs, r.errors);
		pc_config_free(c);
		return NULL;
	}
	static const char *const keys[] = {"dict", "rules", "rules_dirs", "format", NULL};
	for (size_t i = 0; i < root->n; i++) {
		const char *k = root->keys[i]->str;
		bool known = false;
		for (const char *const *p = keys; *p; p++)
			known |= !strcmp(*p, k);
		if (known)
			continue;
		const char *best = closest(k, keys);
		if (best)
			cfg_error(&r, root->keys[i], "設定に不明なキー「%s」があります（「%s」の書き間違いではありませんか）", k,
				  best);
		else
			cfg_error(&r, root->keys[i], "設定に不明なキー「%s」があります（使えるのは dict, rules, rules_dirs, format）",
				  k);
	}
	c->dicts = path_list(&r, pc_ymap_get(root, "dict"), "dict", false, &c->ndicts);
	c->rules_dirs = path_list(&r, pc_ymap_get(root, "rules_dirs"), "rules_dirs", true, &c->nrules_dirs);
	const struct pc_ynode *fmt = pc_ymap_get(root, "format");
	if (!is_null(fmt)) {
		if (pc_yscalar_is(fmt, "text"))
			c->format = PC_FMT_TEXT;
		else if (pc_yscalar_is(fmt, "json"))
			c->format = PC_FMT_JSON;
		else if (pc_yscalar_is(fmt, "sarif"))
			c->format = PC_FMT_SARIF;
		else
			cfg_error(&r, fmt, "format は text, json, sarif のどれかです");
	}
	read_rules(&r, pc_ymap_get(root, "rules"));
	if (r.errors) {
		print_errors(c, errs, r.errors);
		pc_config_free(c);
		return NULL;
	}
	return c;
}

void pc_config_free(struct pc_config *c)
{
	if (!c)
		return;
	pc_doc_free(c->doc);
	free(c->path);
	free(c);
}

struct pc_rule_setting *pc_config_rule(const struct pc_config *c, const char *id)
{
	if (!c)
		return NULL;
	struct pc_rule_setting *pack = NULL;
	const char *dot = strchr(id, '.');
	size_t pl = dot ? (size_t)(dot - id) : strlen(id);
	for (size_t i = 0; i < c->nrules; i++) {
		struct pc_rule_setting *s = &c->rules[i];
		if (!s->pack_wide && !strcmp(s->id, id))
			return s;
		if (s->pack_wide && strlen(s->id) == pl && !strncmp(s->id, id, pl))
			pack = s;
	}
	return pack;
}

bool pc_config_check_ids(struct pc_config *c, const struct pc_ruleset *rs, FILE *errs)
{
	struct reader r = {c, 0};
	for (size_t i = 0; i < c->nrules; i++) {
		struct pc_rule_setting *s = &c->rules[i];
		if (s->used)
			continue;
		const char *best = NULL;
		size_t bd = 4;
		if (s->pack_wide) {
			for (size_t p = 0; p < rs->npacks; p++) {
				size_t dd = pc_edit_distance(s->id, rs->packs[p].name);
				if (dd < bd) {
					bd = dd;
					best = rs->packs[p].name;
				}
			}
			if (best)
				cfg_error(&r, s->key, "パック「%s」はありません（「%s.*」の書き間違いではありませんか）", s->id, best);
			else
				cfg_error(&r, s->key, "パック「%s」はありません（plancheck rules で一覧を表示します）", s->id);
			continue;
		}
		for (size_t k = 0; k < rs->nrules; k++) {
			size_t dd = pc_edit_distance(s->id, rs->rules[k].id);
			if (dd < bd) {
				bd = dd;
				best = rs->rules[k].id;
			}
		}
		if (best)
			cfg_error(&r, s->key, "規則「%s」はありません（「%s」の書き間違いではありませんか）", s->id, best);
		else
			cfg_error(&r, s->key, "規則「%s」はありません（plancheck rules で一覧を表示します）", s->id);
	}
	if (r.errors)
		print_errors(c, errs, r.errors);
	return r.errors == 0;
}

/* ---- the per-command cache ------------------------------------------------ */

void pc_setup_init(struct pc_setup *s, const char *rules_dir, FILE *errs)
{
	memset(s, 0, sizeof(*s));
	s->rules_dir = rules_dir;
	s->errs = errs;
	pthread_mutex_init(&s->lock, NULL);
}

/* which configuration applies to drafts in dir (cached: a batch of
 * drafts asks for the same few folders again and again) */
static const char *config_for_dir(struct pc_setup *s, const char *dir)
{
	for (size_t i = 0; i < s->ndirs; i++)
		if (!strcmp(s->dirs[i].dir, dir))
			return s->dirs[i].config;
	if (s->ndirs == s->capdirs) {
		s->capdirs = s->capdirs ? 2 * s->capdirs : 16;
		s->dirs = realloc(s->dirs, s->capdirs * sizeof(*s->dirs));
		if (!s->dirs)
			abort();
	}
	struct pc_setup_dir *e = &s->dirs[s->ndirs++];
	e->dir = strdup(dir);
	e->config = find_from(dir);
	return e->config;
}

struct pc_ruleset *pc_config_rules(const char *rules_dir, const char *config_path, const char *const *dicts,
				   size_t ndicts, FILE *errs)
{
	struct pc_config *cfg = NULL;
	if (config_path && !(cfg = pc_config_load(config_path, errs)))
		return NULL;
	const char *dirs[64];
	size_t nd = 0;
	dirs[nd++] = rules_dir;
	for (size_t i = 0; cfg && i < cfg->nrules_dirs && nd < PC_ARRAY_LEN(dirs); i++)
		dirs[nd++] = cfg->rules_dirs[i];
	struct pc_ruleset *rs = pc_rules_load_ex(dirs, nd, cfg, errs);   /* owns cfg */
	if (!rs)
		return NULL;
	if (cfg && !pc_config_check_ids(cfg, rs, errs)) {
		pc_rules_free(rs);
		return NULL;
	}
	/* the configuration's dictionaries, then the command line's */
	for (size_t i = 0; cfg && i < cfg->ndicts; i++)
		pc_rules_add_words(rs, cfg->dicts[i]);
	for (size_t i = 0; i < ndicts; i++)
		pc_rules_add_words(rs, dicts[i]);
	return rs;
}

struct pc_ruleset *pc_setup_rules(struct pc_setup *s, const char *draft, const struct pc_config **cfg)
{
	pthread_mutex_lock(&s->lock);
	const char *path = NULL;
	if (s->config)
		path = s->config;
	else if (!s->no_config && draft) {
		char *dir = folder_of(draft);
		if (dir)
			path = config_for_dir(s, dir);
		free(dir);
	}
	struct pc_setup_set *set = NULL;
	for (size_t i = 0; i < s->nsets && !set; i++)
		if ((!path && !s->sets[i].config) || (path && s->sets[i].config && !strcmp(path, s->sets[i].config)))
			set = &s->sets[i];
	if (!set) {
		if (s->nsets == s->capsets) {
			s->capsets = s->capsets ? 2 * s->capsets : 4;
			s->sets = realloc(s->sets, s->capsets * sizeof(*s->sets));
			if (!s->sets)
				abort();
		}
		set = &s->sets[s->nsets++];
		memset(set, 0, sizeof(*set));
		set->config = path ? strdup(path) : NULL;
		set->rs = pc_config_rules(s->rules_dir, path, s->dicts, s->ndicts, s->errs);
	}
	struct pc_ruleset *rs = set->rs;
	if (cfg)
		*cfg = rs ? rs->cfg : NULL;
	pthread_mutex_unlock(&s->lock);
	return rs;
}

void pc_setup_free(struct pc_setup *s)
{
	for (size_t i = 0; i < s->ndirs; i++) {
		free(s->dirs[i].dir);
		free(s->dirs[i].config);
	}
	free(s->dirs);
	for (size_t i = 0; i < s->nsets; i++) {
		pc_rules_free(s->sets[i].rs);
		free(s->sets[i].config);
	}
	free(s->sets);
	pthread_mutex_destroy(&s->lock);
}

static void newer(long long *t, const char *path)
{
	struct stat st;
	if (path && stat(path, &st) == 0 && st.st_mtime > *t)
		*t = st.st_mtime;
}

long long pc_setup_newest(struct pc_setup *s)
{
	long long t = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nsets; i++) {
		const struct pc_ruleset *rs = s->sets[i].rs;
		if (!rs)
			continue;
		for (size_t f = 0; f < rs->nfiles; f++)
			newer(&t, rs->files[f]->path);
		newer(&t, s->sets[i].config);
		for (size_t k = 0; rs->cfg && k < rs->cfg->ndicts; k++)
			newer(&t, rs->cfg->dicts[k]);
	}
	for (size_t k = 0; k < s->ndicts; k++)
		newer(&t, s->dicts[k]);
	pthread_mutex_unlock(&s->lock);
	return t;
}

const char pc_config_template[] =
	"# plancheck の設定ファイル（.plancheck.yml）\n"
	"#\n"
	"# plancheck は、検査する計画書と同じフォルダー、なければ親のフォルダーを順に\n"
	"# さかのぼって（ホームフォルダーかルートまで）いちばん近い .plancheck.yml を\n"
	"# 読みます。--config FILE でこのファイルを指定、--no-config で使わずに検査します。\n"
	"# どの設定が使われたかは plancheck check -v で表示されます。\n"
	"# 書き方を誤ると、その行を示して検査を止めます（終了コード 2）。\n"
	"\n"
	"# 利用者の辞書: 綴りの検査で正しいとする語のファイル（一行に一語、または\n"
	"# hunspell の .dic）。この設定ファイルのフォルダーからの相対パスで書きます。\n"
	"dict:\n"
	"#  - 用語集.txt\n"
	"\n"
	"# 規則ごとの扱い: off（使わない）、info、warning、error のどれか。\n"
	"# 「パック名.*」でそのパックの規則すべて。規則の id は plancheck rules で一覧できます。\n"
	"# level と規則の設定（文の長さの上限 max など）を組で書くこともできます。\n"
	"rules:\n"
	"#  common.style-mix: off\n"
	"#  common.unknown-word: info\n"
	"#  common.sentence-length:\n"
	"#    level: warning\n"
	"#    max: 100\n"
	"\n"
	"# 追加の規則パックのディレクトリ（rules/<パック名>/*.yml と同じ形）\n"
	"rules_dirs:\n"
	"#  - ../窓口の規則\n"
	"\n"
	"# 出力の形式: text、json、sarif のどれか（コマンドの --format が優先）\n"
	"# format: text\n";
