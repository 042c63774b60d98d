/*
 * cmd_fix.c - `plancheck fix FILE [-o OUT | --in-place]`: applies the
 * replacements that substitution rules offer (the notation dictionary and
 * the like), in the body only: the front matter, where the numbers live,
 * is never touched.  The result keeps the file's encoding (CP932 goes back
 * through iconv), its BOM and its line ends.  Each change is printed.
 * Without -o or --in-place the fixed text goes to standard output;
 * --in-place keeps FILE.bak.  Outputs are written atomically.
 */
#include "cli.h"
#include "rules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_fix(int argc, char **argv)
{
	static const char *const flags[] = {"--in-place", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "fix", argc, argv, flags, NULL);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck fix FILE [-o OUT | --in-place]\n\n"
		       "表記の規則が示す置き換えを本文に適用します（前付けは変更しません）。\n"
		       "文字コード・BOM・改行はそのまま保ちます。--in-place は FILE.bak を残します。\n");
		pc_cli_free(&c);
		return 0;
	}
	bool inplace = c.flags & 1;
	if (c.nargs != 1 || (inplace && c.output)) {
		pc_cli_free(&c);
		return pc_usage_error("fix", "ファイルを1つ指定し、-o か --in-place のどちらか一方を使ってください%s", "");
	}
	const char *path = c.args[0];
	if (inplace && !strcmp(path, "-")) {
		pc_cli_free(&c);
		return pc_usage_error("fix", "標準入力は --in-place で書き換えられません（-o OUT で書き出してください）%s", "");
	}
	if (c.output && pc_same_file(c.output, path)) {
		pc_cli_free(&c);
		return pc_usage_error("fix", "出力先が入力と同じファイルです（上書きするには --in-place）: %s", c.output);
	}
	struct pc_ruleset *rs = pc_cli_rules_for(&c, path);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	char *err = NULL;
	c.open.fix = 1;   /* every replacement, however many there are */
	c.open.rules = rs;
	struct pc_doc *d = pc_doc_open(path, &c.open, &err);
	if (!d) {
		fprintf(stderr, "plancheck: %s\n", err);
		free(err);
		pc_rules_free(rs);
		pc_cli_free(&c);
		return 2;
	}
	int status = 0;
	if (d->unreadable) {
		fprintf(stderr, "plancheck fix: %s を読めないため修正できません\n", path);
		status = 2;
		goto out;
	}
	pc_check(d, rs);
	pc_findings_finish(d);

	struct pc_buf bytes = {0};
	size_t applied = 0;
	char msg[1024];
	if (pc_fix_apply(d, &bytes, stderr, &applied, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "plancheck fix: %s\n", msg);
		status = 2;
	}

	if (status == 0) {
		if (inplace) {
			/* through a symlink to the file it names (the link was
			 * replaced by a file and the target left unfixed), the
			 * draft's mode and owner kept, and FILE.bak beside the
			 * name given, with the same mode and owner.  A draft
			 * with other hard links is rewritten in its own inode
			 * (a rename left the other names with the old text),
			 * after FILE.bak holds the old text */
			char *target = realpath(path, NULL);
			struct stat st;
			size_t bl = strlen(path) + 5;
			char *bak = malloc(bl);
			if (!bak)
				abort();
			snprintf(bak, bl, "%s.bak", path);
			if (!target || stat(target, &st) != 0) {
				snprintf(msg, sizeof(msg), "%s: 書き込み先がわかりません: %s", d->path, strerror(errno));
				fprintf(stderr, "plancheck fix: %s\n", msg);
				status = 2;
			} else if (pc_write_atomic_like(bak, d->raw, d->raw_len, &st, msg, sizeof(msg)) != 0 ||
				   (st.st_nlink > 1
					    ? pc_write_through(target, bytes.s ? bytes.s : "", bytes.len, msg, sizeof(msg))
					    : pc_write_atomic_like(target, bytes.s ? bytes.s : "", bytes.len, &st, msg,
								   sizeof(msg))) != 0) {
				fprintf(stderr, "plancheck fix: %s\n", msg);
				if (st.st_nlink > 1)
					fprintf(stderr, "plancheck fix: 元の内容は %s にあります\n", bak);
				status = 2;
			}
			free(target);
			free(bak);
		} else if (c.output) {
			if (pc_write_atomic(c.output, bytes.s ? bytes.s : "", bytes.len, msg, sizeof(msg)) != 0) {
				fprintf(stderr, "plancheck fix: %s\n", msg);
				status = 2;
			}
		} else if (fwrite(bytes.s ? bytes.s : "", 1, bytes.len, stdout) != bytes.len || fflush(stdout)) {
			perror("plancheck fix: stdout");
			status = 2;
		}
	}
	if (status == 0)
		fprintf(stderr, "%s: %zu か所を置き換えました\n", path, applied);
	pc_buf_free(&bytes);
out:
	pc_doc_free(d);
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
