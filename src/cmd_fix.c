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
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static int cmp_start(const void *a, const void *b)
{
	const struct pc_finding *x = *(const struct pc_finding *const *)a;
	const struct pc_finding *y = *(const struct pc_finding *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* UTF-8 back to CP932; false when a character has no CP932 form */
static bool to_cp932(const char *in, size_t n, struct pc_buf *out)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	char *ip = (char *)in;
	size_t il = n;
	char chunk[4096];
	bool ok = true;
	while (il > 0) {
		char *op = chunk;
		size_t ol = sizeof(chunk);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		pc_buf_add(out, chunk, (size_t)(op - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			ok = false;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

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
	if (c.output && pc_same_file(c.output, path)) {
		pc_cli_free(&c);
		return pc_usage_error("fix", "出力先が入力と同じファイルです（上書きするには --in-place）: %s", c.output);
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
	if (d->unreadable) {
		fprintf(stderr, "plancheck fix: %s を読めないため修正できません\n", path);
		status = 2;
		goto out;
	}
	pc_check(d, rs);
	pc_findings_finish(d);

	/* the replacements, in file order, none overlapping, body only */
	const struct pc_finding **fx = calloc(d->nfindings + 1, sizeof(*fx));
	size_t nfx = 0;
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct pc_finding *f = &d->findings[i];
		if (f->replacement && !f->waived && f->start >= d->body_start)
			fx[nfx++] = f;
	}
	qsort(fx, nfx, sizeof(*fx), cmp_start);
	struct pc_buf text = {0};
	size_t pos = 0, applied = 0;
	for (size_t i = 0; i < nfx; i++) {
		const struct pc_finding *f = fx[i];
		if (f->start < pos)
			continue;   /* overlaps the previous change */
		size_t line, col;
		pc_doc_linecol(d, f->start, &line, &col);
		fprintf(stderr, "%s:%zu:%zu: 「%.*s」→「%s」 [%s]\n", path, line, col, (int)(f->end - f->start),
			d->text + f->start, f->replacement, f->rule);
		pc_buf_add(&text, d->text + pos, f->start - pos);
		pc_buf_puts(&text, f->replacement);
		pos = f->end;
		applied++;
	}
	pc_buf_add(&text, d->text + pos, d->len - pos);
	free(fx);
	if (d->lone_cr)   /* the file's own line ends back; backwards, so each
			   * test sees the \r of a CRLF and not one just made */
		for (size_t i = text.len; i-- > 0;)
			if (text.s[i] == '\n' && (i == 0 || text.s[i - 1] != '\r'))
				text.s[i] = '\r';

	struct pc_buf bytes = {0};
	if (d->bom)
		pc_buf_add(&bytes, "\xEF\xBB\xBF", 3);
	if (d->enc == PC_ENC_CP932) {
		if (!to_cp932(text.s ? text.s : "", text.len, &bytes)) {
			fprintf(stderr, "plancheck fix: 置き換えた文字を Shift_JIS で表せないため保存しません\n");
			status = 2;
		}
	} else
		pc_buf_add(&bytes, text.s ? text.s : "", text.len);

	char msg[1024];
	if (status == 0) {
		if (inplace) {
			size_t bl = strlen(path) + 5;
			char *bak = malloc(bl);
			if (!bak)
				abort();
			snprintf(bak, bl, "%s.bak", path);
			if (pc_write_atomic(bak, d->raw, d->raw_len, msg, sizeof(msg)) != 0 ||
			    pc_write_atomic(path, bytes.s ? bytes.s : "", bytes.len, msg, sizeof(msg)) != 0) {
				fprintf(stderr, "plancheck fix: %s\n", msg);
				status = 2;
			}
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
	pc_buf_free(&text);
out:
	pc_doc_free(d);
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
