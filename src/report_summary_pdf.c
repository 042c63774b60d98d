/*
 * report_summary_pdf.c - summary.pdf: the batch on paper.  The counts and
 * the table of drafts (file - a link to the draft's own PDF beside
 * summary.pdf -, verdict, applicant, errors, warnings, what to fix first),
 * then which rule trips how many drafts, by its Japanese name and at the
 * level the drafts show it.  The drafts are kept until the end, when the
 * whole is laid out and written.
 */
#include "layout.h"
#include "report.h"

#include <stdlib.h>

struct state {
	struct pc_summary_list rows;
};

static int sp_begin(struct pc_reporter *r, char *err, size_t errlen)
{
	if (!r->to.path) {
		snprintf(err, errlen, "summary-pdf はファイルにだけ書けます");
		return -1;
	}
	r->state = pc_arena_alloc(&r->arena, sizeof(struct state));
	return 0;
}

static void sp_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s)
{
	(void)d;
	struct state *st = r->state;
	pc_summary_list_add(r, &st->rows, s);
}

static int sp_end(struct pc_reporter *r, char *msg, size_t ml)
{
	struct state *st = r->state;
	const struct pc_summary *const *rows = st->rows.v;
	size_t n = st->rows.n, nrc;
	struct pc_layout L;
	if (pc_layout_open(&L, msg, ml) != 0)
		return -1;
	struct pc_rulecount *rc = pc_summary_count_rules(rows, n, r->opts.rules, &nrc);
	L.title = "事業計画書 一括点検の結果";
	L.author = "plancheck";
	L.header = "事業計画書 一括点検の結果";
	L.date = r->opts.date;
	L.first_numbered_page = 0;
	pc_lay_label(&L, 0, NULL, true, 1);
	struct pc_para_style h1 = {PC_GOTHIC, 18, 1.5f, 0, 0, 0, {0, 0, 0}, false, false};
	struct pc_para_style p = {PC_MINCHO, 10, 1.6f, 0, 0, 0, {0, 0, 0}, false, false};
	size_t ok = 0, ng = 0, bad = 0;
	for (size_t i = 0; i < n; i++) {
		ok += !rows[i]->unreadable && !rows[i]->errors;
		ng += !rows[i]->unreadable && rows[i]->errors;
		bad += rows[i]->unreadable;
	}
	pc_lay_newpage(&L);
	pc_lay_outline(&L, 1, "一括点検の結果", pc_lay_dest(&L));
	struct pc_text t = {0};
	pc_text_add_plain(&L, &t, "事業計画書 一括点検の結果");
	pc_lay_para(&L, &t, &h1);
	struct pc_text t2 = {0};
	pc_text_add_plain(&L, &t2, pc_arena_printf(&L.arena, "%zu 件を点検しました。提出可 %zu 件、要修正 %zu 件、読めない %zu 件。"
							   "ファイル名を押すと、その計画書の点検結果（PDF）が開きます。",
						   n, ok, ng, bad));
	pc_lay_para(&L, &t2, &p);
	pc_lay_space(&L, 10);
	/* a row a draft: file (linked to its PDF), verdict, applicant, counts,
	 * what to fix first */
	enum { NC = 6 };
	struct pc_text *c = pc_arena_alloc(&L.arena, (n + 1) * NC * sizeof(*c));
	const char *head[NC] = {"ファイル", "判定", "事業者名", "エラー", "警告", "最初に直すこと"};
	for (int k = 0; k < NC; k++)
		pc_text_add_plain(&L, &c[k], head[k]);
	static const struct pc_rgb red = {0.78f, 0.1f, 0.1f}, green = {0.1f, 0.5f, 0.25f}, grey = {0.4f, 0.4f, 0.4f};
	for (size_t i = 0; i < n; i++) {
		const struct pc_summary *s = rows[i];
		struct pc_text *row = &c[(i + 1) * NC];
		pc_text_add_plain(&L, &row[0], s->path);
		row[0].link = s->pdf;
		pc_text_add_plain(&L, &row[1], pc_summary_verdict(s));
		row[1].color = s->unreadable ? &grey : s->errors ? &red : &green;
		pc_text_add_plain(&L, &row[2], s->applicant ? s->applicant : "—");
		pc_text_add_plain(&L, &row[3], pc_arena_printf(&L.arena, "%zu", s->errors));
		pc_text_add_plain(&L, &row[4], pc_arena_printf(&L.arena, "%zu", s->warnings));
		pc_text_add_plain(&L, &row[5], s->first_fix ? s->first_fix : "—");
		if (s->errors || s->unreadable)
			row[5].color = &red;
	}
	static int rn[NC] = {0, 0, 0, 1, 1, 0};
	struct pc_table_spec sp = {NC, NULL, 7.5f, true, rn, PC_MINCHO};
	pc_lay_table(&L, c, n + 1, &sp);
	pc_lay_scratch_reset(&L);
	/* the figures the packs declare as summary columns, as displayed */
	size_t nf;
	const struct pc_column *cols = pc_summary_columns(r->opts.rules, &nf);
	if (nf && n) {
		pc_lay_space(&L, 12);
		struct pc_text tf = {0};
		pc_text_add_plain(&L, &tf, "計画書ごとの数字");
		struct pc_para_style h3 = h1;
		h3.size = 12;
		pc_lay_para(&L, &tf, &h3);
		pc_lay_space(&L, 4);
		size_t nc = nf + 1;
		struct pc_text *cf = pc_arena_alloc(&L.arena, (n + 1) * nc * sizeof(*cf));
		int *right = pc_arena_alloc(&L.arena, nc * sizeof(*right));
		pc_text_add_plain(&L, &cf[0], "ファイル");
		for (size_t k = 0; k < nf; k++) {
			pc_text_add_plain(&L, &cf[k + 1], cols[k].heading);
			right[k + 1] = 1;
		}
		for (size_t i = 0; i < n; i++) {
			struct pc_text *row = &cf[(i + 1) * nc];
			pc_text_add_plain(&L, &row[0], rows[i]->path);   /* linked once, above */
			for (size_t k = 0; k < nf; k++) {
				const struct pc_figure_val *v = pc_summary_fig(rows[i], cols[k].key);
				pc_text_add_plain(&L, &row[k + 1], v && v->display ? v->display : "—");
			}
		}
		struct pc_table_spec spf = {nc, NULL, 7.5f, true, right, PC_MINCHO};
		pc_lay_table(&L, cf, n + 1, &spf);
		pc_lay_scratch_reset(&L);
	}
	pc_lay_newpage(&L);
	pc_lay_outline(&L, 1, "規則ごとの該当件数", pc_lay_dest(&L));
	struct pc_text t3 = {0};
	pc_text_add_plain(&L, &t3, "規則ごとの該当件数（警告以上、除外を除く）");
	struct pc_para_style h2 = h1;
	h2.size = 14;
	pc_lay_para(&L, &t3, &h2);
	pc_lay_space(&L, 6);
	struct pc_text *c2 = pc_arena_alloc(&L.arena, (nrc + 1) * 4 * sizeof(*c2));
	const char *h4[4] = {"規則", "重さ", "該当する計画書", "割合"};
	for (int k = 0; k < 4; k++)
		pc_text_add_plain(&L, &c2[k], h4[k]);
	for (size_t i = 0; i < nrc; i++) {
		/* in Japanese, the id after it for the handbook's appendix */
		pc_text_add_plain(&L, &c2[(i + 1) * 4],
				  pc_arena_printf(&L.arena, "%s（%s）", pc_rule_name(&L.arena, r->opts.rules, rc[i].id), rc[i].id));
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 1],
				  rc[i].level == PC_ERROR ? "エラー" : rc[i].level == PC_WARNING ? "警告" : "情報");
		if (rc[i].level == PC_ERROR)
			c2[(i + 1) * 4 + 1].color = &red;
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 2], pc_arena_printf(&L.arena, "%zu 件", rc[i].drafts));
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 3],
				  pc_arena_printf(&L.arena, "%.1f%%", n ? 100.0 * (double)rc[i].drafts / (double)n : 0));
	}
	static int r4[4] = {0, 0, 1, 1};
	struct pc_table_spec sp2 = {4, NULL, 8.5f, true, r4, PC_MINCHO};
	pc_lay_table(&L, c2, nrc + 1, &sp2);
	int ret = pc_render_pdf(&L, r->to.path, msg, ml);
	pc_layout_release(&L);
	free(rc);
	return ret;
}

const struct pc_reporter_class pc_reporter_summary_pdf = {"summary-pdf", false, true, sp_begin, sp_doc, sp_end};
