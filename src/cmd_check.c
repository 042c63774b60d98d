/*
 * cmd_check.c - `plancheck check FILE...`: read each draft, run the rule
 * packs, print findings as text or JSON.  A file that cannot be opened is
 * reported on stderr and makes the exit status 2, but the other files are
 * still checked; anything wrong inside a file is a finding (exit 1).
 */
#include "cli.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

struct pc_ruleset *pc_cli_rules(const struct pc_cli *c)
{
	char buf[4096];
	const char *dir = c->rules_dir;
	if (!dir) {
		snprintf(buf, sizeof(buf), "%s/rules", pc_data_dir());
		dir = buf;
	}
	return pc_rules_load(dir, stderr);
}

static void check_usage(void)
{
	printf("使い方: plancheck check [オプション] FILE...\n\n"
	       "事業計画書を読み、規則に照らして指摘を表示します。\n"
	       "終了コード: 0 エラーなし / 1 エラーあり / 2 実行できなかった\n\n"
	       "  --format text|json|sarif  出力形式（sarif は GitHub などのコード検査画面用）\n"
	       "  --rules DIR               規則のディレクトリ\n"
	       "  --dict FILE               利用者の辞書（hunspell の .dic、一行に一語）\n"
	       "  --lang ja|en              指摘の言語\n"
	       "  -q                        エラーだけを表示する\n");
}

int cmd_check(int argc, char **argv)
{
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "check", argc, argv, NULL, NULL);
	if (rc)
		return rc;
	if (c.help) {
		check_usage();
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs == 0) {
		pc_cli_free(&c);
		return pc_usage_error("check", "検査するファイルを指定してください%s", "");
	}
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	struct pc_report_opts ro = {.color = c.color, .quiet = c.quiet, .lang_en = c.lang_en, .rules = rs};
	int status = 0;
	char msg[1024];
	struct pc_report_dest to = {.file = stdout};
	struct pc_reporter *out = pc_reporter_open(pc_format_name(c.format), &to, &ro, msg, sizeof(msg));
	if (!out) {
		fprintf(stderr, "plancheck: %s\n", msg);
		pc_rules_free(rs);
		pc_cli_free(&c);
		return 2;
	}
	for (size_t i = 0; i < c.nargs; i++) {
		char *err = NULL;
		struct pc_doc *d = pc_doc_open(c.args[i], &c.open, &err);
		if (!d) {
			fprintf(stderr, "plancheck: %s\n", err);
			free(err);
			status = 2;
			continue;
		}
		pc_check(d, rs);
		pc_findings_finish(d);
		pc_reporter_doc(out, d, NULL);
		if (pc_findings_count(d, PC_ERROR, 0) && status == 0)
			status = 1;
		pc_doc_free(d);
	}
	if (pc_reporter_close(out, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "plancheck: %s\n", msg);
		status = 2;
	}
	if (fflush(stdout) != 0) {
		perror("plancheck: stdout");
		status = 2;
	}
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
