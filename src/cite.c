/*
 * cite.c - a rule's cite (a manual section id) as a reader can follow it:
 * the section's number and title exactly as the printed manual shows its
 * heading ("1.4 補助上限額") and the page it starts on.  They come from
 * manual/index.tsv, written by `plancheck manual --dump-index` when the
 * manual is laid out (make manual-index; make check fails when it is
 * stale), read once per process from the data directory, with the file of
 * manual/ the section is in (SARIF's helpUri points there).
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct pc_cite *cites;
static size_t ncites;
static char *text;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_cite(const void *a, const void *b)
{
	return strcmp(((const struct pc_cite *)a)->id, ((const struct pc_cite *)b)->id);
}

static void load(void)
{
	const char *dd = pc_data_dir_get();
	char path[4096];
	snprintf(path, sizeof(path), "%s/manual/index.tsv", dd ? dd : ".");
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	size_t cap = 0, len = 0;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			if (!(text = realloc(text, cap)))
				abort();
		}
		memcpy(text + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!text)
		return;
	text[len] = '\0';
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	cites = calloc(lines + 1, sizeof(*cites));
	if (!cites)
		abort();
	/* id TAB title TAB page TAB file, one section a line */
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
		if (!t1 || !t2)
			continue;
		*t1 = *t2 = '\0';
		if (t3)
			*t3 = '\0';
		cites[ncites++] = (struct pc_cite){line, t1 + 1, atoi(t2 + 1), t3 ? t3 + 1 : NULL};
	}
	qsort(cites, ncites, sizeof(*cites), cmp_cite);
}

const struct pc_cite *pc_cite_lookup(const char *id)
{
	if (!id)
		return NULL;
	pthread_once(&once, load);
	struct pc_cite key = {id, NULL, 0};
	return ncites ? bsearch(&key, cites, ncites, sizeof(*cites), cmp_cite) : NULL;
}

const char *pc_cite_text(struct pc_arena *a, const char *id)
{
	const struct pc_cite *c = pc_cite_lookup(id);
	if (!c)
		return id;
	return c->page > 0 ? pc_arena_printf(a, "%s（%dページ）", c->title, c->page) : c->title;
}
