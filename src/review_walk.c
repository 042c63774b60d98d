/*
 * review_walk.c - which drafts a `review` reads.  Under each folder
 * argument, recursively and in name order: files ending .md, .txt or .docx
 * in any letter case are drafts, and so are the document kinds a reader
 * refuses with advice (.doc, .pdf, .xlsx, …: a 読めない row that says what
 * to do); every other entry - another extension, a hidden name, a FIFO,
 * socket or device, a dangling link, a link out of the folder, a folder or
 * file seen before - is listed as skipped with its reason, never silently
 * dropped and never opened (a FIFO would block).  A draft-named entry that
 * cannot be a draft (x.md as a FIFO, a dangling x.md) is a 読めない row
 * with its reason.  No folder or file is visited twice (device + inode),
 * so a symlink loop ends at once; a link that leads out of the folder is
 * followed only with --follow-links.  Each file argument is kept as given,
 * even a missing one (a 読めない row); a file named twice, or named and
 * also inside a folder named, is read once.  Sorted by path, so the
 * order never depends on the file system.
 */
#include "review.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

struct list {
	struct pc_found *v;
	size_t n, cap;
};

struct skips {
	struct pc_skipped *v;
	size_t n, cap;
};

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 64;
	v = realloc(v, *cap * size);
	if (!v)
		abort();
	return v;
}

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (!r)
		abort();
	return r;
}

static void add_found(struct list *l, const char *path, const char *root, const char *why)
{
	l->v = grow(l->v, &l->cap, l->n, sizeof(*l->v));
	l->v[l->n++] = (struct pc_found){xstrdup(path), root ? xstrdup(root) : NULL, why ? xstrdup(why) : NULL};
}

static void add_skip(struct skips *s, const char *path, const char *why)
{
	s->v = grow(s->v, &s->cap, s->n, sizeof(*s->v));
	s->v[s->n++] = (struct pc_skipped){xstrdup(path), xstrdup(why)};
}

/* ---- device + inode, seen once ------------------------------------------- */

struct seen {
	struct {
		dev_t dev;
		ino_t ino;
		bool used;
	} *slot;
	size_t n, cap;   /* cap a power of two */
};

/* true the first time (dev, ino) is offered */
static bool first_visit(struct seen *s, const struct stat *st)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t oc = s->cap, nc = oc ? oc * 2 : 256;
		__typeof__(s->slot) old = s->slot;
		s->slot = calloc(nc, sizeof(*s->slot));
		if (!s->slot)
			abort();
		s->cap = nc;
		s->n = 0;
		for (size_t i = 0; i < oc; i++)
			if (old[i].used) {
				struct stat t = {.st_dev = old[i].dev, .st_ino = old[i].ino};
				first_visit(s, &t);
			}
		free(old);
	}
	uint64_t h = pc_fnv1a((const char *)&st->st_ino, sizeof(st->st_ino), PC_FNV_SEED);
	h = pc_fnv1a((const char *)&st->st_dev, sizeof(st->st_dev), h);
	for (size_t k = h & (s->cap - 1);; k = (k + 1) & (s->cap - 1)) {
		if (!s->slot[k].used) {
			s->slot[k].used = true;
			s->slot[k].dev = st->st_dev;
			s->slot[k].ino = st->st_ino;
			s->n++;
			return true;
		}
		if (s->slot[k].dev == st->st_dev && s->slot[k].ino == st->st_ino)
			return false;
	}
}

/* (dev, ino) was offered before */
static bool seen_has(const struct seen *s, const struct stat *st)
{
	if (!s->cap)
		return false;
	uint64_t h = pc_fnv1a((const char *)&st->st_ino, sizeof(st->st_ino), PC_FNV_SEED);
	h = pc_fnv1a((const char *)&st->st_dev, sizeof(st->st_dev), h);
	for (size_t k = h & (s->cap - 1); s->slot[k].used; k = (k + 1) & (s->cap - 1))
		if (s->slot[k].dev == st->st_dev && s->slot[k].ino == st->st_ino)
			return true;
	return false;
}

/* ---- what a name is ---------------------------------------------------------- */

static bool has_ext(const char *name, const char *const *exts, size_t n)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(dot + 1, exts[i]))
			return true;
	return false;
}

/* what people write plans in */
static bool draft_name(const char *name)
{
	static const char *const exts[] = {"md", "txt", "docx"};
	return has_ext(name, exts, PC_ARRAY_LEN(exts));
}

/* documents a reader knows and refuses with what to do instead */
static bool document_name(const char *name)
{
	static const char *const exts[] = {"doc", "docm", "dotx", "rtf", "odt", "pdf", "xlsx", "xls", "xlsm",
					   "ods", "pages", "ppt", "pptx"};
	return has_ext(name, exts, PC_ARRAY_LEN(exts));
}

static const char *kind_of(mode_t m)
{
	return S_ISFIFO(m)  ? "名前付きパイプ（FIFO）です"
	       : S_ISSOCK(m) ? "ソケットです"
	       : S_ISCHR(m) || S_ISBLK(m) ? "デバイスです"
				      : "通常のファイルではありません";
}

/* real is inside (or is) dir_real */
static bool inside(const char *real, const char *dir_real)
{
	size_t l = strlen(dir_real);
	if (l == 1 && dir_real[0] == '/')
		return true;
	return !strncmp(real, dir_real, l) && (real[l] == '/' || real[l] == '\0');
}

/* ---- the walk ------------------------------------------------------------------ */

struct walk {
	struct list *out;
	struct skips *skipped;
	struct seen *seen;
	const struct seen *named;   /* the files named as arguments */
	const struct pc_walk_opts *o;
	const char *root;           /* as given, trailing / removed */
	char *root_real;            /* realpath of root */
	char **stack;               /* folders still to read (paths) */
	int *depth;
	size_t sp, cap;
	/* links, taken after everything reached without one: a file or
	 * folder reached both ways is read under its own name */
	struct pc_found *links;     /* path, and the depth of its folder in why */
	int *linkdepth;
	size_t nlinks, caplinks;
	bool taking_links;
	struct pc_arena tmp;        /* display names for messages */
};

static void push(struct walk *w, const char *path, int depth)
{
	if (w->sp == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->stack = realloc(w->stack, w->cap * sizeof(*w->stack));
		w->depth = realloc(w->depth, w->cap * sizeof(*w->depth));
		if (!w->stack || !w->depth)
			abort();
	}
	w->stack[w->sp] = xstrdup(path);
	w->depth[w->sp++] = depth;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* one entry of a folder, at path */
static void entry(struct walk *w, const char *path, const char *name, int depth, char ***subdirs, size_t *nsub,
		  size_t *capsub)
{
	struct stat lst, st;
	char reason[512];
	if (name[0] == '.') {
		add_skip(w->skipped, path, "隠しファイル・フォルダーです");
		return;
	}
	if (lstat(path, &lst) != 0) {
		snprintf(reason, sizeof(reason), "情報を読めません: %s", strerror(errno));
		add_skip(w->skipped, path, reason);
		return;
	}
	st = lst;
	if (S_ISLNK(lst.st_mode) && !w->taking_links) {
		w->links = grow(w->links, &w->caplinks, w->nlinks, sizeof(*w->links));
		w->linkdepth = realloc(w->linkdepth, w->caplinks * sizeof(*w->linkdepth));
		if (!w->linkdepth)
			abort();
		w->links[w->nlinks] = (struct pc_found){xstrdup(path), xstrdup(name), NULL};
		w->linkdepth[w->nlinks++] = depth;
		return;
	}
	if (S_ISLNK(lst.st_mode)) {
		if (stat(path, &st) != 0) {
			if (draft_name(name))
				add_found(w->out, path, w->root, "リンク先がありません（リンク切れ）");
			else
				add_skip(w->skipped, path, "リンク先がありません（リンク切れ）");
			return;
		}
		char *real = realpath(path, NULL);
		bool in = real && inside(real, w->root_real);
		free(real);
		if (!in && !w->o->follow_links) {
			add_skip(w->skipped, path, "フォルダーの外を指すリンクです（読むには --follow-links）");
			return;
		}
	}
	if (S_ISDIR(st.st_mode)) {
		if (w->o->skip && st.st_dev == w->o->skip->st_dev && st.st_ino == w->o->skip->st_ino) {
			add_skip(w->skipped, path, "出力先のフォルダーです");
			return;
		}
		if (!first_visit(w->seen, &st)) {
			add_skip(w->skipped, path, "既に読んだフォルダーです（リンクの循環か、同じフォルダーへのリンク）");
			return;
		}
		if (depth + 1 > MAX_DEPTH) {
			add_skip(w->skipped, path, "フォルダーの階層が深すぎます（64 階層まで）");
			return;
		}
		*subdirs = grow(*subdirs, capsub, *nsub, sizeof(**subdirs));
		(*subdirs)[(*nsub)++] = xstrdup(path);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		/* never opened: a FIFO with no writer would block the batch */
		if (draft_name(name))
			add_found(w->out, path, w->root, kind_of(st.st_mode));
		else
			add_skip(w->skipped, path, kind_of(st.st_mode));
		return;
	}
	if (!first_visit(w->seen, &st)) {
		add_skip(w->skipped, path, seen_has(w->named, &st)
						   ? "既に読んだファイルです（ファイルとしても指定されています）"
						   : "既に読んだファイルです（同じファイルへのリンク）");
		return;
	}
	if (draft_name(name) || document_name(name)) {
		add_found(w->out, path, w->root, NULL);
		w->out->v[w->out->n - 1].dev = st.st_dev;
		w->out->v[w->out->n - 1].ino = st.st_ino;
		return;
	}
	const char *dot = strrchr(name, '.');
	if (dot && dot != name && strlen(dot) <= 16) {
		const char *shown = pc_display_name(&w->tmp, dot);
		snprintf(reason, sizeof(reason), "計画書の種類ではありません（%s）", shown);
	} else
		snprintf(reason, sizeof(reason), "計画書の種類ではありません（.md・.txt・.docx を読みます）");
	add_skip(w->skipped, path, reason);
}

static void read_folder(struct walk *w, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		char reason[512];
		snprintf(reason, sizeof(reason), "フォルダーを開けません: %s", strerror(errno));
		add_skip(w->skipped, dir, reason);
		return;
	}
	/* names sorted, so which of two links to one folder is read (and
	 * which is the one skipped) never depends on the file system */
	char **names = NULL;
	size_t nn = 0, capn = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names = grow(names, &capn, nn, sizeof(*names));
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), cmp_name);
	char **sub = NULL;
	size_t nsub = 0, capsub = 0;
	for (size_t i = 0; i < nn; i++) {
		size_t l = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(l);
		if (!p)
			abort();
		snprintf(p, l, "%s/%s", dir, names[i]);
		if (l > PATH_MAX)
			add_skip(w->skipped, p, "パスが長すぎます");
		else
			entry(w, p, names[i], depth, &sub, &nsub, &capsub);
		free(p);
		free(names[i]);
	}
	free(names);
	/* depth first, in name order: the stack takes them last first */
	for (size_t i = nsub; i-- > 0;) {
		push(w, sub[i], depth + 1);
		free(sub[i]);
	}
	free(sub);
}

static void walk_root(struct walk *w, const char *root, const struct stat *st)
{
	w->root = root;
	w->root_real = realpath(root, NULL);
	if (!w->root_real)
		w->root_real = xstrdup(root);
	if (w->o->skip && st->st_dev == w->o->skip->st_dev && st->st_ino == w->o->skip->st_ino) {
		add_skip(w->skipped, root, "出力先のフォルダーです");
	} else if (!first_visit(w->seen, st)) {
		add_skip(w->skipped, root, "既に読んだフォルダーです");
	} else {
		push(w, root, 0);
		/* rounds: the folders reached without a link, then the links
		 * met on the way (a linked folder may hold links again) */
		while (w->sp || w->nlinks) {
			while (w->sp) {
				w->sp--;
				char *dir = w->stack[w->sp];
				read_folder(w, dir, w->depth[w->sp]);
				free(dir);
			}
			struct pc_found *links = w->links;
			int *depth = w->linkdepth;
			size_t nl = w->nlinks;
			w->links = NULL;
			w->linkdepth = NULL;
			w->nlinks = w->caplinks = 0;
			char **sub = NULL;
			size_t nsub = 0, capsub = 0;
			w->taking_links = true;
			for (size_t i = 0; i < nl; i++) {
				nsub = 0;
				entry(w, links[i].path, links[i].root, depth[i], &sub, &nsub, &capsub);
				for (size_t k = 0; k < nsub; k++) {
					push(w, sub[k], depth[i] + 1);
					free(sub[k]);
				}
				free(links[i].path);
				free(links[i].root);
			}
			w->taking_links = false;
			free(sub);
			free(links);
			free(depth);
		}
	}
	free(w->root_real);
	w->root_real = NULL;
}

struct seq {
	struct pc_found f;
	size_t i;
};

/* by path; one file named twice stays in argument order */
static int cmp_seq(const void *a, const void *b)
{
	const struct seq *x = a, *y = b;
	int c = strcmp(x->f.path, y->f.path);
	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_skip(const void *a, const void *b)
{
	return strcmp(((const struct pc_skipped *)a)->path, ((const struct pc_skipped *)b)->path);
}

struct pc_found *pc_review_find(const char *const *args, size_t nargs, const struct pc_walk_opts *o, size_t *n,
				struct pc_skipped **skipped, size_t *nskipped)
{
	struct list found = {0};
	struct skips sk = {0};
	struct seen seen = {0};
	struct seen named = {0};
	struct walk w = {.out = &found, .skipped = &sk, .seen = &seen, .named = &named, .o = o};
	/* two phases: first the files named, then the folders, so a draft
	 * both named and inside a folder named is read once, under the name
	 * given, whatever the order of the arguments */
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) != 0) {
			add_found(&found, args[i], NULL, NULL);   /* as given; missing: a 読めない row */
		} else if (!S_ISDIR(st.st_mode)) {
			if (S_ISREG(st.st_mode) && !first_visit(&seen, &st))
				add_skip(&sk, args[i], "既に指定したファイルです（一度だけ読みます）");
			else {
				first_visit(&named, &st);
				add_found(&found, args[i], NULL, NULL);
			}
		}
	}
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			char *root = xstrdup(args[i]);
			size_t rl = strlen(root);
			while (rl > 1 && root[rl - 1] == '/')
				root[--rl] = '\0';
			walk_root(&w, root, &st);
			free(root);
		}
	}
	free(w.stack);
	free(w.depth);
	free(seen.slot);
	free(named.slot);
	pc_arena_release(&w.tmp);
	if (found.n > 1) {
		struct seq *s = malloc(found.n * sizeof(*s));
		if (!s)
			abort();
		for (size_t i = 0; i < found.n; i++)
			s[i] = (struct seq){found.v[i], i};
		qsort(s, found.n, sizeof(*s), cmp_seq);
		for (size_t i = 0; i < found.n; i++)
			found.v[i] = s[i].f;
		free(s);
	}
	if (sk.n > 1)
		qsort(sk.v, sk.n, sizeof(*sk.v), cmp_skip);
	*skipped = sk.v;
	*nskipped = sk.n;
	*n = found.n;
	return found.v;
}

void pc_review_found_free(struct pc_found *f, size_t n, struct pc_skipped *s, size_t ns)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].path);
		free(f[i].root);
		free(f[i].why);
	}
	free(f);
	for (size_t i = 0; i < ns; i++) {
		free(s[i].path);
		free(s[i].why);
	}
	free(s);
}

char *pc_review_out_name(const char *path, const char *root)
{
	const char *rel = path;
	size_t rl = root ? strlen(root) : 0;
	if (root && !strncmp(path, root, rl) && path[rl] == '/')
		rel = path + rl + 1;
	else {
		const char *slash = strrchr(path, '/');
		rel = slash ? slash + 1 : path;
	}
	/* the name as it is shown (a CP932 name from a Windows zip becomes
	 * UTF-8), without its draft extension, and nothing a file name on a
	 * Windows share cannot hold */
	struct pc_arena a = {0};
	char *n = xstrdup(pc_display_name(&a, rel));
	pc_arena_release(&a);
	size_t l = strlen(n);
	const char *dot = strrchr(n, '.');
	if (dot && dot != n && draft_name(n))
		n[dot - n] = '\0';
	(void)l;
	for (char *c = n; *c; c++)
		if (strchr("/\\:*?\"<>|", *c))
			*c = '_';
	/* a file name holds 255 bytes, and NAME.json.tmp.XXXXXX must fit: a
	 * long one (a deep folder's drafts) keeps its first 160 bytes, cut
	 * at a character, and a hash of the whole, so two stay apart */
	size_t nl = strlen(n);
	if (nl > 200) {
		unsigned long long h = (unsigned long long)pc_fnv1a(n, nl, PC_FNV_SEED);
		size_t cut = 160;
		while (cut > 0 && ((unsigned char)n[cut] & 0xC0) == 0x80)
			cut--;
		snprintf(n + cut, nl + 1 - cut, "-%016llx", h);
	}
	return n;
}
