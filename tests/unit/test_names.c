/*
 * test_names.c - no program's knowledge in C: every name a program pack
 * declares (its fields and their labels and aliases, enumeration values,
 * lets, computed figures, tables, the figures and charts the reports show,
 * its program and top-up names) is read from rules/<pack>/NAME.yml with the
 * YAML layer, and no string literal in src/ may be one of them - exactly,
 * or as a dotted part of a path ("financial_plan.rows").  The core keys
 * (plancheck, program, round, frame, topup) and the role names C looks
 * fields up by (role: name, steps, type) are C's own words.  Run from the
 * repository's root, as tests/run.sh does.
 */
#include "internal.h"
#include "unit.h"

#include <dirent.h>
#include <stdlib.h>

struct name {
	const char *s, *file;
	size_t line;
};
static struct name *names;
static size_t nnames, capnames;
/* the formats' own words: keys in keyword places (kind, rows, unit …) and
 * the values of type/kind/role/shape/level/format - C knows these */
static struct name *vocab;
static size_t nvocab, capvocab;
static bool collect = true;
static char **files;          /* the rule files' names, freed at the end */
static size_t nfiles;   /* names too (program packs), or words only */

static void add_to(struct name **v, size_t *n, size_t *cap, const char *s, const char *file, size_t line)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].s, s))
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*v = realloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = (struct name){strdup(s), file, line};
}

static void add(const char *s, const char *file, size_t line)
{
	if (collect)
		add_to(&names, &nnames, &capnames, s, file, line);
}

static void word(const char *s)
{
	add_to(&vocab, &nvocab, &capvocab, s, "", 0);
}

static size_t line_of(const struct pc_doc *d, size_t off)
{
	size_t line, col;
	pc_doc_linecol(d, off, &line, &col);
	return line;
}

static bool key_is(const struct pc_ynode *k, const char *const *set)
{
	for (; *set; set++)
		if (k && k->str && !strcmp(k->str, *set))
			return true;
	return false;
}

static const char *const core[] = {"plancheck", "program", "round", "frame", "topup", NULL};
static const char *const word_vals[] = {"type", "kind", "role", "shape", "level", "format", NULL};

/* whose keys are names: fields, enumeration values, lets, tables, figure
 * columns, frame dimensions and columns */
static const char *const name_maps[] = {"fields", "values", "let", "tables", "columns", "dimensions", "add", NULL};
/* whose scalar values (or list items) are names or labels */
static const char *const name_vals[] = {"label", "short", "aliases", "title", "short_title", "caption",
					"computed", "key", "over", "program", "topup", "heading", "total_labels",
					"frame", "schema", "frames", NULL};

/* defn: n is a definition (a file, a rule, a field, a let, a figure …),
 * whose keys are the format's keywords */
static void walk(struct pc_doc *d, const struct pc_ynode *n, const struct pc_ynode *key, const char *file, bool defn)
{
	static const char *const item_lists[] = {"rules", "figures", "charts", "verdict", "rows", NULL};
	if (!n)
		return;
	if (n->kind == PC_Y_SCALAR) {
		if (key_is(key, name_vals))
			add(n->str, file, line_of(d, n->start));
		if (key_is(key, word_vals))
			word(n->str);
		return;
	}
	if (n->kind == PC_Y_SEQ) {
		for (size_t i = 0; i < n->n; i++)
			walk(d, n->vals[i], key_is(key, name_vals) ? key : NULL, file,
			     key_is(key, item_lists) && n->vals[i]->kind == PC_Y_MAP);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct pc_ynode *k = n->keys[i], *v = n->vals[i];
		if (!key_is(key, name_maps)) {
			if (defn)
				word(k->str);
			walk(d, v, k, file, defn && v->kind == PC_Y_MAP && !strcmp(k->str, "applies"));
			continue;
		}
		/* a core key's field or a field C finds by its role: what C
		 * calls it is C's own (公募回, 事業者名) */
		if (key && !strcmp(key->str, "fields") &&
		    (key_is(k, core) || (v->kind == PC_Y_MAP && pc_ymap_get(v, "role")))) {
			word(k->str);
			const struct pc_ynode *lb = pc_ymap_get(v, "label"), *al = pc_ymap_get(v, "aliases");
			if (lb && lb->kind == PC_Y_SCALAR)
				word(lb->str);
			for (size_t q = 0; al && al->kind == PC_Y_SEQ && q < al->n; q++)
				word(al->vals[q]->str);
			/* its own words only: the fields under it are the program's */
			bool was = collect;
			bool core_key = key_is(k, core);
			if (core_key)
				collect = false;
			for (size_t q = 0; v->kind == PC_Y_MAP && q < v->n; q++) {
				const struct pc_ynode *kk = v->keys[q];
				bool own = key_is(kk, name_vals) && strcmp(kk->str, "title");
				if (own && !core_key)
					collect = false;
				walk(d, v->vals[q], kk, file, v->vals[q]->kind == PC_Y_MAP && !strcmp(kk->str, "applies"));
				collect = core_key ? false : was;
				word(kk->str);
			}
			collect = was;
			continue;
		}
		add(k->str, file, line_of(d, k->start));
		walk(d, v, k, file, v->kind == PC_Y_MAP);
	}
}

/* a program pack: one that names a program (or a schema) */
static bool program_pack(const struct pc_ynode *root)
{
	const struct pc_ynode *ap = pc_ymap_get(root, "applies");
	return pc_ymap_get(ap, "program") || pc_ymap_get(root, "schema") || pc_ymap_get(root, "frames");
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **list(const char *dir, const char *suffix, size_t *n)
{
	DIR *dh = opendir(dir);
	char **v = NULL;
	*n = 0;
	if (!dh)
		return NULL;
	struct dirent *e;
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name), sl = suffix ? strlen(suffix) : 0;
		if (e->d_name[0] == '.' || (suffix && (l < sl || strcmp(e->d_name + l - sl, suffix))))
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = strdup(e->d_name);
	}
	closedir(dh);
	qsort(v, *n, sizeof(*v), cmp);
	return v;
}

static bool own_word(const char *s)
{
	/* C's own that no pack file writes as a keyword: a command's name,
	 * an expression function's name, the schema type amount's name */
	static const char *const c_words[] = {"new", "pages", "金額", NULL};
	for (const char *const *c = core; *c; c++)
		if (!strcmp(*c, s))
			return true;
	for (const char *const *c = c_words; *c; c++)
		if (!strcmp(*c, s))
			return true;
	for (size_t i = 0; i < nvocab; i++)
		if (!strcmp(vocab[i].s, s))
			return true;
	return false;
}

/* is literal lit (len bytes) a name, or a path with the name as a part */
static const struct name *hit(const char *lit, size_t len)
{
	for (size_t i = 0; i < nnames; i++) {
		const char *s = names[i].s;
		size_t sl = strlen(s);
		if (own_word(s))
			continue;
		if (sl == len && !memcmp(lit, s, len))
			return &names[i];
		/* "a.b[].c": each part */
		for (size_t p = 0; p + sl <= len; p++) {
			if (memcmp(lit + p, s, sl))
				continue;
			bool left = p == 0 || lit[p - 1] == '.';
			bool right = p + sl == len || lit[p + sl] == '.' || lit[p + sl] == '[';
			bool pathy = memchr(lit, '.', len) != NULL;
			if (pathy && left && right) {
				/* a path: only identifier characters and dots */
				bool ident = true;
				for (size_t k = 0; k < len && ident; k++)
					ident = (lit[k] >= 'a' && lit[k] <= 'z') || (lit[k] >= '0' && lit[k] <= '9') ||
						lit[k] == '_' || lit[k] == '.' || lit[k] == '[' || lit[k] == ']';
				if (ident)
					return &names[i];
			}
		}
	}
	return NULL;
}

/* every string literal of a C file (comments and character constants
 * skipped; adjacent literals separately) */
static void scan(const char *path, size_t *found)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	char *src = NULL;
	size_t n = 0, cap = 0;
	int c;
	while ((c = fgetc(f)) != EOF) {
		if (n + 1 >= cap)
			src = realloc(src, cap = cap ? 2 * cap : 65536);
		src[n++] = (char)c;
	}
	fclose(f);
	size_t line = 1;
	char *lit = malloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '\n')
			line++;
		else if (src[i] == '#' && (i == 0 || src[i - 1] == '\n')) {
			/* a preprocessor line: #include "kind.h" names a header */
			while (i + 1 < n && src[i + 1] != '\n')
				i++;
		} else if (src[i] == '/' && i + 1 < n && src[i + 1] == '/') {
			while (i < n && src[i] != '\n')
				i++;
			line++;
		} else if (src[i] == '/' && i + 1 < n && src[i + 1] == '*') {
			for (i += 2; i + 1 < n && !(src[i] == '*' && src[i + 1] == '/'); i++)
				line += src[i] == '\n';
			i++;
		} else if (src[i] == '\'') {
			for (i++; i < n && src[i] != '\''; i++)
				if (src[i] == '\\')
					i++;
		} else if (src[i] == '"') {
			size_t l = 0, at = line;
			for (i++; i < n && src[i] != '"'; i++) {
				if (src[i] == '\\' && i + 1 < n) {
					i++;
					lit[l++] = src[i] == 'n' ? '\n' : src[i] == 't' ? '\t' : src[i];
				} else
					lit[l++] = src[i];
			}
			const struct name *h = hit(lit, l);
			if (h) {
				fprintf(stderr, "%s:%zu: \"%.*s\" is %s's \"%s\" (line %zu)\n", path, at, (int)l, lit, h->file,
					h->s, h->line);
				(*found)++;
			}
		}
	}
	free(lit);
	free(src);
}

int main(void)
{
	size_t npk, packs_read = 0;
	char **packs = list("rules", NULL, &npk);
	OK(packs != NULL, "rules/ is readable (run from the repository's root)");
	struct pc_open_opts raw = {.raw = 1};
	for (size_t i = 0; i < npk; i++) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "rules/%s", packs[i]);
		size_t ny;
		char **ymls = list(dir, ".yml", &ny);
		struct pc_doc **docs = calloc(ny + 1, sizeof(*docs));
		struct pc_ynode **roots = calloc(ny + 1, sizeof(*roots));
		bool program = false;
		for (size_t k = 0; k < ny; k++) {
			char path[2048];
			snprintf(path, sizeof(path), "%s/%s", dir, ymls[k]);
			char *err = NULL;
			docs[k] = pc_doc_open(path, &raw, &err);
			free(err);
			if (!docs[k])
				continue;
			struct pc_yaml_opts yo = {.max_depth = 16, .refuse_aliases = true, .rule_prefix = "rules"};
			roots[k] = docs[k]->len ? pc_yaml_parse(docs[k], 0, docs[k]->len, &yo) : NULL;
			program |= roots[k] && program_pack(roots[k]);
		}
		for (size_t k = 0; k < ny; k++)
			if (roots[k]) {
				char *file = malloc(strlen(dir) + strlen(ymls[k]) + 2);
				sprintf(file, "%s/%s", dir, ymls[k]);
				files = realloc(files, (nfiles + 1) * sizeof(*files));
				files[nfiles++] = file;
				collect = program;
				walk(docs[k], roots[k], NULL, file, true);
			}
		packs_read += program;
		for (size_t k = 0; k < ny; k++) {
			if (docs[k])
				pc_doc_free(docs[k]);
			free(ymls[k]);
		}
		free(ymls);
		free(docs);
		free(roots);
		free(packs[i]);
	}
	free(packs);
	OK(packs_read >= 2, "program packs read: %zu", packs_read);
	OK(nnames > 100, "names read from them: %zu", nnames);
	/* the harness itself: a known name is found in a literal */
	OK(hit("national_max", 12) && hit("financial_plan.rows", 19), "the matcher finds a name and a path");
	OK(!hit("round", 5), "core keys are C's");

	size_t nsrc, found = 0;
	char **srcs = list("src", ".c", &nsrc);
	OK(nsrc > 20, "src/*.c: %zu files", nsrc);
	for (size_t i = 0; i < nsrc; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "src/%s", srcs[i]);
		scan(path, &found);
		free(srcs[i]);
	}
	free(srcs);
	INT_EQ(found, 0, "string literals in src/ that name a program's field, figure or label");
	for (size_t i = 0; i < nnames; i++)
		free((char *)names[i].s);
	for (size_t i = 0; i < nvocab; i++)
		free((char *)vocab[i].s);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(names);
	free(vocab);
	free(files);
	return unit_done("names");
}
