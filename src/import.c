/*
 * import.c - what `plancheck import` writes (and serve's /api/import): a
 * draft as the plan-format text a writer can go on with in an editor -
 * front matter holding the plan (read from the draft's tables when it has
 * no front matter of its own), then the body, in UTF-8 with LF line ends.
 * A Word draft's body is the text the checker read from it, so checking
 * the result gives the same findings as checking the Word file.
 */
#include "internal.h"

#include <string.h>

/* text with CR LF and lone CRs as LF */
static void put_lf(struct pc_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		pc_buf_putc(out, s[i] == '\r' ? '\n' : s[i]);
	}
}

int pc_import(struct pc_doc *d, struct pc_buf *out, char *err, size_t errlen)
{
	if (d->unreadable) {
		snprintf(err, errlen, "%s を読めないため取り込めません", d->path);
		return -1;
	}
	if (d->source == PC_SRC_TEXT && d->has_fm) {
		/* its own front matter and body, as written (now UTF-8) */
		put_lf(out, d->text, d->len);
		return 0;
	}
	pc_buf_puts(out, "---\n");
	bool version = d->fm && pc_ymap_get(d->fm, "plancheck");
	if (!version)
		pc_buf_puts(out, "plancheck: 1\n");
	if (d->fm && d->fm->kind == PC_Y_MAP && d->fm->n) {
		struct pc_buf y = {0};
		if (pc_yaml_emit(d->fm, &y) != 0) {
			pc_buf_free(&y);
			snprintf(err, errlen, "前付けを書き出せません");
			return -1;
		}
		pc_buf_add(out, y.s, y.len);
		pc_buf_free(&y);
	} else if (d->program) {
		pc_buf_printf(out, "program: %s\n", d->program);
	}
	pc_buf_puts(out, "---\n\n");
	size_t b = d->body_start < d->len ? d->body_start : d->len;
	put_lf(out, d->text + b, d->len - b);
	if (out->len && out->s[out->len - 1] != '\n')
		pc_buf_putc(out, '\n');
	return 0;
}
