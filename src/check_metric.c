/*
 * check_metric.c - the `metric` kind: measurements of the prose.
 *   sentence-length    a sentence longer than `max` characters
 *   comma-count        more than `max` 読点（、，）in one sentence
 *   style-mix          である調 and ですます調 mixed within a top-level
 *                      section (paragraphs only; lists and tables aside):
 *                      the minority style is reported
 *   repeated-sentence  the same sentence (of `max` characters or more)
 *                      written twice: a copy-paste left behind
 * {value} is the measured figure, {max} the limit in the message.
 */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

static const char *const metrics[] = {"sentence-length", "comma-count", "style-mix", "repeated-sentence", NULL};

static bool compile_metric(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *mt = pc_ymap_get(m, "metric");
	const char *name = mt ? pc_loader_str(L, mt, "metric") : NULL;
	bool known = false;
	for (const char *const *p = metrics; name && *p; p++)
		if (!strcmp(*p, name))
			known = true;
	if (!known) {
		pc_loader_error(L, mt ? mt : m, "metric は sentence-length, comma-count, style-mix, repeated-sentence のどれかです");
		return false;
	}
	r->as->metric.metric = name;
	r->as->metric.max = !strcmp(name, "sentence-length") ? 120 : !strcmp(name, "comma-count") ? 3 : 20;
	if (pc_ymap_get(m, "max") && !pc_loader_int(L, pc_ymap_get(m, "max"), &r->as->metric.max))
		return false;
	return true;
}

static struct pc_val num(int64_t v)
{
	struct pc_val x = {.t = X_NUM, .r = {v, 1}};
	return x;
}

enum style { S_NONE, S_DESU, S_DEARU };

static enum style style_of(const char *t, size_t s, size_t e)
{
	/* drop the closing punctuation and brackets */
	for (;;) {
		if (e <= s)
			break;
		size_t k = e - 1;   /* back to the lead byte of the last character */
		while (k > s && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		size_t q = k;
		int32_t cp = pc_u8(t, e, &q);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' || cp == 0x300D ||
		    cp == 0x300F || cp == 0xFF09 || cp == ')' || cp == ' ' || cp == 0x3011)
			e = k;
		else
			break;
	}
#define E(x) {x, sizeof(x) - 1}
	static const struct {
		const char *s;
		size_t len;
	} endings[2][8] = {
		{E("です"), E("ます"), E("でした"), E("ました"), E("ません"), E("でしょう"), E("ましょう"), E("ください")},
		{E("である"), E("であった"), E("であろう"), E("ではない"), E("ではなかった"), E("だった"), E("だろう"), E("だ")},
	};
#undef E
	for (int k = 0; k < 2; k++)
		for (size_t j = 0; j < 8; j++) {
			size_t l = endings[k][j].len;
			if (e - s >= l && !memcmp(t + e - l, endings[k][j].s, l))
				return k ? S_DEARU : S_DESU;
		}
	return S_NONE;
}

static int top_section(const struct pc_doc *d, int s)
{
	while (s >= 0 && d->sections[s].parent >= 0)
		s = d->sections[s].parent;
	return s;
}

static void style_mix(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	/* per top-level section: count, then report the minority */
	int cur = -2;
	size_t first = 0, last;
	for (size_t i = 0; i <= d->nsentences; i++) {
		int sec = i < d->nsentences ? top_section(d, d->blocks[d->sentences[i].block].section) : -3;
		if (sec != cur) {
			if (cur != -2) {
				last = i;
				size_t nd = 0, nr = 0;
				for (size_t k = first; k < last; k++) {
					const struct pc_sentence *se = &d->sentences[k];
					if (d->blocks[se->block].kind != PC_B_PARA)
						continue;
					enum style st = style_of(d->text, se->start, se->end);
					nd += st == S_DESU;
					nr += st == S_DEARU;
				}
				if (nd && nr) {
					enum style minority = nd < nr ? S_DESU : S_DEARU;
					for (size_t k = first; k < last; k++) {
						const struct pc_sentence *se = &d->sentences[k];
						if (d->blocks[se->block].kind != PC_B_PARA ||
						    style_of(d->text, se->start, se->end) != minority)
							continue;
						struct pc_val w = {.t = X_TEXT, .s = minority == S_DESU ? "ですます調" : "である調"};
						struct pc_val o = {.t = X_TEXT, .s = minority == S_DESU ? "である調" : "ですます調"};
						pc_run_local(x, L_WRITTEN, w);
						pc_run_local(x, L_SUGGEST, o);
						pc_run_local(x, L_VALUE, num((int64_t)(minority == S_DESU ? nd : nr)));
						pc_run_emit(x, r, se->start, se->end, r->level, NULL);
					}
				}
			}
			cur = sec;
			first = i;
		}
	}
}

struct seen {
	size_t start, end;
	unsigned long hash;
};

static int cmp_seen(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void repeated(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	/* sort by hash: linear in the number of sentences, not quadratic */
	struct seen *v = malloc((d->nsentences + 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		abort();
	for (size_t i = 0; i < d->nsentences; i++) {
		const struct pc_sentence *s = &d->sentences[i];
		if ((long)s->nchars < r->as->metric.max)
			continue;
		/* length and the first and last 16 bytes: equal sentences hash
		 * alike, and the memcmp below settles every collision */
		size_t len = s->end - s->start, m = len < 16 ? len : 16;
		unsigned long h = 5381 + len;
		for (size_t k = 0; k < m; k++)
			h = h * 33 + (unsigned char)d->text[s->start + k];
		for (size_t k = 0; k < m; k++)
			h = h * 33 + (unsigned char)d->text[s->end - m + k];
		v[n++] = (struct seen){s->start, s->end, h};
	}
	qsort(v, n, sizeof(*v), cmp_seen);
	for (size_t i = 1; i < n; i++) {
		size_t j = i;
		while (j > 0 && v[j - 1].hash == v[i].hash) {
			j--;
			if (v[j].end - v[j].start == v[i].end - v[i].start &&
			    !memcmp(d->text + v[j].start, d->text + v[i].start, v[i].end - v[i].start)) {
				size_t line, col;
				pc_doc_linecol(d, v[j].start, &line, &col);
				pc_run_local(x, L_VALUE, num((int64_t)line));
				pc_run_emit(x, r, v[i].start, v[i].end, r->level, NULL);
				break;
			}
		}
	}
	free(v);
}

static void run_metric(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	struct pc_val mx = num(r->as->metric.max);
	pc_run_local(x, L_NAME, mx);
	if (!strcmp(r->as->metric.metric, "style-mix")) {
		style_mix(x, r);
		return;
	}
	if (!strcmp(r->as->metric.metric, "repeated-sentence")) {
		repeated(x, r);
		return;
	}
	bool commas = !strcmp(r->as->metric.metric, "comma-count");
	for (size_t i = 0; i < d->nsentences; i++) {
		const struct pc_sentence *s = &d->sentences[i];
		size_t v = commas ? s->ncommas : s->nchars;
		if ((long)v > r->as->metric.max) {
			pc_run_local(x, L_VALUE, num((int64_t)v));
			pc_run_emit(x, r, s->start, s->end, r->level, NULL);
		}
	}
}

static const char *const metric_keys[] = {"metric", "max", NULL};
const struct pc_kind pc_kind_metric = {"metric", metric_keys, compile_metric, run_metric, NULL, NULL};
