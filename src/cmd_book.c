/*
 * cmd_book.c - `plancheck manual -o OUT.pdf` and `plancheck handbook -o
 * OUT.pdf`: the printed books, from manual/ and rules/.  `manual
 * --check-cites` fails when a rule cites a section the manual lacks.
 * --dump-toc writes "level<TAB>title<TAB>page as printed<TAB>PDF page" for
 * the TOC test; manual --dump-index FILE the cite index (manual/index.tsv:
 * "id<TAB>heading as printed<TAB>page<TAB>file in manual/").
 */
#include "cli.h"
#include "book.h"

#include <stdlib.h>
#include <string.h>

static int book(int argc, char **argv, bool handbook)
{
	static const char *const flags[] = {"--check-cites", NULL};
	static const char *const values[] = {"--dump-toc", "--dump-lines", "--dump-index", NULL};
	const char *cmd = handbook ? "handbook" : "manual";
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, cmd, argc, argv, flags, values);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck %s -o OUT.pdf%s\n", cmd, handbook ? "" : "\n       plancheck manual --check-cites");
		pc_cli_free(&c);
		return 0;
	}
	bool cites = !handbook && (c.flags & 1);
	if (!cites && !c.output) {
		pc_cli_free(&c);
		return pc_usage_error(cmd, "-o OUT.pdf を指定してください%s", "");
	}
	/* the rules: the handbook's appendix, the cite check, and both books'
	 * frames chapter */
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	int status = 0;
	if (cites)
		status = pc_book_check_cites(pc_data_dir(), rs, stdout);
	else {
		FILE *toc = c.values[0] ? fopen(c.values[0], "w") : NULL;
		FILE *lines = c.values[1] ? fopen(c.values[1], "w") : NULL;
		/* the cite index is written whole or not at all */
		struct pc_atomic *ia = NULL;
		char err[1024];
		if (c.values[2] && !handbook && !(ia = pc_atomic_open(c.values[2], err, sizeof(err)))) {
			fprintf(stderr, "plancheck %s: %s\n", cmd, err);
			status = 2;
		}
		int r = handbook ? pc_book_handbook(pc_data_dir(), rs, c.output, toc, lines, err, sizeof(err))
				 : pc_book_manual(pc_data_dir(), rs, c.output, toc, lines, ia ? pc_atomic_file(ia) : NULL, err,
						  sizeof(err));
		if (ia && r != 0)
			pc_atomic_abandon(ia);
		else if (ia && pc_atomic_commit(ia, true, err, sizeof(err)) != 0)
			r = -1;
		if (r != 0) {
			fprintf(stderr, "plancheck %s: %s\n", cmd, err);
			status = 2;
		}
		if (toc)
			fclose(toc);
		if (lines)
			fclose(lines);
	}
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}

int cmd_manual(int argc, char **argv)
{
	return book(argc, argv, false);
}

int cmd_handbook(int argc, char **argv)
{
	return book(argc, argv, true);
}
