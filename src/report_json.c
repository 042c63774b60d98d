/*
 * report_json.c - the JSON document of ../shared/spec/cli.md, streamed one
 * file at a time so a batch never holds more than one document in memory.
 * Lines and columns are 1-based, columns count characters, end columns are
 * exclusive (as SARIF's).
 */
#include "report.h"

#include <string.h>

static int json_begin(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	fputs("{\n  \"tool\": \"plancheck\", \"version\": \"" PC_VERSION "\",\n  \"files\": [", r->out);
	return 0;
}

/* a Word draft's place (documents.md §4): where it is as words, its
 * parts, and the flagged text */
static void json_place(struct pc_doc *d, FILE *out, const struct pc_finding *f)
{
	const struct pc_place *p = pc_doc_place(d, f->start);
	if (!p)
		return;
	struct pc_arena a = {0};
	fputs(", \"place\": {\"where\": ", out);
	pc_json_str(out, pc_place_where(&a, d, f->start, f->end));
	fputs(", \"heading\": ", out);
	pc_json_str(out, p->heading);
	if (p->table)
		fprintf(out, ", \"table\": %d, \"row\": %d, \"column\": %d", p->table, p->row, p->col);
	else if (p->is_heading)
		fputs(", \"paragraph\": null", out);
	else
		fprintf(out, ", \"paragraph\": %d", p->para);
	if (p->textbox)
		fputs(", \"textbox\": true", out);
	fputs(", \"quote\": ", out);
	pc_json_str(out, pc_place_quote(&a, d, f->start, f->end));
	putc('}', out);
	pc_arena_release(&a);
}

static void json_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	FILE *out = r->out;
	(void)s;
	fputs(r->ndocs == 0 ? "\n    {\n" : ",\n    {\n", out);
	fputs("      \"path\": ", out);
	pc_json_str(out, d->path);
	fprintf(out, ",\n      \"encoding\": \"%s\",\n", pc_encoding_name(d->enc));
	fputs("      \"program\": ", out);
	pc_json_str(out, d->program);
	if (d->round >= 0)
		fprintf(out, ", \"round\": %ld,\n", d->round);
	else
		fputs(", \"round\": null,\n", out);
	fprintf(out, "      \"summary\": {\"error\": %zu, \"warning\": %zu, \"info\": %zu, \"waived\": %zu},\n",
		pc_findings_count(d, PC_ERROR, 0), pc_findings_count(d, PC_WARNING, 0),
		pc_findings_count(d, PC_INFO, 0),
		pc_findings_count(d, PC_ERROR, 1) + pc_findings_count(d, PC_WARNING, 1) +
			pc_findings_count(d, PC_INFO, 1));
	fputs("      \"findings\": [", out);
	for (size_t k = 0; k < d->nfindings; k++) {
		const struct pc_finding *f = &d->findings[k];
		size_t l, c, el, ec;
		pc_doc_linecol(d, f->start, &l, &c);
		pc_doc_linecol(d, f->end, &el, &ec);
		fputs(k ? ",\n        {" : "\n        {", out);
		fputs("\"rule\": ", out);
		pc_json_str(out, f->rule);
		fprintf(out, ", \"severity\": \"%s\", \"line\": %zu, \"column\": %zu, "
			     "\"end_line\": %zu, \"end_column\": %zu, \"message\": ",
			pc_severity_name(f->severity), l, c, el, ec);
		pc_json_str(out, f->message);
		fputs(", \"suggestion\": ", out);
		pc_json_str(out, f->suggestion);
		fputs(", \"cite\": ", out);
		pc_json_str(out, f->cite);
		/* the section as the printed manual heads it: 4.2 補助対象経費 */
		const struct pc_cite *ci = pc_cite_lookup(f->cite);
		fputs(", \"cite_title\": ", out);
		pc_json_str(out, ci ? ci->title : NULL);
		if (d->nplaces)
			json_place(d, out, f);
		fprintf(out, ", \"waived\": %s", f->waived ? "true" : "false");
		if (f->waived) {
			fputs(", \"waiver_reason\": ", out);
			pc_json_str(out, f->waiver);
		}
		putc('}', out);
	}
	fputs(d->nfindings ? "\n      ],\n" : "],\n", out);
	fputs("      \"computed\": {", out);
	for (size_t i = 0; i < d->ncomputed; i++) {
		const struct pc_computed *c = &d->computed[i];
		fputs(i ? ", " : "", out);
		pc_json_str(out, c->key);
		fprintf(out, ": %s", c->json);
	}
	fputs("}\n    }", out);
}

static int json_end(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	fputs("\n  ]\n}\n", r->out);
	return 0;
}

const struct pc_reporter_class pc_reporter_json = {"json", true, false, json_begin, json_doc, json_end};
