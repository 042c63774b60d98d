/*
 * book.c - the printed manual and the support organisations' handbook,
 * from manual/ (and manual/handbook/) in the plan body format (their
 * covers' words in each folder's book.yml), through the
 * same layout layer as the feedback PDF.  A cover, a table of contents with
 * the real page numbers (its pages are reserved first and filled once the
 * chapters are laid out), chapters on new pages, running headers, page
 * numbers and an outline; Mincho body text, since these are printed.  The
 * handbook adds flows drawn as figures (from the chapter's own comment) and an appendix generated
 * from rules/: every rule with its level, what it checks, its rounds, its
 * source and its manual section.  Also the cite check: every rule's cite
 * must name a section of the manual.
 */
#include "layout.h"
#include "book.h"
#include "frames.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct pc_rgb BLACK = {0, 0, 0}, GREY = {0.4f, 0.4f, 0.4f}, NAVY = {0.1f, 0.2f, 0.45f},
			   PALE = {0.92f, 0.94f, 0.98f};

struct chapter_set {
	struct pc_doc **docs;
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A chapter's line "<!-- plancheck: frames N.M -->" becomes the frames
 * table of every program in the rules (section N.M on), so that the
 * printed book and the checker read one table; without rules the line is
 * a comment, as written. */
static struct pc_doc *with_frames(struct pc_doc *doc, const struct pc_ruleset *rs)
{
	static const char mark[] = "<!-- plancheck: frames ";
	const char *at = rs && rs->nframes ? strstr(doc->text, mark) : NULL;
	const char *end = at ? strstr(at, "-->") : NULL;
	if (!end)
		return doc;
	char number[32];
	snprintf(number, sizeof(number), "%.*s", (int)(end - at - strlen(mark)), at + strlen(mark));
	for (char *p = number + strlen(number); p > number && p[-1] == ' '; p--)
		p[-1] = '\0';
	struct pc_buf b = {0};
	pc_buf_add(&b, doc->text, (size_t)(at - doc->text));
	for (size_t i = 0; i < rs->nframes; i++) {
		char *md = pc_frames_markdown(rs->frames[i], number);
		pc_buf_puts(&b, md ? md : "");
		free(md);
	}
	pc_buf_puts(&b, end + 3);
	struct pc_open_opts o = {.raw = 1};
	struct pc_doc *nd = pc_doc_from_mem(doc->path, b.s, b.len, &o);
	pc_buf_free(&b);
	pc_doc_free(doc);
	return nd;
}

/* manual/NN-*.md in name order (the handbook's in manual/handbook/) */
static int load_chapters(const char *dir, struct chapter_set *cs, char *err, size_t errlen,
			 const struct pc_ruleset *rs)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s を開けません", dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 4 || strcmp(e->d_name + l - 3, ".md") || !strcmp(e->d_name, "README.md"))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	cs->docs = calloc(n + 1, sizeof(*cs->docs));
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		char *e2 = NULL;
		struct pc_open_opts o = {.raw = 1};
		struct pc_doc *doc = pc_doc_open(path, &o, &e2);
		if (!doc) {
			snprintf(err, errlen, "%s", e2);
			free(e2);
			continue;
		}
		doc = with_frames(doc, rs);
		doc->body_start = 0;
		pc_body_parse(doc);
		cs->docs[cs->n++] = doc;
		free(names[i]);
	}
	free(names);
	if (!cs->n) {
		snprintf(err, errlen, "%s に原稿（*.md）がありません", dir);
		return -1;
	}
	return 0;
}

static void free_chapters(struct chapter_set *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		pc_doc_free(cs->docs[i]);
	free(cs->docs);
}

struct toc_entry {
	int level;
	const char *title;
	int page, dest;
	const char *id;             /* the section's {#id}, for the cite index */
	const char *file;           /* and the chapter's file (its base name) */
};

struct book {
	struct pc_layout L;
	struct toc_entry *toc;
	size_t ntoc, captoc;
	struct toc_entry *index;     /* every section with an id */
	size_t nindex, capindex;
	const struct pc_ruleset *rs;
	const struct chapter_set *manual;   /* for section titles in the appendix */
};

static void para(struct pc_layout *L, const char *s, int face, float size, float leading, struct pc_rgb c,
		 float first)
{
	struct pc_text t = {0};
	pc_text_add_plain(L, &t, s);
	struct pc_para_style st = {face, size, leading, 0, first, 0, c, false, false};
	pc_lay_para(L, &t, &st);
}

static void add_toc(struct book *b, int level, const char *title, int dest)
{
	b->toc = pc_grow(&b->L.arena, b->toc, &b->captoc, b->ntoc + 1, sizeof(*b->toc));
	b->toc[b->ntoc++] = (struct toc_entry){level, pc_arena_strdup(&b->L.arena, title), b->L.page, dest};
}

/* a flow drawn as boxes and the arrows between them, from the chapter's
 * own words: a comment "<!-- figure: flow" whose following lines are
 * "MARK FIRST／SECOND｜WHEN" (one box each, at most 6) */
#define FLOW_MAX 6
static void figure_flow(struct pc_layout *L, const char *src, size_t len)
{
	const char *step[FLOW_MAX][3], *when[FLOW_MAX];
	int nb = 0;
	const char *end = src + len, *p = memchr(src, '\n', len);
	while (p && p < end && nb < FLOW_MAX) {
		const char *ln = p + 1, *nl = memchr(ln, '\n', (size_t)(end - ln));
		const char *le = nl ? nl : end;
		p = nl;
		const char *sp = memchr(ln, ' ', (size_t)(le - ln)), *bar = NULL, *sl = NULL;
		for (const char *q = ln; q + 3 <= le; q++) {
			if (!bar && !memcmp(q, "｜", 3))
				bar = q;
			if (!sl && !bar && !memcmp(q, "／", 3))
				sl = q;
		}
		if (!sp || !bar || !sl || sp > sl)
			continue;   /* "-->" and anything that is not a box */
		step[nb][0] = pc_arena_strndup(&L->arena, ln, (size_t)(sp - ln));
		step[nb][1] = pc_arena_strndup(&L->arena, sp + 1, (size_t)(sl - sp - 1));
		step[nb][2] = pc_arena_strndup(&L->arena, sl + 3, (size_t)(bar - sl - 3));
		when[nb] = pc_arena_strndup(&L->arena, bar + 3, (size_t)(le - bar - 3));
		nb++;
	}
	if (!nb)
		return;
	float h = 112;
	pc_lay_need(L, h + 10);
	int pg = L->page;
	float top = L->y - 6, W = L->pw - L->ml - L->mr, gap = 18, bw = (W - (float)(nb - 1) * gap) / (float)nb, bh = 58;
	for (int i = 0; i < nb; i++) {
		float x = L->ml + (float)i * (bw + gap);
		pc_draw_rect(L, pg, x, top - bh, bw, bh, 0, PALE, true);
		pc_draw_rect(L, pg, x, top - bh, bw, bh, 0.8f, NAVY, false);
		pc_draw_text(L, pg, x + 6, top - 16, PC_GOTHIC, 11, NAVY, step[i][0]);
		pc_draw_text(L, pg, x + 8, top - 32, PC_GOTHIC, 9.5f, BLACK, step[i][1]);
		pc_draw_text(L, pg, x + 8, top - 46, PC_GOTHIC, 9.5f, BLACK, step[i][2]);
		struct pc_text t = {0};
		pc_text_add_plain(L, &t, when[i]);
		struct pc_para_style st = {PC_GOTHIC, 7.5f, 1.4f, 0, 0, 0, GREY, true, false};
		pc_lay_box(L, &t, &st, pg, x, top - bh - 4, bw, false);
		if (i < nb - 1) {
			float ax = x + bw + 2, ay = top - bh / 2;
			pc_draw_line(L, pg, ax, ay, ax + gap - 4, ay, 1.2f, NAVY);
			pc_draw_line(L, pg, ax + gap - 9, ay + 4, ax + gap - 4, ay, 1.2f, NAVY);
			pc_draw_line(L, pg, ax + gap - 9, ay - 4, ax + gap - 4, ay, 1.2f, NAVY);
		}
	}
	L->y = top - h;
	pc_lay_space(L, 6);
}

static void render_doc(struct book *b, const struct pc_doc *d)
{
	struct pc_layout *L = &b->L;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct pc_block *bl = &d->blocks[i];
		struct pc_text t = {0};
		switch (bl->kind) {
		case PC_B_HEADING: {
			const char *title = d->sections[bl->section].shown;
			/* the numbering stays in the book's headings */
			const char *full = pc_arena_strndup(&L->arena, d->text + bl->tstart, bl->tend - bl->tstart);
			char *brace = strstr(full, " {#");
			if (brace)
				*brace = '\0';
			(void)title;
			if (bl->level == 1) {
				pc_lay_newpage(L);
				pc_lay_space(L, 20);
			} else {
				pc_lay_space(L, bl->level == 2 ? 12 : 8);
				pc_lay_need(L, 80);
			}
			int dest = pc_lay_dest(L);
			pc_lay_outline(L, bl->level, full, dest);
			if (bl->level <= 2)
				add_toc(b, bl->level, full, dest);
			if (bl->section >= 0 && d->sections[bl->section].id) {
				b->index = pc_grow(&L->arena, b->index, &b->capindex, b->nindex + 1, sizeof(*b->index));
				const char *slash = strrchr(d->path, '/');
				b->index[b->nindex++] = (struct toc_entry){bl->level, full, L->page, dest,
									   d->sections[bl->section].id,
									   slash ? slash + 1 : d->path};
			}
			float size = bl->level == 1 ? 17 : bl->level == 2 ? 12.5f : 11;
			para(L, full, PC_GOTHIC, size, 1.45f, bl->level == 1 ? NAVY : BLACK, 0);
			if (bl->level == 1)
				pc_draw_line(L, L->page, L->ml, L->y + 2, L->pw - L->mr, L->y + 2, 1.2f, NAVY);
			pc_lay_space(L, bl->level == 1 ? 12 : 4);
			break;
		}
		case PC_B_PARA: {
			pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, PC_NOSRC);
			bool example = bl->tend - bl->tstart > 6 && (!memcmp(d->text + bl->tstart, "弱い例", 9) ||
								      !memcmp(d->text + bl->tstart, "よい例", 9) ||
								      !memcmp(d->text + bl->tstart, "長すぎる例", 15) ||
								      !memcmp(d->text + bl->tstart, "分けた例", 12));
			struct pc_para_style st = {example ? PC_GOTHIC : PC_MINCHO, example ? 9.5f : 10.5f, 1.8f, 0,
						   example ? 0 : 10.5f, 0, example ? NAVY : BLACK, false, false, !example};
			pc_lay_para(L, &t, &st);
			pc_lay_space(L, 4);
			break;
		}
		case PC_B_LIST: {
			pc_text_add(L, &t, d->text + bl->tstart, bl->tend - bl->tstart, PC_NOSRC);
			struct pc_para_style st = {PC_MINCHO, 10.5f, 1.7f, 14, 0, 0, BLACK, false, false, true};
			pc_lay_list_item(L, &t, &st, d->text + bl->start, bl->tstart - bl->start);
			pc_lay_space(L, 1);
			break;
		}
		case PC_B_TABLE: {
			size_t e = i, ncols = 0, nrows = 0;
			while (e < d->nblocks && d->blocks[e].kind == PC_B_TABLE) {
				if (!d->blocks[e].table_sep) {
					nrows++;
					if (d->blocks[e].ncells > ncols)
						ncols = d->blocks[e].ncells;
				}
				e++;
			}
			if (ncols && nrows) {
				struct pc_text *c = pc_arena_alloc(&L->arena, nrows * ncols * sizeof(*c));
				size_t r = 0;
				for (size_t k = i; k < e; k++) {
					if (d->blocks[k].table_sep)
						continue;
					for (size_t q = 0; q < d->blocks[k].ncells && q < ncols; q++) {
						const struct pc_cell *cl = &d->blocks[k].cells[q];
						pc_text_add(L, &c[r * ncols + q], d->text + cl->start, cl->end - cl->start, PC_NOSRC);
					}
					r++;
				}
				struct pc_table_spec sp = {ncols, NULL, ncols > 4 ? 8.5f : 9.5f, true, NULL, PC_MINCHO};
				pc_lay_space(L, 4);
				pc_lay_table(L, c, nrows, &sp);
				pc_lay_space(L, 8);
			}
			i = e - 1;
			break;
		}
		case PC_B_COMMENT:
			if (bl->end - bl->start > 17 && !memcmp(d->text + bl->start, "<!-- figure: flow", 17))
				figure_flow(L, d->text + bl->start, bl->end - bl->start);
			break;
		default:
			break;
		}
		pc_lay_scratch_reset(L);
	}
}

static void cover(struct book *b, const char *title, const char *sub, const char *note)
{
	struct pc_layout *L = &b->L;
	pc_lay_newpage(L);
	pc_draw_rect(L, L->page, 0, L->ph - 260, L->pw, 120, 0, NAVY, true);
	/* the title on one line inside the margins: smaller when it must be */
	float size = 28, tw = pc_text_width(L->fonts, PC_GOTHIC, size, title, strlen(title)),
	      avail = L->pw - L->ml - L->mr;
	if (tw > avail)
		size = size * avail / tw;
	pc_draw_text(L, L->page, L->ml, L->ph - 200, PC_GOTHIC, size, (struct pc_rgb){1, 1, 1}, title);
	pc_draw_text(L, L->page, L->ml, L->ph - 235, PC_GOTHIC, 13, (struct pc_rgb){1, 1, 1}, sub);
	L->y = L->ph - 320;
	para(L, note, PC_MINCHO, 10.5f, 1.8f, BLACK, 0);
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	struct tm tm;
	localtime_r(&now, &tm);
	pc_draw_text(L, L->page, L->ml, 90, PC_GOTHIC, 10, GREY,
		     pc_arena_printf(&L->arena, "%d年%d月　plancheck %s の規則と同じ原稿から作成", tm.tm_year + 1900,
				     tm.tm_mon + 1, PC_VERSION));
}

/* the table of contents on the reserved pages, with links */
static void fill_toc(struct book *b, int first, int npages)
{
	struct pc_layout *L = &b->L;
	const float line = 19;
	int page = first;
	float y = L->ph - L->mt - 40;
	pc_draw_text(L, first, L->ml, L->ph - L->mt - 10, PC_GOTHIC, 17, NAVY, "目次");
	for (size_t i = 0; i < b->ntoc; i++) {
		const struct toc_entry *t = &b->toc[i];
		if (y < L->mb + line) {
			if (page + 1 >= first + npages)
				break;
			page++;
			y = L->ph - L->mt - 10;
		}
		float x = L->ml + (t->level == 1 ? 0 : 18);
		int face = t->level == 1 ? PC_GOTHIC : PC_MINCHO;
		float size = t->level == 1 ? 11 : 10;
		if (t->level == 1 && i)
			y -= 5;
		char num[16];
		snprintf(num, sizeof(num), "%d", t->page + 1 - L->first_numbered_page);
		float nw = pc_text_width(L->fonts, PC_GOTHIC, size, num, strlen(num));
		float tw = pc_text_width(L->fonts, face, size, t->title, strlen(t->title));
		float right = L->pw - L->mr;
		pc_draw_text(L, page, x, y, face, size, BLACK, t->title);
		/* dot leader */
		for (float dx = x + tw + 6; dx < right - nw - 6; dx += 5)
			pc_draw_text(L, page, dx, y, PC_GOTHIC, 6, GREY, ".");
		pc_draw_text(L, page, right - nw, y, PC_GOTHIC, size, BLACK, num);
		struct pc_annot *a = pc_lay_annot(L, AN_LINK, page);
		a->x0 = x;
		a->y0 = y - 4;
		a->x1 = right;
		a->y1 = y + size;
		a->dest = t->dest;
		y -= line;
	}
}

/* the heading of section id as the book prints it (number and title,
 * without its {#id}), or NULL */
static const char *printed_heading(struct pc_arena *a, const struct chapter_set *m, const char *id)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const struct pc_doc *d = m->docs[i];
		for (size_t k = 0; k < d->nsections; k++)
			if (d->sections[k].id && !strcmp(d->sections[k].id, id)) {
				const struct pc_block *bl = &d->blocks[d->sections[k].block];
				char *full = pc_arena_strndup(a, d->text + bl->tstart, bl->tend - bl->tstart);
				char *brace = strstr(full, " {#");
				if (brace)
					*brace = '\0';
				return full;
			}
	}
	return NULL;
}

static const char *section_title(const struct chapter_set *m, const char *id)
{
	for (size_t i = 0; m && i < m->n; i++)
		for (size_t k = 0; k < m->docs[i]->nsections; k++)
			if (m->docs[i]->sections[k].id && !strcmp(m->docs[i]->sections[k].id, id))
				return m->docs[i]->sections[k].shown;
	return NULL;
}

static void rules_appendix(struct book *b)
{
	struct pc_layout *L = &b->L;
	const struct pc_ruleset *rs = b->rs;
	pc_lay_newpage(L);
	pc_lay_space(L, 20);
	int dest = pc_lay_dest(L);
	const char *title = "付録　規則の一覧";
	pc_lay_outline(L, 1, title, dest);
	add_toc(b, 1, title, dest);
	para(L, title, PC_GOTHIC, 17, 1.45f, NAVY, 0);
	pc_draw_line(L, L->page, L->ml, L->y + 2, L->pw - L->mr, L->y + 2, 1.2f, NAVY);
	pc_lay_space(L, 10);
	para(L, pc_arena_printf(&L->arena, "plancheck %s が読み込む規則を、規則のファイルから自動で作った一覧です（%zu 件）。"
					   "「重さ」はエラー・警告・情報の別、「節」はこのハンドブックと対になるマニュアルの節です。",
				PC_VERSION, rs->nrules),
	     PC_MINCHO, 10.5f, 1.8f, BLACK, 10.5f);
	pc_lay_space(L, 8);
	for (size_t p = 0; p < rs->npacks; p++) {
		const struct pc_pack *pk = &rs->packs[p];
		size_t n = 0;
		for (size_t i = 0; i < rs->nrules; i++)
			n += rs->rules[i].pack == pk;
		if (!n)
			continue;
		pc_lay_space(L, 6);
		pc_lay_need(L, 80);
		int pd = pc_lay_dest(L);
		const char *ptitle = pc_arena_printf(&L->arena, "%s（%s）", pk->title ? pk->title : pk->name, pk->name);
		pc_lay_outline(L, 2, ptitle, pd);
		add_toc(b, 2, ptitle, pd);
		para(L, ptitle, PC_GOTHIC, 12.5f, 1.45f, BLACK, 0);
		pc_lay_space(L, 4);
		struct pc_text *c = pc_arena_alloc(&L->arena, (n + 1) * 4 * sizeof(*c));
		const char *head[4] = {"規則", "重さ・対象", "検査すること", "出典・マニュアルの節"};
		for (int k = 0; k < 4; k++)
			pc_text_add_plain(L, &c[k], head[k]);
		size_t r = 1;
		for (size_t i = 0; i < rs->nrules; i++) {
			const struct pc_rule *ru = &rs->rules[i];
			if (ru->pack != pk)
				continue;
			char rounds[64];
			if (ru->rlo < 0 && ru->rhi < 0)
				snprintf(rounds, sizeof(rounds), "全回");
			else if (ru->rlo == ru->rhi)
				snprintf(rounds, sizeof(rounds), "第%ld回", ru->rlo);
			else
				snprintf(rounds, sizeof(rounds), "第%ld〜%ld回", ru->rlo < 0 ? 1 : ru->rlo, ru->rhi);
			pc_text_add_plain(L, &c[r * 4], ru->id);
			pc_text_add_plain(L, &c[r * 4 + 1], pc_arena_printf(&L->arena, "%s・%s",
									    ru->level == PC_ERROR ? "エラー" : ru->level == PC_WARNING ? "警告" : "情報",
									    rounds));
			pc_text_add_plain(L, &c[r * 4 + 2], ru->description ? ru->description : ru->message_src);
			/* the manual's section as printed: number, title, page */
			const struct pc_cite *ci = pc_cite_lookup(ru->cite);
			pc_text_add_plain(L, &c[r * 4 + 3], pc_arena_printf(&L->arena, "%s／マニュアル %s",
									    ru->source, ci ? pc_cite_text(&L->arena, ru->cite) : ru->cite));
			r++;
		}
		static float w[4] = {0.24f, 0.13f, 0.36f, 0.27f};
		struct pc_table_spec sp = {4, w, 7.5f, true, NULL, PC_MINCHO};
		pc_lay_table(L, c, r, &sp);
	}
}

static int build(struct book *b, const struct chapter_set *body, const char *path, FILE *toc_out,
		 FILE *lines_out, FILE *index_out, bool appendix, const char *title, const char *sub, const char *note,
		 char *err, size_t errlen)
{
	struct pc_layout *L = &b->L;
	L->title = title;
	L->author = "plancheck";
	L->subject = sub;
	L->header = title;
	L->first_numbered_page = 1;
	L->dump = lines_out;
	cover(b, title, sub, note);
	/* reserve the contents: one entry per chapter and section, plus the
	 * appendix's packs; ~34 entries a page */
	size_t entries = 0;
	for (size_t i = 0; i < body->n; i++)
		for (size_t k = 0; k < body->docs[i]->nsections; k++)
			entries += body->docs[i]->sections[k].level <= 2;
	if (appendix)
		entries += 1 + b->rs->npacks;
	int first = (int)L->npages, ntoc = (int)(entries + 33) / 34;
	for (int i = 0; i < ntoc; i++) {
		pc_lay_newpage(L);
		pc_lay_hold(L, L->page);   /* filled in once the chapters are laid out */
	}
	/* 表紙 and 目次 apart; the chapters are numbered from 1 */
	L->first_numbered_page = first + ntoc;
	pc_lay_label(L, 0, "表紙", false, 0);
	pc_lay_label(L, first, "目次", ntoc > 1, 1);
	pc_lay_label(L, first + ntoc, NULL, true, 1);
	pc_lay_outline(L, 1, "目次", pc_lay_dest_at(L, first, L->ph - L->mt));
	for (size_t i = 0; i < body->n; i++)
		render_doc(b, body->docs[i]);
	if (appendix)
		rules_appendix(b);
	fill_toc(b, first, ntoc);
	if (toc_out)
		for (size_t i = 0; i < b->ntoc; i++)
			fprintf(toc_out, "%d\t%s\t%d\t%d\n", b->toc[i].level, b->toc[i].title,
				b->toc[i].page + 1 - L->first_numbered_page, b->toc[i].page + 1);
	/* the cite index: each section's heading as printed and its page */
	if (index_out)
		for (size_t i = 0; i < b->nindex; i++)
			fprintf(index_out, "%s\t%s\t%d\t%s\n", b->index[i].id, b->index[i].title,
				b->index[i].page + 1 - L->first_numbered_page, b->index[i].file);
	return pc_render_pdf(L, path, err, errlen);
}

/* The cover's title, subtitle and summary, from the book's own folder
 * (book.yml beside its chapters): the books name the program, the code
 * does not. */
struct cover {
	struct pc_doc *doc;
	const char *title, *subtitle, *summary;
};

static int load_cover(const char *dir, struct cover *c, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/book.yml", dir);
	struct pc_open_opts raw = {.raw = 1};
	char *e = NULL;
	c->doc = pc_doc_open(path, &raw, &e);
	if (!c->doc) {
		snprintf(err, errlen, "%s", e ? e : path);
		free(e);
		return -1;
	}
	struct pc_yaml_opts yo = {.max_depth = 4, .refuse_aliases = true, .rule_prefix = "book"};
	struct pc_ynode *root = c->doc->len ? pc_yaml_parse(c->doc, 0, c->doc->len, &yo) : NULL;
	static const char *const keys[] = {"title", "subtitle", "summary"};
	const char **slot[] = {&c->title, &c->subtitle, &c->summary};
	for (size_t k = 0; k < PC_ARRAY_LEN(keys); k++) {
		const struct pc_ynode *n = root && root->kind == PC_Y_MAP ? pc_ymap_get(root, keys[k]) : NULL;
		if (!n || n->kind != PC_Y_SCALAR) {
			snprintf(err, errlen, "%s: 表紙の %s（文字列）がありません", path, keys[k]);
			pc_doc_free(c->doc);
			c->doc = NULL;
			return -1;
		}
		*slot[k] = n->str;
	}
	return 0;
}

int pc_book_manual(const char *datadir, const struct pc_ruleset *rs, const char *path, FILE *toc, FILE *lines,
		   FILE *index, char *err, size_t errlen)
{
	struct book b = {0};
	if (pc_layout_open(&b.L, err, errlen) != 0)
		return -1;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/manual", datadir);
	struct chapter_set cs = {0};
	if (load_chapters(dir, &cs, err, errlen, rs) != 0) {
		pc_layout_release(&b.L);
		return -1;
	}
	struct cover cv;
	if (load_cover(dir, &cv, err, errlen) != 0) {
		pc_layout_release(&b.L);
		free_chapters(&cs);
		return -1;
	}
	int rc = build(&b, &cs, path, toc, lines, index, false, cv.title, cv.subtitle, cv.summary, err, errlen);
	pc_layout_release(&b.L);
	free_chapters(&cs);
	pc_doc_free(cv.doc);
	return rc;
}

int pc_book_handbook(const char *datadir, const struct pc_ruleset *rs, const char *path, FILE *toc, FILE *lines,
		     char *err, size_t errlen)
{
	struct book b = {0};
	if (pc_layout_open(&b.L, err, errlen) != 0)
		return -1;
	char dir[4096], mdir[4096];
	snprintf(dir, sizeof(dir), "%s/manual/handbook", datadir);
	snprintf(mdir, sizeof(mdir), "%s/manual", datadir);
	struct chapter_set cs = {0}, manual = {0};
	if (load_chapters(dir, &cs, err, errlen, rs) != 0) {
		pc_layout_release(&b.L);
		return -1;
	}
	load_chapters(mdir, &manual, err, errlen, rs);
	b.rs = rs;
	b.manual = &manual;
	struct cover cv;
	if (load_cover(dir, &cv, err, errlen) != 0) {
		pc_layout_release(&b.L);
		free_chapters(&cs);
		free_chapters(&manual);
		return -1;
	}
	int rc = build(&b, &cs, path, toc, lines, NULL, true, cv.title, cv.subtitle, cv.summary, err, errlen);
	pc_layout_release(&b.L);
	free_chapters(&cs);
	free_chapters(&manual);
	pc_doc_free(cv.doc);
	return rc;
}

/* every cite names a section of the manual; sections marked .check that
 * no rule cites are listed (a check the manual describes but nothing
 * implements) */
int pc_book_check_cites(const char *datadir, const struct pc_ruleset *rs, FILE *out)
{
	char dir[4096], err[512];
	snprintf(dir, sizeof(dir), "%s/manual", datadir);
	struct chapter_set cs = {0};
	if (load_chapters(dir, &cs, err, sizeof(err), rs) != 0) {
		fprintf(out, "plancheck: %s\n", err);
		return 2;
	}
	int bad = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct pc_rule *r = &rs->rules[i];
		if (!section_title(&cs, r->cite)) {
			size_t line, col;
			pc_doc_linecol(r->file, r->start, &line, &col);
			fprintf(out, "%s:%zu:%zu: error: 規則 %s の cite「%s」はマニュアルのどの節にもありません [rules.cite]\n",
				r->file->path, line, col, r->id, r->cite);
			bad++;
			continue;
		}
		/* what a finding prints for the cite is the heading the manual
		 * prints: the index must give exactly that */
		struct pc_arena a = {0};
		const char *want = printed_heading(&a, &cs, r->cite);
		const struct pc_cite *ci = pc_cite_lookup(r->cite);
		if (!ci || strcmp(ci->title, want)) {
			size_t line, col;
			pc_doc_linecol(r->file, r->start, &line, &col);
			fprintf(out, "%s:%zu:%zu: error: 規則 %s の cite「%s」の見出し「%s」が manual/index.tsv に%s（make manual-index で作り直してください） [rules.cite]\n",
				r->file->path, line, col, r->id, r->cite, want, ci ? pc_arena_printf(&a, "「%s」とあります", ci->title) : "ありません");
			bad++;
		}
		pc_arena_release(&a);
	}
	for (size_t i = 0; i < cs.n; i++)
		for (size_t k = 0; k < cs.docs[i]->nsections; k++) {
			const struct pc_section *s = &cs.docs[i]->sections[k];
			if (!s->check || !s->id)
				continue;
			bool cited = false;
			for (size_t q = 0; q < rs->nrules && !cited; q++)
				cited = !strcmp(rs->rules[q].cite, s->id);
			if (!cited) {
				size_t line, col;
				pc_doc_linecol(cs.docs[i], s->start, &line, &col);
				fprintf(out, "%s:%zu:%zu: note: 節「%s」{#%s} は検査を説明していますが、それを実装する規則がありません\n",
					cs.docs[i]->path, line, col, s->shown, s->id);
			}
		}
	free_chapters(&cs);
	return bad ? 1 : 0;
}
