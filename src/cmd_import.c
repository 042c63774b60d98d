/*
 * cmd_import.c - `plancheck import DRAFT [-o PLAN.md]`: a Word draft (or a
 * text draft in any encoding) as front matter plus Markdown, so the writer
 * can go on in text; `check` on the result gives the same findings.  The
 * output is written atomically and never over the draft itself; without
 * -o it goes to standard output.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_import(int argc, char **argv)
{
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "import", argc, argv, NULL, NULL);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck import DRAFT [-o PLAN.md]\n\n"
		       "Word の計画書（.docx）などを、前付け（表から読んだ数字）と本文の .md にします。\n"
		       "できた .md を check すると、元のファイルと同じ指摘が出ます。元のファイルは変更しません。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs != 1) {
		pc_cli_free(&c);
		return pc_usage_error("import", "取り込むファイルを1つ指定してください%s", "");
	}
	const char *path = c.args[0];
	if (c.output && strcmp(path, "-") && pc_same_file(c.output, path)) {
		pc_cli_free(&c);
		return pc_usage_error("import", "出力先が入力と同じファイルです: %s", c.output);
	}
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	char *err = NULL;
	struct pc_doc *d = pc_doc_open(path, &c.open, &err);
	if (!d) {
		fprintf(stderr, "plancheck: %s\n", err);
		free(err);
		pc_rules_free(rs);
		pc_cli_free(&c);
		return 2;
	}
	int status = 0;
	/* the plan the checker reads from it (the tables of a Word draft) */
	pc_check(d, rs);
	struct pc_buf out = {0};
	char msg[1024];
	if (pc_import(d, &out, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "plancheck import: %s\n", msg);
		status = 2;
	} else if (c.output) {
		if (pc_write_atomic(c.output, out.s ? out.s : "", out.len, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "plancheck import: %s\n", msg);
			status = 2;
		} else
			fprintf(stderr, "%s を %s に書き出しました\n", d->path, c.output);
	} else if (fwrite(out.s ? out.s : "", 1, out.len, stdout) != out.len || fflush(stdout)) {
		perror("plancheck import: stdout");
		status = 2;
	}
	pc_buf_free(&out);
	pc_doc_free(d);
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
