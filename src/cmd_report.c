/*
 * cmd_report.c - `plancheck report FILE -o OUT.pdf`: check one draft and
 * write its annotated feedback PDF.  The exit status is that of `check`
 * (0 no error, 1 errors), or 2 when the PDF could not be written.
 * --dump-lines FILE writes the laid-out lines (for the 禁則 test).
 */
#include "cli.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	static const char *const values[] = {"--dump-lines", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "report", argc, argv, NULL, values);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck report FILE -o OUT.pdf\n\n"
		       "事業計画書を点検し、指摘を書き込んだ PDF（表紙に判定と計算結果）を作ります。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs != 1 || !c.output) {
		pc_cli_free(&c);
		return pc_usage_error("report", "ファイルを1つと -o OUT.pdf を指定してください%s", "");
	}
	if (pc_same_file(c.output, c.args[0])) {
		pc_cli_free(&c);
		return pc_usage_error("report", "出力先が入力と同じファイルです: %s", c.output);
	}
	struct pc_ruleset *rs = pc_cli_rules_for(&c, c.args[0]);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	char *err = NULL;
	c.open.rules = rs;
	struct pc_doc *d = pc_doc_open(c.args[0], &c.open, &err);
	int status = 0;
	if (!d) {
		fprintf(stderr, "plancheck: %s\n", err);
		free(err);
		status = 2;
	} else {
		pc_check(d, rs);
		pc_findings_finish(d);
		pc_doc_tokens_release(d);   /* the layout needs the room */
		FILE *lines = NULL;
		if (c.values[0] && !(lines = fopen(c.values[0], "w")))
			perror(c.values[0]);
		struct pc_report_opts ro = {.rules = rs, .lang_en = c.lang_en};
		char msg[1024];
		if (pc_report_pdf(d, c.output, &ro, lines, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "plancheck report: %s\n", msg);
			status = 2;
		} else
			status = pc_findings_count(d, PC_ERROR, 0) ? 1 : 0;
		if (lines)
			fclose(lines);
		pc_doc_free(d);
	}
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
