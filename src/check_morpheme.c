/*
 * check_morpheme.c - the `morpheme` kind: rules over the draft's token
 * stream (MeCab with IPAdic, made once per draft by mecab.c), whose words
 * and parts of speech all live in the rule pack.  Three ways to match:
 *   sequence  - a run of tokens, each meeting its conditions (ら抜き,
 *               二重否定, 冗長な表現, 弱い表現);
 *   doubled   - the same particle twice in a sentence, within a number of
 *               countable tokens (助詞の重なり, 逆接の「が」);
 *   repeated  - the same first conjunction in sentences that follow each
 *               other in a paragraph.
 * A token condition compares the surface and the IPAdic features (品詞,
 * 細分類1-3, 活用型, 活用形, 原形, 読み) with one value or a list.
 */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

enum { F_SURFACE, F_POS, F_POS1, F_POS2, F_POS3, F_CTYPE, F_CFORM, F_BASE, F_READING, F_N };
static const char *const field_names[F_N] = {"surface", "pos", "pos1", "pos2", "pos3", "ctype", "cform", "base",
					     "reading"};

struct tspec {
	const char **v[F_N];
	size_t nv[F_N];
	uint32_t *hv[F_N];          /* pc_tok_hash of each value */
	int order[F_N];             /* the fields set, the most telling first */
	int nset;
	bool skip;                  /* may be absent */
	long capture;               /* 1..9: its surface is $N */
	bool pair;                  /* (exceptions) only when the particle occurs exactly twice */
	struct tspec *before;       /* (exceptions) the token before the second one */
};

struct mpat {
	struct tspec *t;
	size_t n;
	const char *note;
	pcre2_code **allow;
	size_t nallow;
};

enum { M_SEQUENCE, M_DOUBLED, M_REPEATED };

struct pc_morph {
	int mode;
	struct mpat *p;             /* sequence */
	size_t np;
	struct tspec select;        /* doubled, repeated */
	bool join;                  /* consecutive selected tokens are one */
	struct tspec *spacers;      /* countable between two selected ones */
	size_t nspacers;
	const char **seps;          /* split a sentence into parts */
	uint32_t *sephash;
	size_t nseps;
	/* sequence: a token can start a pattern only if the hash of its
	 * anchor field (the first token's most telling one) has its bit here */
	uint64_t anchor_mask[F_N];
	int anchor_fields[F_N];     /* the fields with a mask */
	int nanchor;
	long window;                /* 0: the whole part */
	bool report_first;
	struct tspec *except;
	size_t nexcept;
};

/* ---- loading -------------------------------------------------------------- */

static const char **values(struct pc_loader *L, const struct pc_ynode *n, size_t *count)
{
	struct pc_arena *a = pc_loader_arena(L);
	*count = 0;
	if (n->kind == PC_Y_SCALAR) {
		const char **v = pc_arena_alloc(a, sizeof(*v));
		v[0] = pc_arena_strdup(a, n->str);
		*count = 1;
		return v;
	}
	if (n->kind != PC_Y_SEQ || !n->n) {
		pc_loader_error(L, n, "トークンの条件には文字列か、文字列のリストを書いてください");
		return NULL;
	}
	const char **v = pc_arena_alloc(a, n->n * sizeof(*v));
	for (size_t i = 0; i < n->n; i++) {
		if (n->vals[i]->kind != PC_Y_SCALAR) {
			pc_loader_error(L, n->vals[i], "リストの項目には文字列を書いてください");
			return NULL;
		}
		v[(*count)++] = pc_arena_strdup(a, n->vals[i]->str);
	}
	return v;
}

/* surface, base and reading tell most tokens apart at once; pos least */
static void order_fields(struct tspec *t)
{
	static const int pref[F_N] = {F_SURFACE, F_BASE, F_READING, F_CFORM, F_CTYPE, F_POS3, F_POS2, F_POS1, F_POS};
	t->nset = 0;
	for (int i = 0; i < F_N; i++)
		if (t->nv[pref[i]])
			t->order[t->nset++] = pref[i];
}

static bool load_spec(struct pc_loader *L, const struct pc_ynode *m, struct tspec *t, bool exception)
{
	static const char *const keys[] = {"surface", "pos", "pos1", "pos2", "pos3", "ctype", "cform", "base",
					   "reading", "skip", "capture", NULL};
	static const char *const ekeys[] = {"pair", "before", NULL};
	memset(t, 0, sizeof(*t));
	if (!pc_loader_keys(L, m, keys, exception ? ekeys : NULL, "トークンの条件"))
		return false;
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;
		const struct pc_ynode *v = m->vals[i];
		int f = -1;
		for (int q = 0; q < F_N; q++)
			if (!strcmp(k, field_names[q]))
				f = q;
		if (f >= 0) {
			t->v[f] = values(L, v, &t->nv[f]);
			if (!t->v[f])
				return false;
			t->hv[f] = pc_arena_alloc(pc_loader_arena(L), t->nv[f] * sizeof(*t->hv[f]));
			for (size_t q = 0; q < t->nv[f]; q++)
				t->hv[f][q] = pc_tok_hash(t->v[f][q], strlen(t->v[f][q]));
		} else if (!strcmp(k, "skip") || !strcmp(k, "pair")) {
			bool b = pc_yscalar_is(v, "true");
			if (!b && !pc_yscalar_is(v, "false")) {
				pc_loader_error(L, v, "%s には true か false を書いてください", k);
				return false;
			}
			if (k[0] == 's')
				t->skip = b;
			else
				t->pair = b;
		} else if (!strcmp(k, "capture")) {
			if (!pc_loader_int(L, v, &t->capture))
				return false;
			if (t->capture < 1 || t->capture > 9) {
				pc_loader_error(L, v, "capture は 1 から 9 の番号です");
				return false;
			}
		} else if (!strcmp(k, "before")) {
			t->before = pc_arena_alloc(pc_loader_arena(L), sizeof(*t->before));
			if (!load_spec(L, v, t->before, false))
				return false;
		}
	}
	order_fields(t);
	return true;
}

static struct tspec *load_specs(struct pc_loader *L, const struct pc_ynode *n, size_t *count, bool exception,
				const char *what)
{
	*count = 0;
	if (!n || n->kind != PC_Y_SEQ || !n->n) {
		pc_loader_error(L, n, "%s はトークンの条件のリストです", what);
		return NULL;
	}
	struct tspec *v = pc_arena_alloc(pc_loader_arena(L), n->n * sizeof(*v));
	for (size_t i = 0; i < n->n; i++)
		if (!load_spec(L, n->vals[i], &v[(*count)++], exception))
			return NULL;
	return v;
}

static void release_morpheme(struct pc_rule *r)
{
	struct pc_morph *m = r->as->morpheme.morph;
	if (!m)
		return;
	for (size_t i = 0; i < m->np; i++)
		for (size_t k = 0; k < m->p[i].nallow; k++)
			pcre2_code_free(m->p[i].allow[k]);
	free(m);
}

static bool load_patterns(struct pc_loader *L, struct pc_morph *mo, const struct pc_ynode *ps)
{
	static const char *const pkeys[] = {"tokens", "note", "allow", NULL};
	struct pc_arena *a = pc_loader_arena(L);
	if (!ps || ps->kind != PC_Y_SEQ || !ps->n) {
		pc_loader_error(L, ps, "match: sequence の規則には patterns（tokens の並びのリスト）が必要です");
		return false;
	}
	mo->p = pc_arena_alloc(a, ps->n * sizeof(*mo->p));
	for (size_t i = 0; i < ps->n; i++) {
		const struct pc_ynode *pm = ps->vals[i];
		if (!pc_loader_keys(L, pm, pkeys, NULL, "patterns の項目"))
			return false;
		struct mpat *p = &mo->p[mo->np++];
		p->t = load_specs(L, pc_ymap_get(pm, "tokens"), &p->n, false, "tokens");
		if (!p->t)
			return false;
		size_t required = 0;
		for (size_t k = 0; k < p->n; k++)
			required += !p->t[k].skip;
		if (!required) {
			pc_loader_error(L, pm, "どのトークンも skip では、何にも一致しません");
			return false;
		}
		if (pc_ymap_get(pm, "note"))
			p->note = pc_loader_str(L, pc_ymap_get(pm, "note"), "note");
		const struct pc_ynode *al = pc_ymap_get(pm, "allow");
		if (al) {
			if (al->kind != PC_Y_SEQ) {
				pc_loader_error(L, al, "allow は正規表現のリストです");
				return false;
			}
			p->allow = pc_arena_alloc(a, al->n * sizeof(*p->allow));
			for (size_t k = 0; k < al->n; k++) {
				p->allow[k] = pc_loader_regex(L, al->vals[k]);
				if (!p->allow[k])
					return false;
				p->nallow++;
			}
		}
	}
	return true;
}

static bool compile_morpheme(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const char *err;
	if (!pc_mecab_ready(&err)) {
		pc_loader_error(L, m, "%s", err);
		return false;
	}
	const struct pc_ynode *mn = pc_ymap_get(m, "match");
	int mode = pc_yscalar_is(mn, "sequence") ? M_SEQUENCE : pc_yscalar_is(mn, "doubled") ? M_DOUBLED
						  : pc_yscalar_is(mn, "repeated")                         ? M_REPEATED
															   : -1;
	if (mode < 0) {
		pc_loader_error(L, mn ? mn : m, "match は sequence, doubled, repeated のどれかです");
		return false;
	}
	struct pc_morph *mo = calloc(1, sizeof(*mo));
	if (!mo)
		abort();
	r->as->morpheme.morph = mo;   /* freed with the rule, whatever happens below */
	mo->mode = mode;
	static const char *const only_seq[] = {"patterns", NULL};
	static const char *const only_dbl[] = {"join", "spacers", "separators", "window", "report", "except", NULL};
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;
		bool seq = false, dbl = false;
		for (const char *const *p = only_seq; *p; p++)
			seq |= !strcmp(*p, k);
		for (const char *const *p = only_dbl; *p; p++)
			dbl |= !strcmp(*p, k);
		if ((seq && mode != M_SEQUENCE) || (dbl && mode != M_DOUBLED) ||
		    (!strcmp(k, "select") && mode == M_SEQUENCE)) {
			pc_loader_error(L, m->keys[i], "%s は match: %s の規則には書けません", k, mn->str);
			return false;
		}
	}
	if (mode == M_SEQUENCE) {
		if (!load_patterns(L, mo, pc_ymap_get(m, "patterns")))
			return false;
		for (size_t i = 0; i < mo->np; i++) {
			const struct tspec *f0 = &mo->p[i].t[0];
			if (f0->skip || !f0->nset) {
				for (int f = 0; f < F_N; f++)
					mo->anchor_mask[f] = ~0ull;   /* anything may start it */
				continue;
			}
			int af = f0->order[0];
			for (size_t v = 0; v < f0->nv[af]; v++)
				mo->anchor_mask[af] |= 1ull << (f0->hv[af][v] & 63);
		}
		for (int f = 0; f < F_N; f++)
			if (mo->anchor_mask[f])
				mo->anchor_fields[mo->nanchor++] = f;
		return true;
	}
	const struct pc_ynode *sel = pc_ymap_get(m, "select");
	if (!sel) {
		pc_loader_error(L, m, "match: %s の規則には select（数えるトークンの条件）が必要です", mn->str);
		return false;
	}
	if (!load_spec(L, sel, &mo->select, false))
		return false;
	if (mode == M_REPEATED)
		return true;
	const struct pc_ynode *n;
	if ((n = pc_ymap_get(m, "join"))) {
		mo->join = pc_yscalar_is(n, "true");
		if (!mo->join && !pc_yscalar_is(n, "false")) {
			pc_loader_error(L, n, "join には true か false を書いてください");
			return false;
		}
	}
	if ((n = pc_ymap_get(m, "spacers")) && !(mo->spacers = load_specs(L, n, &mo->nspacers, false, "spacers")))
		return false;
	if ((n = pc_ymap_get(m, "except")) && !(mo->except = load_specs(L, n, &mo->nexcept, true, "except")))
		return false;
	if ((n = pc_ymap_get(m, "separators")) && !(mo->seps = values(L, n, &mo->nseps)))
		return false;
	mo->sephash = pc_arena_alloc(pc_loader_arena(L), (mo->nseps + 1) * sizeof(*mo->sephash));
	for (size_t i = 0; i < mo->nseps; i++)
		mo->sephash[i] = pc_tok_hash(mo->seps[i], strlen(mo->seps[i]));
	if ((n = pc_ymap_get(m, "window")) && (!pc_loader_int(L, n, &mo->window) || mo->window < 0)) {
		if (mo->window < 0)
			pc_loader_error(L, n, "window は 0（文全体）以上の整数です");
		return false;
	}
	if ((n = pc_ymap_get(m, "report"))) {
		if (!pc_yscalar_is(n, "first") && !pc_yscalar_is(n, "later")) {
			pc_loader_error(L, n, "report は first（最初の一つ）か later（重なった後の方）です");
			return false;
		}
		mo->report_first = pc_yscalar_is(n, "first");
	}
	return true;
}

/* ---- matching ----------------------------------------------------------------- */

static bool in(const char *s, size_t n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i]) == n && !memcmp(v[i], s, n))
			return true;
	return false;
}

/* hashes first (a few instructions), the bytes only on a hash match */
static inline bool spec_match(const struct pc_doc *d, const struct pc_token *t, const struct tspec *sp)
{
	for (int o = 0; o < sp->nset; o++) {
		int f = sp->order[o];
		bool hit = false;
		for (size_t q = 0; q < sp->nv[f] && !hit; q++)
			if (sp->hv[f][q] == pc_tok_hash_of(t, f)) {
				size_t l;
				const char *v = f == F_SURFACE ? d->text + t->start : pc_tok_field(t, f - 1, &l);
				if (f == F_SURFACE)
					l = t->end - t->start;
				hit = strlen(sp->v[f][q]) == l && !memcmp(sp->v[f][q], v, l);
			}
		if (!hit)
			return false;
	}
	return true;
}

static void emit(struct pc_run *x, const struct pc_rule *r, size_t s, size_t e, const char *written,
		 const char *suggest)
{
	struct pc_doc *d = x->d;
	pc_run_local(x, L_WRITTEN, (struct pc_val){.t = X_TEXT, .s = written});
	pc_run_local(x, L_SUGGEST, (struct pc_val){.t = X_TEXT, .s = suggest ? suggest : ""});
	pc_run_emit(x, r, s, e, r->level, NULL);
	(void)d;
}

/* the pattern at token i: the tokens it takes end before *end */
static bool seq_at(const struct pc_doc *d, const struct pc_token *tk, size_t i, size_t n, const struct mpat *p,
		   size_t *end, size_t *caps)
{
	size_t j = i;
	for (size_t k = 0; k < p->n; k++) {
		if (j < n && spec_match(d, &tk[j], &p->t[k])) {
			if (p->t[k].capture)
				caps[p->t[k].capture] = j + 1;
			j++;
		} else if (!p->t[k].skip)
			return false;
	}
	*end = j;
	return j > i;
}

static const char *fill_note(struct pc_doc *d, const char *note, const struct pc_token *tk, const size_t *caps)
{
	if (!note || !strchr(note, '$'))
		return note;
	struct pc_buf b = {0};
	for (const char *p = note; *p; p++) {
		if (p[0] == '$' && p[1] >= '1' && p[1] <= '9') {
			size_t c = caps[p[1] - '0'];
			if (c)
				pc_buf_add(&b, d->text + tk[c - 1].start, tk[c - 1].end - tk[c - 1].start);
			p++;
		} else
			pc_buf_putc(&b, *p);
	}
	const char *s = pc_arena_strdup(&d->arena, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

/* each pattern over each paragraph's tokens (a match may cross a 。, as
 * textlint's does within a paragraph); a token whose anchor bits are
 * not set starts no pattern and costs a few instructions */
static void run_sequence(struct pc_run *x, const struct pc_rule *r, const struct pc_tokens *tks)
{
	struct pc_doc *d = x->d;
	const struct pc_morph *mo = r->as->morpheme.morph;
	const struct pc_token *tk = tks->v;
	size_t *next = calloc(mo->np + 1, sizeof(*next));   /* per pattern: where it may match again */
	if (!next)
		abort();
	size_t b = 0, blk = (size_t)-1;
	for (size_t i = 0; i < tks->n; i++) {
		if (i >= b) {
			/* a new paragraph: its end, and every pattern may start anew */
			blk = d->sentences[tk[i].sentence].block;
			for (b = i; b < tks->n && d->sentences[tk[b].sentence].block == blk; b++)
				;
			memset(next, 0, mo->np * sizeof(*next));
		}
		bool may = false;
		for (int k = 0; k < mo->nanchor && !may; k++) {
			int f = mo->anchor_fields[k];
			may = (mo->anchor_mask[f] >> (pc_tok_hash_of(&tk[i], f) & 63)) & 1;
		}
		if (!may)
			continue;
		for (size_t q = 0; q < mo->np; q++) {
			const struct mpat *p = &mo->p[q];
			size_t end, caps[10] = {0};
			if (i < next[q] || !seq_at(d, tk, i, b, p, &end, caps))
				continue;
			size_t s = tk[i].start, e = tk[end - 1].end;
			bool allowed = false;
			for (size_t k = 0; k < p->nallow && !allowed; k++) {
				size_t ms, me;
				allowed = pc_re_search(p->allow[k], d->text + s, e - s, &ms, &me);
			}
			if (!allowed)
				emit(x, r, s, e, pc_arena_strndup(&d->arena, d->text + s, e - s),
				     fill_note(d, p->note, tk, caps));
			next[q] = end;   /* matches of one pattern do not overlap */
		}
	}
	free(next);
}

/* a selected token, or several in a row joined (に＋は = には) */
struct unit {
	size_t first, last;         /* token indexes */
	bool counted;               /* a selected unit (else a spacer) */
};

static bool is_sep(const struct pc_doc *d, const struct pc_token *t, const struct pc_morph *mo)
{
	for (size_t i = 0; i < mo->nseps; i++)
		if (mo->sephash[i] == t->shash && in(d->text + t->start, t->end - t->start, mo->seps + i, 1))
			return true;
	return false;
}

/* two units are the same particle: the same surface, and the first
 * token's part of speech (と 格助詞 is not と 接続助詞) */
static bool same_unit(const struct pc_doc *d, const struct pc_token *tk, const struct unit *a, const struct unit *b)
{
	size_t la = tk[a->last].end - tk[a->first].start, lb = tk[b->last].end - tk[b->first].start;
	if (la != lb || memcmp(d->text + tk[a->first].start, d->text + tk[b->first].start, la) ||
	    a->last - a->first != b->last - b->first)
		return false;
	for (int f = 0; f < 4; f++) {
		size_t l1, l2;
		const char *f1 = pc_tok_field(&tk[a->first], f, &l1), *f2 = pc_tok_field(&tk[b->first], f, &l2);
		if (l1 != l2 || memcmp(f1, f2, l1))
			return false;
	}
	return true;
}

static bool excepted(const struct pc_doc *d, const struct pc_token *tk, const struct pc_morph *mo,
		     const struct unit *u, const size_t *group, size_t ng)
{
	const struct unit *first = &u[group[0]];
	if (first->last != first->first)
		return false;   /* a joined one (には) is no exception */
	for (size_t e = 0; e < mo->nexcept; e++) {
		const struct tspec *sp = &mo->except[e];
		if (!spec_match(d, &tk[first->first], sp))
			continue;
		if (sp->pair && ng != 2)
			continue;
		if (sp->before) {
			size_t second = u[group[1]].first;
			if (!second || !spec_match(d, &tk[second - 1], sp->before))
				continue;
		}
		return true;
	}
	return false;
}

static void check_part(struct pc_run *x, const struct pc_rule *r, const struct pc_token *tk, size_t a, size_t b,
		       struct unit *u, bool *scratch_done, size_t *scratch_group)
{
	struct pc_doc *d = x->d;
	const struct pc_morph *mo = r->as->morpheme.morph;
	size_t nu = 0;
	for (size_t i = a; i < b; i++) {
		if (spec_match(d, &tk[i], &mo->select)) {
			if (mo->join && nu && u[nu - 1].counted && u[nu - 1].last + 1 == i)
				u[nu - 1].last = i;
			else
				u[nu++] = (struct unit){i, i, true};
			continue;
		}
		for (size_t s = 0; s < mo->nspacers; s++)
			if (spec_match(d, &tk[i], &mo->spacers[s])) {
				u[nu++] = (struct unit){i, i, false};
				break;
			}
	}
	bool *done = scratch_done;
	size_t *group = scratch_group;
	memset(done, 0, nu + 1);
	for (size_t i = 0; i < nu; i++) {
		if (!u[i].counted || done[i])
			continue;
		size_t ng = 0;
		for (size_t k = i; k < nu; k++)
			if (u[k].counted && !done[k] && same_unit(d, tk, &u[i], &u[k])) {
				done[k] = true;
				group[ng++] = k;
			}
		if (ng < 2 || excepted(d, tk, mo, u, group, ng))
			continue;
		const struct unit *w = &u[group[0]];
		const char *text = pc_arena_strndup(&d->arena, d->text + tk[w->first].start,
						    tk[w->last].end - tk[w->first].start);
		if (mo->report_first) {
			emit(x, r, tk[w->first].start, tk[w->last].end, text, NULL);
			continue;
		}
		for (size_t g = 1; g < ng; g++) {
			if (mo->window && group[g] - group[g - 1] > (size_t)mo->window)
				continue;
			const struct unit *c = &u[group[g]];
			emit(x, r, tk[c->first].start, tk[c->last].end, text, NULL);
		}
	}
}

static void run_doubled(struct pc_run *x, const struct pc_rule *r, const struct pc_tokens *tks)
{
	const struct pc_token *tk = tks->v;
	/* scratch for the longest sentence, not the whole draft */
	size_t most = 0;
	for (size_t a = 0, b; a < tks->n; a = b) {
		for (b = a; b < tks->n && tk[b].sentence == tk[a].sentence; b++)
			;
		if (b - a > most)
			most = b - a;
	}
	struct unit *u = malloc((most + 1) * sizeof(*u));
	bool *done = malloc(most + 1);
	size_t *group = malloc((most + 1) * sizeof(*group));
	if (!u || !done || !group)
		abort();
	for (size_t a = 0; a < tks->n;) {
		size_t b = a;
		while (b < tks->n && tk[b].sentence == tk[a].sentence)
			b++;
		/* a 。 inside 「」 does not end our sentence: it ends a part */
		for (size_t s = a; s < b;) {
			size_t e = s;
			while (e < b && !is_sep(x->d, &tk[e], r->as->morpheme.morph))
				e++;
			check_part(x, r, tk, s, e, u, done, group);
			s = e + 1;
		}
		a = b;
	}
	free(u);
	free(done);
	free(group);
}

/* a space inside the paragraph just before it (textlint's tokenizer
 * makes a token of it, and a conjunction after one is not counted); the
 * list marker's space is not in the text */
static bool after_space(const struct pc_doc *d, const struct pc_token *t)
{
	size_t s = t->start, lo = d->blocks[d->sentences[t->sentence].block].tstart;
	return s > lo && (d->text[s - 1] == ' ' || d->text[s - 1] == '\t' ||
			  (s >= lo + 3 && !memcmp(d->text + s - 3, "\xE3\x80\x80", 3)));
}

/* the first conjunction of each sentence against the last one seen in
 * the paragraph (a sentence without one keeps the earlier one) */
static void run_repeated(struct pc_run *x, const struct pc_rule *r, const struct pc_tokens *tks)
{
	struct pc_doc *d = x->d;
	const struct pc_token *tk = tks->v;
	const struct pc_token *last = NULL;
	size_t blk = (size_t)-1;
	for (size_t a = 0; a < tks->n;) {
		size_t b = a;
		while (b < tks->n && tk[b].sentence == tk[a].sentence)
			b++;
		size_t this_blk = d->sentences[tk[a].sentence].block;
		if (this_blk != blk)
			last = NULL;
		blk = this_blk;
		const struct pc_token *first = NULL;
		for (size_t i = a; i < b && !first; i++)
			if (spec_match(d, &tk[i], &r->as->morpheme.morph->select) && !after_space(d, &tk[i]))
				first = &tk[i];
		if (first && last && first->end - first->start == last->end - last->start &&
		    !memcmp(d->text + first->start, d->text + last->start, first->end - first->start))
			emit(x, r, first->start, first->end,
			     pc_arena_strndup(&d->arena, d->text + first->start, first->end - first->start), NULL);
		if (first)
			last = first;
		a = b;
	}
}

static void run_morpheme(struct pc_run *x, const struct pc_rule *r)
{
	const struct pc_tokens *tks = pc_doc_tokens(x->d);
	if (!tks || !tks->n)
		return;
	switch (r->as->morpheme.morph->mode) {
	case M_SEQUENCE:
		run_sequence(x, r, tks);
		break;
	case M_DOUBLED:
		run_doubled(x, r, tks);
		break;
	default:
		run_repeated(x, r, tks);
		break;
	}
}

static const char *const morpheme_keys[] = {"match", "patterns", "select", "join", "spacers", "separators",
					    "window", "report", "except", NULL};
const struct pc_kind pc_kind_morpheme = {"morpheme", morpheme_keys, compile_morpheme, run_morpheme, release_morpheme,
					 NULL};
