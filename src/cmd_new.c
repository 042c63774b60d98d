/*
 * cmd_new.c - `plancheck new [--program P] [--topup T] [--round N] [--frame F] [-o FILE]`: a
 * starter plan from templates/, every front-matter field commented in
 * Japanese and every mandatory heading with a line of guidance.  It never
 * overwrites: an existing FILE is refused.  Without -o it prints.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the templates installed (templates/PROGRAM.md, PROGRAM-TOPUP.md), as the
 * options that choose each: the packs are data, so is this list */
static void list_templates(void)
{
	size_t n;
	char **names = pc_template_names(&n);
	if (n)
		printf("\nひな形（%s/templates）:\n", pc_data_dir_get() ? pc_data_dir_get() : ".");
	for (size_t i = 0; i < n; i++) {
		const char *dash = strchr(names[i], '-');
		if (dash)
			printf("  --program %.*s --topup %s\n", (int)(dash - names[i]), names[i], dash + 1);
		else
			printf("  --program %s\n", names[i]);
	}
	pc_template_names_free(names, n);
}

int cmd_new(int argc, char **argv)
{
	static const char *const values[] = {"--round", "--frame", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "new", argc, argv, NULL, values);
	if (rc)
		return rc;
	if (c.help || c.nargs) {
		pc_cli_free(&c);
		if (c.help) {
			printf("使い方: plancheck new [--program 補助金] [--topup 上乗せ] [--round N] [--frame 枠] [-o plan.md]\n\n"
			       "事業計画書のひな形を書き出します。--round と --frame は前付けに書き込みます。\n"
			       "既にあるファイルは上書きしません。\n");
			list_templates();
			return 0;
		}
		return pc_usage_error("new", "ファイル名は -o で指定してください%s", "");
	}
	const char *program = c.program;
	char path[4096];
	struct pc_buf b = {0};
	int tr = pc_template_read(program, c.topup, c.values[0], c.values[1], &b, path, sizeof(path));
	if (tr == -4) {
		fprintf(stderr, "plancheck new: ひな形が一つではありません。--program で補助金の種類を指定してください（%s）\n", path);
		pc_buf_free(&b);
		pc_cli_free(&c);
		return 2;
	}
	if (tr == -2 || tr == -3) {
		pc_buf_free(&b);
		pc_cli_free(&c);
		return pc_usage_error("new", tr == -2 ? "--round は公募回の数字です: %s" : "--frame に使えない文字があります: %s",
				      tr == -2 ? c.values[0] : c.values[1]);
	}
	if (tr != 0) {
		fprintf(stderr, "plancheck new: %s%s%s のひな形はありません（%s）\n", program ? program : "既定の補助金", c.topup ? " と " : "",
			c.topup ? c.topup : "", path);
		pc_buf_free(&b);
		pc_cli_free(&c);
		return 2;
	}
	int status = 0;
	if (!c.output) {
		fwrite(b.s, 1, b.len, stdout);
	} else {
		/* create it exclusively: the one thing new must never do is
		 * replace a plan someone has been writing */
		int fd = open(c.output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0) {
			fprintf(stderr, "plancheck new: %s: %s\n", c.output,
				errno == EEXIST ? "既にあるので上書きしません（別の名前を指定してください）" : strerror(errno));
			status = 2;
		} else {
			close(fd);
			char msg[1024];
			if (pc_write_atomic(c.output, b.s, b.len, msg, sizeof(msg)) != 0) {
				unlink(c.output);
				fprintf(stderr, "plancheck new: %s\n", msg);
				status = 2;
			} else
				fprintf(stderr, "%s を作りました。記入したら plancheck check %s で確かめてください\n", c.output, c.output);
		}
	}
	pc_buf_free(&b);
	pc_cli_free(&c);
	return status;
}
