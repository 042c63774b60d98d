/*
 * book.h - the printed manual and handbook, and the cite check (book.c).
 */
#ifndef PC_BOOK_H
#define PC_BOOK_H

#include "rules.h"

/* index: "id TAB heading as printed TAB page" for every section with an
 * id (manual/index.tsv, which cites are shown with) */
/* rs: the rules whose frames fill the chapters' frames sections (may be NULL) */
int pc_book_manual(const char *datadir, const struct pc_ruleset *rs, const char *path, FILE *toc, FILE *lines,
		   FILE *index, char *err, size_t errlen);
int pc_book_handbook(const char *datadir, const struct pc_ruleset *rs, const char *path, FILE *toc, FILE *lines,
		     char *err, size_t errlen);
int pc_book_check_cites(const char *datadir, const struct pc_ruleset *rs, FILE *out);

#endif
