/*
 * report_summary_json.c - summary.json: every draft of a batch with its
 * verdict, counts, figures and the rules it trips, then how many drafts
 * trip each rule.  The drafts are streamed as they come; the rule counts
 * are written at the end.
 */
#include "report.h"

#include <stdlib.h>

struct state {
	struct pc_summary_list rows;
};

static int sj_begin(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	r->state = pc_arena_alloc(&r->arena, sizeof(struct state));
	fputs("{\n  \"tool\": \"plancheck\", \"version\": \"" PC_VERSION "\",\n  \"drafts\": [", r->out);
	return 0;
}

static void sj_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	(void)d;
	struct state *st = r->state;
	FILE *f = r->out;
	fputs(st->rows.n ? ",\n    {" : "\n    {", f);
	fputs("\"path\": ", f);
	pc_json_str(f, s->path);
	fputs(", \"name\": ", f);
	pc_json_str(f, s->name);
	fputs(", \"applicant\": ", f);
	pc_json_str(f, s->applicant);
	fputs(", \"program\": ", f);
	pc_json_str(f, s->program);
	if (s->round >= 0)
		fprintf(f, ", \"round\": %ld", s->round);
	else
		fputs(", \"round\": null", f);
	fputs(", \"frame\": ", f);
	pc_json_str(f, s->frame);
	fprintf(f, ", \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu, ", s->errors, s->warnings, s->infos);
	size_t nf;
	const struct pc_column *figs = pc_summary_columns(r->opts.rules, &nf);
	for (size_t i = 0; i < nf; i++) {
		const struct pc_figure_val *v = pc_summary_fig(s, figs[i].key);
		pc_json_str(f, figs[i].key);
		fprintf(f, ": %s, ", v && v->json ? v->json : "null");
	}
	fputs("\"verdict\": ", f);
	pc_json_str(f, pc_summary_verdict(s));
	if (s->why) {
		fputs(", \"reason\": ", f);
		pc_json_str(f, s->why);
	}
	fputs(", \"first_fix\": ", f);
	pc_json_str(f, s->first_fix);
	fputs(", \"pdf\": ", f);
	pc_json_str(f, s->pdf);
	fputs(", \"rules\": [", f);
	for (size_t k = 0; k < s->nhit; k++) {
		fputs(k ? ", " : "", f);
		pc_json_str(f, s->hit[k]);
	}
	fputs("]}", f);
	pc_summary_list_add(r, &st->rows, s);
}

static int sj_end(struct pc_reporter *r, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	struct state *st = r->state;
	FILE *f = r->out;
	size_t nrc;
	struct pc_rulecount *rc = pc_summary_count_rules(st->rows.v, st->rows.n, r->opts.rules, &nrc);
	fputs("\n  ],\n  \"rules\": [", f);
	for (size_t i = 0; i < nrc; i++) {
		fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
		pc_json_str(f, rc[i].id);
		fprintf(f, ", \"level\": \"%s\", \"drafts\": %zu}", pc_severity_name(rc[i].level), rc[i].drafts);
	}
	fputs(nrc ? "\n  ]\n}\n" : "]\n}\n", f);
	free(rc);
	return 0;
}

const struct pc_reporter_class pc_reporter_summary_json = {"summary-json", false, false, sj_begin, sj_doc, sj_end};
