/*
 * check_section.c - the `section` kind: a required heading found by a
 * pattern on its normalised title (so "# 1. 収益計画" and "# ４．収益計画"
 * are the same), its place in the order of the required headings, a
 * minimum length in characters, required sub-sections (SWOT, 実施体制 …)
 * and topics that must be mentioned somewhere in the section (市場規模 …).
 *
 * Headings as people type them are read before any rule runs: a numbered
 * line without "#" ("1. …", "■…", "【1】…", "（１）…") whose title is a
 * section the packs know, a required heading at another level, or one in
 * close wording ("具体的な取組内容") - each with a note suggesting the
 * standard form.  A required heading still missing names the closest one
 * (did you mean) at that heading's own line; one written twice is a
 * warning at the second.
 */
#include "kind.h"

#include <string.h>

static bool compile_subs(struct pc_loader *L, const struct pc_ynode *n, struct pc_subsec **out,
			 size_t *count, enum pc_severity deflevel)
{
	if (!n)
		return true;
	if (n->kind != PC_Y_SEQ) {
		pc_loader_error(L, n, "{name, pattern} のリストを書いてください");
		return false;
	}
	*out = pc_arena_alloc(pc_loader_arena(L), n->n * sizeof(**out));
	for (size_t i = 0; i < n->n; i++) {
		static const char *const keys[] = {"name", "pattern", "level", NULL};
		const struct pc_ynode *m = n->vals[i];
		if (!pc_loader_keys(L, m, keys, NULL, "項目"))
			return false;
		struct pc_subsec *s = &(*out)[(*count)++];
		s->name = pc_loader_str(L, pc_ymap_get(m, "name"), "name");
		s->re = pc_loader_regex(L, pc_ymap_get(m, "pattern"));
		s->level = deflevel;
		const struct pc_ynode *lv = pc_ymap_get(m, "level");
		if (lv)
			s->level = pc_yscalar_is(lv, "error") ? PC_ERROR : pc_yscalar_is(lv, "info") ? PC_INFO : PC_WARNING;
		if (!s->name || !s->re)
			return false;
	}
	return true;
}

static bool compile_section(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *h = pc_ymap_get(m, "heading");
	if (!h) {
		pc_loader_error(L, m, "section の規則には heading（見出しの正規表現）が必要です");
		return false;
	}
	r->as->section.heading = pc_loader_regex(L, h);
	r->as->section.heading_src = h->str;
	long v;
	if (pc_ymap_get(m, "heading_level") && pc_loader_int(L, pc_ymap_get(m, "heading_level"), &v))
		r->as->section.heading_level = (int)v;
	if (pc_ymap_get(m, "order") && pc_loader_int(L, pc_ymap_get(m, "order"), &v))
		r->as->section.order = (int)v;
	if (pc_ymap_get(m, "min_chars"))
		pc_loader_int(L, pc_ymap_get(m, "min_chars"), &r->as->section.min_chars);
	return r->as->section.heading && compile_subs(L, pc_ymap_get(m, "subsections"), &r->as->section.subs, &r->as->section.nsubs, PC_WARNING) &&
	       compile_subs(L, pc_ymap_get(m, "topics"), &r->as->section.topics, &r->as->section.ntopics, PC_WARNING);
}

extern const struct pc_kind pc_kind_section;

/* ---- how close two titles are -------------------------------------------- */

static size_t codepoints(const char *s, int32_t *out, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);
	while (i < len && n < max) {
		int32_t cp = pc_u8(s, len, &i);
		if (cp != ' ' && cp != 0x3000 && cp != 0x30FB)   /* spaces and ・ do not count */
			out[n++] = cp;
	}
	return n;
}

/* characters in common, in order (longest common subsequence) */
static size_t common_chars(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
	size_t row[65] = {0};
	for (size_t i = 1; i <= na; i++) {
		size_t diag = 0;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag + 1 : (row[j] > row[j - 1] ? row[j] : row[j - 1]);
			diag = up;
		}
	}
	return row[nb];
}

enum likeness { LIKE_NONE, LIKE_WEAK, LIKE_STRONG };

/* "具体的な取組内容" against "補助事業の具体的取組内容": most of the written
 * title is in the standard one, in order, and it covers half of it */
static enum likeness likeness(const char *written, const char *standard)
{
	int32_t a[64], b[64];
	size_t na = codepoints(written, a, 64), nb = codepoints(standard, b, 64);
	if (na < 2 || nb < 2)
		return LIKE_NONE;
	size_t c = common_chars(a, na, b, nb);
	if ((c * 4 >= nb * 3 && c * 2 >= na) || (c * 5 >= na * 4 && c * 2 >= nb))
		return LIKE_STRONG;
	if (c >= 2 && c * 2 >= nb && c * 3 >= na)
		return LIKE_WEAK;
	return LIKE_NONE;
}

/* the plain titles a heading pattern names ("主な資産|取得する資産"): the
 * alternatives that hold no pattern syntax */
static size_t literal_titles(struct pc_arena *a, const char *src, const char **out, size_t max)
{
	size_t n = 0;
	if (!src)
		return 0;
	for (const char *p = src; *p && n < max;) {
		const char *q = strchr(p, '|');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		if (l && !memchr(p, '\\', l) && !memchr(p, '(', l) && !memchr(p, '[', l) && !memchr(p, '.', l) &&
		    !memchr(p, '*', l) && !memchr(p, '+', l) && !memchr(p, '?', l) && !memchr(p, '^', l) &&
		    !memchr(p, '$', l) && !memchr(p, '{', l))
			out[n++] = pc_arena_strndup(a, p, l);
		p = q ? q + 1 : p + l;
	}
	return n;
}

/* the best a title does against the rule's plain titles */
static enum likeness rule_likeness(struct pc_arena *a, const struct pc_rule *r, const char *title, const char **std)
{
	const char *lit[8];
	size_t nl = literal_titles(a, r->as->section.heading_src, lit, 8);
	enum likeness best = LIKE_NONE;
	for (size_t i = 0; i < nl; i++) {
		enum likeness l = likeness(title, lit[i]);
		if (l > best) {
			best = l;
			if (std)
				*std = lit[i];
		}
	}
	return best;
}

static bool is_section_rule(const struct pc_rule *r)
{
	return r->kind == &pc_kind_section && r->as->section.heading;
}

static bool title_is(const struct pc_rule *r, const char *title)
{
	return pc_re_search(r->as->section.heading, title, strlen(title), NULL, NULL);
}

/* does any section rule of an applicable pack name this title? */
static bool known_title(const struct pc_doc *d, const struct pc_ruleset *rs, const char *title)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (is_section_rule(&rs->rules[i]) && pc_pack_applies(rs->rules[i].pack, d) &&
		    title_is(&rs->rules[i], title))
			return true;
	return false;
}

static int find_section(const struct pc_doc *d, const struct pc_rule *r);

/* a block's text as written, numbering and all */
static const char *written(struct pc_doc *d, const struct pc_block *b)
{
	size_t s = b->tstart, e = b->tend;
	if (b->kind != PC_B_HEADING) {
		s = b->start;
		while (s < e && (d->text[s] == ' ' || d->text[s] == '\t'))
			s++;
	}
	return pc_arena_strndup(&d->arena, d->text + s, e - s);
}

/* what a writer does to make it a real heading, in their own tool */
static const char *how_to_head(struct pc_doc *d, int level, const char *title)
{
	if (d->source == PC_SRC_DOCX)
		return pc_arena_printf(&d->arena, "Word の「見出し %d」スタイルを付けてください", level);
	char hashes[8];
	int l = level < 1 ? 1 : level > 6 ? 6 : level;
	memset(hashes, '#', (size_t)l);
	hashes[l] = '\0';
	return pc_arena_printf(&d->arena, "「%s %s」のように、行頭に「%s」と半角スペースを付けてください", hashes, title, hashes);
}

/* "■…", "【1】…": a mark, not a list number */
static bool starts_with_mark(const struct pc_doc *d, const struct pc_block *b)
{
	size_t i = b->start;
	while (i < b->end && (d->text[i] == ' ' || d->text[i] == '\t'))
		i++;
	int32_t cp = i < b->end ? pc_u8(d->text, b->end, &i) : 0;
	return cp == 0x25A0 || cp == 0x25A1 || cp == 0x25C6 || cp == 0x25C7 || cp == 0x25CF || cp == 0x25CB ||
	       cp == 0x25BC || cp == 0x2605 || cp == 0x2606 || cp == 0x3010;
}

void pc_sections_recognise(struct pc_doc *d, const struct pc_ruleset *rs)
{
	const struct pc_rule *rules[64];
	size_t nr = 0;
	for (size_t i = 0; i < rs->nrules && nr < PC_ARRAY_LEN(rules); i++)
		if (is_section_rule(&rs->rules[i]) && pc_pack_applies(rs->rules[i].pack, d))
			rules[nr++] = &rs->rules[i];
	if (!nr)
		return;
	bool changed = false;

	/* 1. a numbered line whose title is a required section */
	for (size_t bi = 0; bi < d->nblocks; bi++) {
		struct pc_block *b = &d->blocks[bi];
		int cand = pc_heading_candidate(d, b);
		if (!cand)
			continue;
		const char *title = pc_heading_normalise(&d->arena, d->text + b->start, b->end - b->start);
		for (size_t k = 0; k < nr; k++) {
			int level = rules[k]->as->section.heading_level ? rules[k]->as->section.heading_level : 1;
			if (cand != level || !title_is(rules[k], title))
				continue;   /* "（１）収益計画表" is not section 4 */
			const char *w = written(d, b);
			pc_body_promote(d, b, level);
			pc_finding_add(d, "plan.heading-form", PC_INFO, b->start, b->end, "「%s」を見出しとして読みました",
				       w)
				->suggestion = how_to_head(d, level, w);
			changed = true;
			break;
		}
	}
	if (changed)
		pc_body_structure(d);
	changed = false;

	/* 2. a required heading not found at its level: the same title at
	 * another level, or a close wording (a heading, or a numbered line) */
	for (size_t k = 0; k < nr; k++) {
		const struct pc_rule *r = rules[k];
		if (find_section(d, r) >= 0)
			continue;
		int want = r->as->section.heading_level ? r->as->section.heading_level : 1;
		struct pc_block *hit = NULL;
		const char *std = NULL;
		for (size_t si = 0; si < d->nsections && !hit; si++) {
			/* "## 2. 将来の展望" is section 2 one level down; "## （1）収益計画表"
			 * is numbered as a sub-heading and stays one */
			const struct pc_block *hb = &d->blocks[d->sections[si].block];
			int num = pc_numbering_level(d->text + hb->tstart, hb->tend - hb->tstart);
			if (title_is(r, d->sections[si].title) && (!num || num == want))
				hit = &d->blocks[d->sections[si].block];
		}
		if (hit) {
			pc_finding_add(d, "plan.heading-form", PC_INFO, hit->start, hit->end,
				       "見出し「%s」の階層が違います。%d 段目の見出しとして読みました", hit->shown, want)
				->suggestion = how_to_head(d, want, written(d, hit));
			hit->level = want;
			changed = true;
			continue;
		}
		for (size_t bi = 0; bi < d->nblocks && !hit; bi++) {
			struct pc_block *b = &d->blocks[bi];
			bool heading = b->kind == PC_B_HEADING && (!r->as->section.heading_level || b->level == r->as->section.heading_level);
			int cand = heading ? 0 : pc_heading_candidate(d, b);
			if (!heading && cand != 1)
				continue;
			const char *title = heading ? b->title
						    : pc_heading_normalise(&d->arena, d->text + b->start, b->end - b->start);
			if (known_title(d, rs, title) || rule_likeness(&d->arena, r, title, &std) != LIKE_STRONG)
				continue;
			if (!heading)
				pc_body_promote(d, b, want);
			pc_finding_add(d, "plan.heading-form", PC_INFO, b->start, b->end,
				       "見出し「%s」を「%s」として読みました", b->shown, std)
				->suggestion = heading ? pc_arena_printf(&d->arena, "公募要領どおり「%s」としてください", std)
						       : how_to_head(d, want, std);
			b->title = std;   /* the rules match it from now on */
			hit = b;
			changed = true;
		}
	}
	if (changed)
		pc_body_structure(d);
	changed = false;

	/* 3. numbered sub-headings ("（１）…", "①…", "■…") inside a required section */
	for (size_t bi = 0; bi < d->nblocks; bi++) {
		struct pc_block *b = &d->blocks[bi];
		int cand = pc_heading_candidate(d, b);
		if (!cand || b->section < 0)
			continue;
		if (cand == 1 && !starts_with_mark(d, b))
			continue;   /* a plain "1." list item stays a list item */
		const char *title = pc_heading_normalise(&d->arena, d->text + b->start, b->end - b->start);
		for (int s = b->section; s >= 0; s = d->sections[s].parent) {
			const struct pc_rule *owner = NULL;
			for (size_t k = 0; k < nr && !owner; k++)
				if (title_is(rules[k], d->sections[s].title))
					owner = rules[k];
			if (!owner)
				continue;
			for (size_t q = 0; q < owner->as->section.nsubs; q++)
				if (pc_re_search(owner->as->section.subs[q].re, title, strlen(title), NULL, NULL)) {
					int level = d->sections[s].level + 1;
					const char *w = written(d, b);
					pc_body_promote(d, b, level);
					pc_finding_add(d, "plan.heading-form", PC_INFO, b->start, b->end,
						       "「%s」を小見出しとして読みました", w)
						->suggestion = how_to_head(d, level, w);
					changed = true;
					break;
				}
			break;
		}
	}
	if (changed)
		pc_body_structure(d);
}

static int find_section(const struct pc_doc *d, const struct pc_rule *r)
{
	for (size_t i = 0; i < d->nsections; i++) {
		const struct pc_section *s = &d->sections[i];
		if (r->as->section.heading_level && s->level != r->as->section.heading_level)
			continue;
		if (pc_re_search(r->as->section.heading, s->title, strlen(s->title), NULL, NULL))
			return (int)i;
	}
	return -1;
}

static bool descends(const struct pc_doc *d, int s, int ancestor)
{
	for (int p = d->sections[s].parent; p >= 0; p = d->sections[p].parent)
		if (p == ancestor)
			return true;
	return false;
}

/* A required heading not found.  Said at the heading the writer most
 * likely meant (did you mean), else where it belongs: at the next required
 * heading in order, else at the body's first line - never a blank line. */
static void missing(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const struct pc_block *near = NULL;
	const char *std = NULL;
	enum likeness best = LIKE_NONE;
	for (size_t bi = 0; bi < d->nblocks; bi++) {
		const struct pc_block *b = &d->blocks[bi];
		bool heading = b->kind == PC_B_HEADING;
		if (!heading && pc_heading_candidate(d, b) != 1)
			continue;
		const char *title = heading ? b->title
					    : pc_heading_normalise(&d->arena, d->text + b->start, b->end - b->start);
		if (known_title(d, x->rs, title))
			continue;
		const char *st = NULL;
		enum likeness l = rule_likeness(&d->arena, r, title, &st);
		if (l > best) {
			best = l;
			near = b;
			std = st;
		}
	}
	if (near) {
		struct pc_finding *f = pc_run_emit(x, r, near->start, near->end, r->level, NULL);
		const char *shown = near->kind == PC_B_HEADING ? near->shown
							       : pc_arena_strndup(&d->arena, d->text + near->tstart,
										  near->tend - near->tstart);
		f->suggestion = pc_arena_printf(&d->arena, "「%s」のことなら、公募要領どおり「%s」の見出しにしてください%s%s",
						shown, std, f->suggestion ? "。" : "", f->suggestion ? f->suggestion : "");
		return;
	}
	size_t at = d->len;
	int best_order = 0;
	if (r->as->section.order)
		for (size_t i = 0; i < x->rs->nrules; i++) {
			const struct pc_rule *o = &x->rs->rules[i];
			if (o->kind != r->kind || o->pack != r->pack || o->as->section.order <= r->as->section.order ||
			    (best_order && o->as->section.order >= best_order))
				continue;
			int oi = find_section(d, o);
			if (oi >= 0) {
				best_order = o->as->section.order;
				at = d->blocks[d->sections[oi].block].start;
			}
		}
	if (!best_order && d->nblocks)
		at = d->blocks[0].start;
	else if (!best_order)
		at = d->body_start < d->len ? d->body_start : d->len;
	pc_run_emit(x, r, at, at, r->level, NULL);
}

static void run_section(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	int si = find_section(d, r);
	if (si < 0) {
		missing(x, r);
		return;
	}
	const struct pc_section *s = &d->sections[si];
	const struct pc_block *hb = &d->blocks[s->block];
	/* the same required heading again: a warning at the second; what the
	 * rule asks of the section may be under either */
	int dup = -1;
	for (size_t i = (size_t)si + 1; i < d->nsections && dup < 0; i++) {
		const struct pc_section *o = &d->sections[i];
		if ((r->as->section.heading_level && o->level != r->as->section.heading_level) || !title_is(r, o->title))
			continue;
		const struct pc_block *ob = &d->blocks[o->block];
		size_t line, col;
		pc_doc_linecol(d, hb->start, &line, &col);
		pc_run_emit(x, r, ob->tstart, ob->tend, PC_WARNING,
			    pc_arena_printf(&d->arena, "見出し「%s」が2回あります（最初は %zu 行目）", o->shown, line))
			->suggestion = "一つにまとめてください";
		dup = (int)i;
	}
	/* a sub-heading written twice under it */
	for (size_t i = (size_t)si + 1; i < d->nsections && d->sections[i].start < s->end; i++) {
		const struct pc_section *a = &d->sections[i];
		if (a->parent != si)
			continue;
		for (size_t j = i + 1; j < d->nsections && d->sections[j].start < s->end; j++) {
			const struct pc_section *b = &d->sections[j];
			if (b->parent != si || strcmp(a->title, b->title) != 0)
				continue;
			size_t line, col;
			pc_doc_linecol(d, a->start, &line, &col);
			const struct pc_block *bb = &d->blocks[b->block];
			pc_run_emit(x, r, bb->tstart, bb->tend, PC_WARNING,
				    pc_arena_printf(&d->arena, "小見出し「%s」が2回あります（最初は %zu 行目）", b->shown, line))
				->suggestion = "一つにまとめてください";
			break;
		}
	}
	struct pc_val title = {.t = X_TEXT, .s = s->shown};
	pc_run_local(x, L_SECTION, title);

	if (r->as->section.order) {
		/* an earlier-ordered required heading that comes after this one */
		for (size_t i = 0; i < x->rs->nrules; i++) {
			const struct pc_rule *o = &x->rs->rules[i];
			if (o->kind != r->kind || o->pack != r->pack || !o->as->section.order || o->as->section.order >= r->as->section.order)
				continue;
			int oi = find_section(d, o);
			if (oi > si) {
				pc_run_emit(x, r, hb->tstart, hb->tend, r->level,
					    pc_arena_printf(&d->arena, "見出し「%s」は「%s」より後に置いてください",
							    s->shown, d->sections[oi].shown));
				break;
			}
		}
	}
	size_t nchars = s->nchars + (dup >= 0 ? d->sections[dup].nchars : 0);
	if (r->as->section.min_chars && (long)nchars < r->as->section.min_chars)
		pc_run_emit(x, r, hb->tstart, hb->tend, PC_WARNING,
			    pc_arena_printf(&d->arena, "「%s」の本文が %zu 字しかありません（目安は %ld 字以上）",
					    s->shown, nchars, r->as->section.min_chars));
	for (size_t k = 0; k < r->as->section.nsubs; k++) {
		bool found = false;
		for (size_t i = (size_t)si + 1; i < d->nsections && !found; i++)
			if ((descends(d, (int)i, si) || (dup >= 0 && descends(d, (int)i, dup))) &&
			    pc_re_search(r->as->section.subs[k].re, d->sections[i].title, strlen(d->sections[i].title), NULL, NULL))
				found = true;
		if (!found)
			pc_run_emit(x, r, hb->tstart, hb->tend, r->as->section.subs[k].level,
				    pc_arena_printf(&d->arena, "「%s」に「%s」の項目がありません",
						    s->shown, r->as->section.subs[k].name))
				->suggestion = pc_arena_printf(&d->arena, "「## %s」の小見出しを立てて書いてください",
							       r->as->section.subs[k].name);
	}
	for (size_t k = 0; k < r->as->section.ntopics; k++) {
		if (!pc_re_search(r->as->section.topics[k].re, d->text + s->start, s->end - s->start, NULL, NULL) &&
		    (dup < 0 || !pc_re_search(r->as->section.topics[k].re, d->text + d->sections[dup].start,
					      d->sections[dup].end - d->sections[dup].start, NULL, NULL)))
			pc_run_emit(x, r, hb->tstart, hb->tend, r->as->section.topics[k].level,
				    pc_arena_printf(&d->arena, "「%s」に%sについての記述が見当たりません",
						    s->shown, r->as->section.topics[k].name));
	}
}

static const char *const section_keys[] = {"heading", "heading_level", "order", "min_chars",
					    "subsections", "topics", NULL};
static void release_section(struct pc_rule *r)
{
	struct pc_section_as *a = &r->as->section;
	pcre2_code_free(a->heading);
	for (size_t k = 0; k < a->nsubs; k++)
		pcre2_code_free(a->subs[k].re);
	for (size_t k = 0; k < a->ntopics; k++)
		pcre2_code_free(a->topics[k].re);
}

const struct pc_kind pc_kind_section = {"section", section_keys, compile_section, run_section, release_section, NULL};
