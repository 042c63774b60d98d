/*
 * review.h - `plancheck review` in three parts: the walker that finds the
 * drafts (review_walk.c), the batch runner that checks them on N threads
 * and writes each one's outputs and the summaries (review_batch.c), and
 * the resume store that keeps a summary beside each draft's outputs so
 * --resume need not check it again (review_store.c).
 */
#ifndef PC_REVIEW_H
#define PC_REVIEW_H

#include "internal.h"

#include <sys/stat.h>

struct pc_ruleset;
struct pc_setup;

struct pc_review_opts {
	const char *const *args;    /* folders and files, as given */
	size_t nargs;
	const char *outdir;         /* exists and is a directory */
	bool pdf;                   /* a PDF per draft and summary.pdf */
	bool resume;
	bool quiet;
	bool follow_links;          /* walk links that lead out of a folder */
	int jobs;                   /* 0: one per core */
	struct pc_open_opts open;
	const struct pc_ruleset *rs;
	struct pc_setup *setup;     /* each draft's rules by its .plancheck.yml (config.h), or NULL: rs for all */
};
/* the exit status: 0 every draft can go, 1 some cannot, 2 an output could
 * not be written, 130 interrupted */
int pc_review_run(const struct pc_review_opts *o);

/* review_walk.c: the drafts under the arguments, each with the folder
 * argument it was found under (NULL for a file named directly; a missing
 * one is kept, to become a 読めない row), sorted by path; and every other
 * entry, skipped with its reason, sorted by path.  A found entry with a
 * why is a 読めない row that is not opened (x.md as a FIFO, a dangling
 * link).  skip: the output directory, never walked into. */
struct pc_found {
	char *path;
	char *root;
	char *why;
	/* the file the walker saw (device, inode; 0 0 when not walked):
	 * the batch reads that file or none (a draft swapped mid-run for a
	 * link out of the folder was read) */
	dev_t dev;
	ino_t ino;
};
struct pc_skipped {
	char *path;
	char *why;
};
struct pc_walk_opts {
	const struct stat *skip;
	bool follow_links;          /* links that lead out of the folder too */
};
struct pc_found *pc_review_find(const char *const *args, size_t nargs, const struct pc_walk_opts *o, size_t *n,
				struct pc_skipped **skipped, size_t *nskipped);
void pc_review_found_free(struct pc_found *f, size_t n, struct pc_skipped *s, size_t ns);
/* "clients/a/plan.md" under "clients" -> "a_plan" */
char *pc_review_out_name(const char *path, const char *root);

/* review_store.c: OUTDIR/.plancheck/<name>.row.  load returns NULL when
 * the stored summary is missing, for another path, or older than the
 * draft, the rules or the draft's outputs. */
void pc_store_save(const char *outdir, const struct pc_summary *s, bool pdf);
struct pc_summary *pc_store_load(struct pc_arena *a, const char *outdir, const char *path, const char *name,
				 bool pdf, long long rules_mtime);

#endif
