/*
 * report_text.c - findings in GCC style, so editors' quickfix lists work:
 * "file:line:col: severity: message [rule]", the source line, and a caret
 * underline measured in terminal columns (a kanji is two columns wide).
 * Suggestion and manual cite follow on "=" lines.  Colour only when asked.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *sev_label(enum pc_severity s, int en)
{
	(void)en;
	return pc_severity_name(s);
}

static const char *sev_color(enum pc_severity s)
{
	switch (s) {
	case PC_ERROR:
		return "\033[1;31m";
	case PC_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* the source line of off, with its caret line */
static void show_line(const struct pc_doc *d, FILE *out, const struct pc_finding *f,
		      size_t line, int color)
{
	size_t ls = d->lines[line - 1];
	size_t le = pc_doc_line_end(d, line);
	if (le == ls && f->start >= d->len)
		return;   /* end of file: nothing to show */

	char num[32];
	int w = snprintf(num, sizeof(num), "%zu", line);
	if (w < 5)
		w = 5;
	/* a 10 MB line is not printed whole: a window of about 60
	 * characters before the span and 100 after, marked with … */
	bool cut_left = false, cut_right = false;
	if (f->start > ls && pc_utf8_count(d->text + ls, f->start - ls) > 60) {
		size_t k = f->start, n = 0;
		while (k > ls && n < 60) {
			k--;
			if (((unsigned char)d->text[k] & 0xC0) != 0x80)
				n++;
		}
		ls = k;
		cut_left = true;
	}
	/* a span can start past the visible line (on the \r of a CRLF) */
	size_t from = f->start > ls ? f->start : ls;
	if (from > le)
		from = le;
	if (pc_utf8_count(d->text + from, le - from) > 100) {
		size_t k = from, n = 0;
		while (k < le && n < 100) {
			k++;
			if (k >= le || ((unsigned char)d->text[k] & 0xC0) != 0x80)
				n++;
		}
		le = k;
		cut_right = true;
	}
	fprintf(out, "%*zu | %s", w, line, cut_left ? "…" : "");
	for (size_t i = ls; i < le; i++)
		putc(d->text[i] == '\t' ? ' ' : d->text[i], out);
	fputs(cut_right ? "…\n" : "\n", out);

	/* caret: pad to the start's display column, then underline */
	fprintf(out, "%*s | %s", w, "", cut_left ? " " : "");
	if (color)
		fputs("\033[1;32m", out);
	size_t i = ls;
	while (i < f->start && i < le) {
		int32_t cp = pc_u8(d->text, le, &i);
		int cw = cp < 0 ? 1 : pc_cp_width(cp);
		fputs(cw == 2 ? "  " : " ", out);
	}
	size_t end = f->end < le ? f->end : le;
	bool first = true;
	while (i < end) {
		int32_t cp = pc_u8(d->text, le, &i);
		int cw = cp < 0 ? 1 : pc_cp_width(cp);
		for (int k = 0; k < cw; k++) {
			putc(first ? '^' : '~', out);
			first = false;
		}
	}
	if (first)
		putc('^', out);
	if (color)
		fputs("\033[0m", out);
	putc('\n', out);
}

int pc_screen_rows(void)
{
	const char *env = getenv("LINES");
	if (env && *env) {
		long n = strtol(env, NULL, 10);
		return n > 0 && n < 100000 ? (int)n : 0;
	}
	struct winsize ws;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	return 0;
}

/* the lines the listing of d takes */
static size_t listing_lines(const struct pc_doc *d, const struct pc_report_opts *o)
{
	size_t n = 0;
	for (size_t k = 0; k < d->nfindings; k++) {
		const struct pc_finding *f = &d->findings[k];
		if (o->quiet && (f->severity != PC_ERROR || f->waived))
			continue;
		n += 1 + (d->len ? 2 : 0) + (f->suggestion != NULL) + (f->cite != NULL);
	}
	if (d->ncomputed && !o->quiet)
		n += 1 + d->ncomputed;
	return n;
}

/* More than a screenful: the counts and the errors to fix first (up to
 * ten, as on the PDF's cover) come before the listing, so the top of the
 * output says what matters.  Not in file:line:col form, so an editor's
 * quickfix list takes only the listing. */
static void summary(struct pc_doc *d, FILE *out, const struct pc_report_opts *o)
{
	size_t ne = pc_findings_count(d, PC_ERROR, 0), nw = pc_findings_count(d, PC_WARNING, 0),
	       ni = pc_findings_count(d, PC_INFO, 0);
	const char *name = pc_display_name(&d->arena, d->path);
	fprintf(out, "%s%s: エラー %zu 件、警告 %zu 件、情報 %zu 件%s%s\n", o->color ? "\033[1m" : "", name, ne, nw, ni,
		ne ? "。まず直すエラー:" : "。エラーはありません", o->color ? "\033[0m" : "");
	size_t shown = 0;
	for (size_t k = 0; k < d->nfindings && shown < 10; k++) {
		const struct pc_finding *f = &d->findings[k];
		if (f->severity != PC_ERROR || f->waived)
			continue;
		size_t line, col;
		pc_doc_linecol(d, f->start, &line, &col);
		fprintf(out, "  %s%2zu.%s %zu 行 %zu 字目  %s [%s]\n", o->color ? sev_color(PC_ERROR) : "", ++shown,
			o->color ? "\033[0m" : "", line, col, f->message, f->rule);
	}
	if (ne > shown)
		fprintf(out, "  （ほか %zu 件のエラーは下の一覧にあります）\n", ne - shown);
	fprintf(out, "%s: 指摘の一覧（ファイルの順）\n", name);
}

void pc_report_text(struct pc_doc *d, FILE *out, const struct pc_report_opts *o)
{
	if (o->screen_rows > 0 && listing_lines(d, o) > (size_t)o->screen_rows)
		summary(d, out, o);
	for (size_t k = 0; k < d->nfindings; k++) {
		const struct pc_finding *f = &d->findings[k];
		if (o->quiet && (f->severity != PC_ERROR || f->waived))
			continue;
		size_t line, col;
		pc_doc_linecol(d, f->start, &line, &col);
		if (o->color)
			fprintf(out, "\033[1m%s:%zu:%zu:\033[0m %s%s:\033[0m %s [%s]", d->path, line,
				col, sev_color(f->severity), sev_label(f->severity, o->lang_en),
				f->message, f->rule);
		else
			fprintf(out, "%s:%zu:%zu: %s: %s [%s]", d->path, line, col,
				sev_label(f->severity, o->lang_en), f->message, f->rule);
		if (f->waived)
			fprintf(out, " (除外: %s)", f->waiver && *f->waiver ? f->waiver : "理由なし");
		putc('\n', out);
		if (d->nplaces) {
			/* a Word draft: the place as the writer finds it in Word */
			struct pc_arena a = {0};
			const char *q = pc_place_quote(&a, d, f->start, f->end);
			fprintf(out, "      = 場所: %s%s%s%s\n", pc_place_where(&a, d, f->start, f->end), *q ? "「" : "", q,
				*q ? "」" : "");
			pc_arena_release(&a);
		} else if (d->len)
			show_line(d, out, f, line, o->color);
		if (f->suggestion)
			fprintf(out, "      = 提案: %s\n", f->suggestion);
		if (f->cite)
			fprintf(out, "      = 根拠: マニュアル %s\n", pc_cite_text(&d->arena, f->cite));
	}
	if (d->ncomputed && !o->quiet) {
		fprintf(out, "%s: 計算結果\n", d->path);
		for (size_t i = 0; i < d->ncomputed; i++)
			fprintf(out, "  %s: %s\n", d->computed[i].label, d->computed[i].display);
	}
}

/* ---- the "text" reporter --------------------------------------------------- */

static int text_begin(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)r;
	(void)err;
	(void)errlen;
	return 0;
}

static void text_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	(void)s;
	pc_report_text(d, r->out, &r->opts);
}

static int text_end(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)r;
	(void)err;
	(void)errlen;
	return 0;
}

const struct pc_reporter_class pc_reporter_text = {"text", true, false, text_begin, text_doc, text_end};
