/*
 * check_section.c - the `section` kind: a required heading found by a
 * pattern on its normalised title (so "# 1. 収益計画" and "# ４．収益計画"
 * are the same), its place in the order of the required headings, a
 * minimum length in characters, required sub-sections (SWOT, 実施体制 …)
 * and topics that must be mentioned somewhere in the section (市場規模 …).
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

static void run_section(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	int si = find_section(d, r);
	if (si < 0) {
		size_t at = d->body_start < d->len ? d->body_start : d->len;
		pc_run_emit(x, r, at, at, r->level, NULL);
		return;
	}
	const struct pc_section *s = &d->sections[si];
	const struct pc_block *hb = &d->blocks[s->block];
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
	if (r->as->section.min_chars && (long)s->nchars < r->as->section.min_chars)
		pc_run_emit(x, r, hb->tstart, hb->tend, PC_WARNING,
			    pc_arena_printf(&d->arena, "「%s」の本文が %zu 字しかありません（目安は %ld 字以上）",
					    s->shown, s->nchars, r->as->section.min_chars));
	for (size_t k = 0; k < r->as->section.nsubs; k++) {
		bool found = false;
		for (size_t i = (size_t)si + 1; i < d->nsections && !found; i++)
			if (descends(d, (int)i, si) &&
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
		if (!pc_re_search(r->as->section.topics[k].re, d->text + s->start, s->end - s->start, NULL, NULL))
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
