/*
 * cmd_review.c - `plancheck review DIR|FILE... -o OUTDIR [-j N]`: what a
 * 認定支援機関 runs over a folder of client drafts before a deadline.  The
 * options; the work is review_batch.c's (with review_walk.c finding the
 * drafts and review_store.c keeping what --resume reuses).
 */
#include "cli.h"
#include "config.h"
#include "review.h"
#include "rules.h"

#include <errno.h>
#include <string.h>

int cmd_review(int argc, char **argv)
{
	static const char *const flags[] = {"--no-pdf", "--resume", "--follow-links", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "review", argc, argv, flags, NULL);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck review DIR|FILE... -o OUTDIR [-j N] [--no-pdf] [--resume] [--follow-links]\n\n"
		       "フォルダーの中の事業計画書（.md・.txt・.docx、大文字も可）をサブフォルダーまでまとめて点検し、\n"
		       "計画書ごとの JSON と PDF、一覧表 summary.csv（Excel 用）、summary.json、summary.pdf を\n"
		       "OUTDIR に書きます。それ以外のファイル（他の種類、隠しファイル、リンク切れ、FIFO など）は\n"
		       "理由を添えて「対象外」と表示します。同じフォルダーやファイルは二度読みません。\n"
		       "--resume は、前回の結果が計画書と規則より新しい計画書を点検し直しません。\n"
		       "--follow-links は、フォルダーの外を指すリンクもたどります（既定ではたどりません）。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (!c.nargs || !c.output) {
		pc_cli_free(&c);
		return pc_usage_error("review", "点検するフォルダーかファイルと -o OUTDIR を指定してください%s", "");
	}
	if (mkdir(c.output, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "plancheck review: %s を作れません: %s\n", c.output, strerror(errno));
		pc_cli_free(&c);
		return 2;
	}
	struct stat st;
	if (stat(c.output, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "plancheck review: %s はディレクトリではありません\n", c.output);
		pc_cli_free(&c);
		return 2;
	}
	/* each draft gets the rules of its own folder's .plancheck.yml; rs
	 * (the --config one, or none) names rules in the summaries */
	char dirbuf[4096];
	struct pc_setup setup;
	pc_cli_setup(&c, &setup, dirbuf, sizeof(dirbuf));
	struct pc_ruleset *rs = pc_setup_rules(&setup, NULL, NULL);
	if (!rs) {
		pc_setup_free(&setup);
		pc_cli_free(&c);
		return 2;
	}
	struct pc_review_opts o = {.args = c.args, .nargs = c.nargs, .outdir = c.output, .pdf = !(c.flags & 1),
				   .resume = (c.flags & 2) != 0, .quiet = c.quiet != 0,
				   .follow_links = (c.flags & 4) != 0, .jobs = c.jobs,
				   .open = c.open, .rs = rs, .setup = &setup};
	int status = pc_review_run(&o);
	pc_setup_free(&setup);
	pc_cli_free(&c);
	return status;
}
