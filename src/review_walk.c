/*
 * review_walk.c - which drafts a `review` reads: every *.md under each
 * folder argument (recursively, hidden entries skipped, never into the
 * output folder), and each file argument as given, even a missing one
 * (it becomes a 読めない row).  Sorted by path, so the order never
 * depends on the file system.
 */
#include "review.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

struct list {
	struct pc_found *v;
	size_t n, cap;
};

static void list_add(struct list *l, char *path, char *root)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] = (struct pc_found){path, root};
}

static bool ends_md(const char *s)
{
	size_t l = strlen(s);
	return l > 3 && !strcmp(s + l - 3, ".md");
}

static void walk(const char *dir, int depth, struct list *out, const struct stat *skip, const char *root)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d || depth > 32) {
		if (d)
			closedir(d);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		if (!p)
			abort();
		snprintf(p, n, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			/* not the output directory, if it sits inside the input */
			if (!(skip && st.st_dev == skip->st_dev && st.st_ino == skip->st_ino))
				walk(p, depth + 1, out, skip, root);
			free(p);
		} else if (S_ISREG(st.st_mode) && ends_md(e->d_name)) {
			char *r = strdup(root);
			if (!r)
				abort();
			list_add(out, p, r);
		} else
			free(p);
	}
	closedir(d);
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

struct pc_found *pc_review_find(const char *const *args, size_t nargs, const struct stat *skip, size_t *n)
{
	struct list found = {0};
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			char *root = strdup(args[i]);
			if (!root)
				abort();
			size_t rl = strlen(root);
			while (rl > 1 && root[rl - 1] == '/')
				root[--rl] = '\0';
			walk(root, 0, &found, skip, root);
			free(root);
		} else {
			char *p = strdup(args[i]);   /* missing: a 読めない row */
			if (!p)
				abort();
			list_add(&found, p, NULL);
		}
	}
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
	*n = found.n;
	return found.v;
}

void pc_review_found_free(struct pc_found *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].path);
		free(f[i].root);
	}
	free(f);
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
	char *n = strdup(rel);
	if (!n)
		abort();
	size_t l = strlen(n);
	if (l > 3 && !strcmp(n + l - 3, ".md"))
		n[l - 3] = '\0';
	for (char *c = n; *c; c++)
		if (*c == '/' || *c == '\\' || *c == ':')
			*c = '_';
	return n;
}
