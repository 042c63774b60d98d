/*
 * report_csv.c - summary.csv, the batch table a support desk opens in
 * Excel: UTF-8 with a BOM and CRLF line ends (so Excel reads it right),
 * every field but the counts quoted, one row per draft in the order they
 * come.  What a desk reads first comes first: file, verdict, applicant,
 * errors, warnings and what to fix first (the first error, or why the
 * draft could not be read); then the amounts; then program, round and
 * frame.  Streamed: 10,000 drafts never sit in memory as text.
 */
#include "report.h"

static void csv_field(FILE *f, const char *s, bool last)
{
	putc('"', f);
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

static void csv_num(FILE *f, const char *s)
{
	fputs(s ? s : "", f);
	putc(',', f);
}

static int csv_begin(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	FILE *f = r->out;
	fputs("\xEF\xBB\xBF", f);
	const char *head[] = {"ファイル", "判定", "事業者名", "エラー", "警告", "最初に直すこと"};
	for (size_t i = 0; i < PC_ARRAY_LEN(head); i++)
		csv_field(f, head[i], false);
	size_t nf;
	const struct pc_column *figs = pc_summary_columns(r->opts.rules, &nf);
	for (size_t i = 0; i < nf; i++)
		csv_field(f, figs[i].heading, false);
	csv_field(f, "補助金", false);
	csv_field(f, "公募回", false);
	csv_field(f, "申請枠", true);
	return 0;
}

static void csv_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	(void)d;
	FILE *f = r->out;
	csv_field(f, s->path, false);
	csv_field(f, pc_summary_verdict(s), false);
	csv_field(f, s->applicant, false);
	fprintf(f, "%zu,%zu,", s->errors, s->warnings);
	csv_field(f, s->first_fix, false);
	size_t nf;
	const struct pc_column *figs = pc_summary_columns(r->opts.rules, &nf);
	for (size_t i = 0; i < nf; i++) {
		const struct pc_figure_val *v = pc_summary_fig(s, figs[i].key);
		if (figs[i].text)
			csv_field(f, v ? v->display : NULL, false);
		else
			csv_num(f, v ? v->json : NULL);
	}
	csv_field(f, s->program, false);
	if (s->round >= 0)
		fprintf(f, "%ld,", s->round);
	else
		putc(',', f);
	csv_field(f, s->frame, true);
}

static int csv_end(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)r;
	(void)err;
	(void)errlen;
	return 0;
}

const struct pc_reporter_class pc_reporter_csv = {"csv", false, false, csv_begin, csv_doc, csv_end};
