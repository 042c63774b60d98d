/*
 * prefilter.c - which pattern rules can match a document at all, decided
 * before PCRE2 scans it.  Most notation rules look for a word with a little
 * context (「出来(?=る)」, 「(する|した)事(?![業務])」): every match, with
 * its lookarounds, lies on text that holds one of a few fixed strings
 * (出来る…, する事, した事).  The strings are read once from the pattern's
 * text; each document keeps the set of characters and of adjacent
 * character pairs it contains; a rule none of whose strings can occur is
 * skipped.  Only a conservative subset of the syntax is understood: a
 * top-level |, inline options, verbs or \Q give no strings, and the rule
 * scans as before.  The check is necessary, never sufficient: PCRE2 still
 * decides every match.  PLANCHECK_PREFILTER=off turns it off so a test can
 * compare the findings with and without it.
 */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

#define MAXALT 64    /* strings per set: more and the run is cut */
#define MAXSTR 96    /* bytes per string */
#define MAXCLASS 64  /* characters a class may stand for */

struct strset {
	size_t n;
	unsigned char len[MAXALT];
	char s[MAXALT][MAXSTR];
};

static size_t u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* a literal character of pattern syntax (not a metacharacter) */
static bool is_lit(unsigned char c)
{
	return !strchr("\\^$.|?*+()[]{}", c) || c >= 0x80;
}

/* set = set x (each of b): false when it would grow past the limits */
static bool product(struct strset *a, const struct strset *b)
{
	if (a->n * b->n > MAXALT || !b->n)
		return false;
	struct strset r = {0};
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < b->n; k++) {
			if (a->len[i] + b->len[k] >= MAXSTR)
				return false;
			memcpy(r.s[r.n], a->s[i], a->len[i]);
			memcpy(r.s[r.n] + a->len[i], b->s[k], b->len[k]);
			r.len[r.n++] = (unsigned char)(a->len[i] + b->len[k]);
		}
	*a = r;
	return true;
}

static void single(struct strset *a, const char *s, size_t n)
{
	a->n = 1;
	memcpy(a->s[0], s, n);
	a->len[0] = (unsigned char)n;
}

/* [..] of literal characters and ranges (no negation, no escapes) as a
 * set of one-character strings; i is past the class on success */
static bool parse_class(const char *p, size_t n, size_t *i, struct strset *out)
{
	size_t k = *i + 1;
	out->n = 0;
	if (k < n && (p[k] == '^' || p[k] == ']'))
		return false;
	while (k < n && p[k] != ']') {
		if (p[k] == '\\' || p[k] == '[')
			return false;
		size_t w = u8len((unsigned char)p[k]);
		if (k + w > n)
			return false;
		size_t j = k;
		int32_t lo = pc_u8(p, n, &j), hi = lo;
		if (j + 1 < n && p[j] == '-' && p[j + 1] != ']') {
			j++;
			if (p[j] == '\\' || p[j] == '[')
				return false;
			hi = pc_u8(p, n, &j);
		}
		if (lo < 0 || hi < lo || out->n + (size_t)(hi - lo + 1) > MAXCLASS)
			return false;
		for (int32_t c = lo; c <= hi; c++) {
			out->len[out->n] = (unsigned char)pc_utf8_put(out->s[out->n], c);
			out->n++;
		}
		k = j;
	}
	if (k >= n)
		return false;
	*i = k + 1;
	return out->n > 0;
}

/* is a quantifier at p[i] one that allows zero repetitions? */
static bool optional_quant(const char *p, size_t n, size_t i)
{
	if (i >= n)
		return false;
	if (p[i] == '?' || p[i] == '*')
		return true;
	return p[i] == '{' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == ',');
}

static bool is_quant(char c)
{
	return c == '?' || c == '*' || c == '+' || c == '{';
}

static size_t skip_quant(const char *p, size_t n, size_t i)
{
	if (i < n && p[i] == '{') {
		const char *e = memchr(p + i, '}', n - i);
		i = e ? (size_t)(e - p) + 1 : n;
	} else if (i < n && is_quant(p[i]))
		i++;
	if (i < n && (p[i] == '?' || p[i] == '+'))
		i++;   /* lazy or possessive */
	return i;
}

/* one alternative of a group, p[s..e), as a set of strings: literal
 * characters and classes.  whole: every atom must be understood (a
 * consuming group, a lookbehind: the strings are all of its text); else
 * the strings may be a prefix (a lookahead: what follows starts so). */
static bool parse_alt(const char *p, size_t s, size_t e, bool whole, struct strset *out)
{
	single(out, "", 0);
	size_t i = s;
	while (i < e) {
		struct strset a;
		if (p[i] == '[') {
			if (!parse_class(p, e, &i, &a))
				return !whole;
		} else if (is_lit((unsigned char)p[i])) {
			size_t w = u8len((unsigned char)p[i]);
			if (i + w > e)
				return false;
			single(&a, p + i, w);
			i += w;
		} else
			return !whole;   /* a nested group, an escape, a lookaround… */
		if (i < e && is_quant(p[i])) {
			if (whole)
				return false;   /* a repeated atom: no fixed text */
			if (!optional_quant(p, e, i))
				(void)product(out, &a);   /* x+: x is there, then unknown */
			return true;
		}
		if (!product(out, &a))
			return !whole;
	}
	return true;
}

/* the group at p[i] == '(' ending at its matching ')': kind and content */
enum gkind { G_BAD, G_GROUP, G_AHEAD, G_BEHIND, G_ZERO };

/* past the class at p[i] == '[', as PCRE2 reads it: a leading ] (after an
 * optional ^) is a member, \ escapes, [:name:] is one member */
static size_t class_end(const char *p, size_t n, size_t i)
{
	i++;
	if (i < n && p[i] == '^')
		i++;
	if (i < n && p[i] == ']')
		i++;
	while (i < n && p[i] != ']') {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
			const char *e = memchr(p + i + 2, ']', n - i - 2);
			if (e)
				i = (size_t)(e - p);
		}
		i++;
	}
	return i < n ? i + 1 : n;
}

static size_t group_end(const char *p, size_t n, size_t i)
{
	int depth = 0;
	while (i < n) {
		if (p[i] == '\\')
			i += 2;
		else if (p[i] == '[')
			i = class_end(p, n, i);
		else {
			if (p[i] == '(')
				depth++;
			else if (p[i] == ')' && --depth == 0)
				return i;
			i++;
		}
	}
	return n;
}

static enum gkind group_kind(const char *p, size_t n, size_t i, size_t *cs)
{
	if (i + 1 < n && p[i + 1] == '*')
		return G_BAD;
	if (i + 1 >= n || p[i + 1] != '?') {
		*cs = i + 1;
		return G_GROUP;
	}
	char k = i + 2 < n ? p[i + 2] : 0, k2 = i + 3 < n ? p[i + 3] : 0;
	*cs = i + 3;
	if (k == ':')
		return G_GROUP;
	if (k == '=')
		return G_AHEAD;
	if (k == '!')
		return G_ZERO;
	if (k == '<' && k2 == '=') {
		*cs = i + 4;
		return G_BEHIND;
	}
	if (k == '<' && k2 == '!') {
		*cs = i + 4;
		return G_ZERO;
	}
	return G_BAD;   /* options, named groups, comments, atomic… */
}

/* a group's alternatives, each parsed, as one set */
static bool parse_group(const char *p, size_t s, size_t e, bool whole, struct strset *out)
{
	out->n = 0;
	size_t a = s;
	for (size_t i = s;; i++) {
		if (i < e && p[i] == '\\') {
			i++;
			continue;
		}
		if (i < e && p[i] == '(') {
			i = group_end(p, e, i);   /* at its ')', stepped over by i++ */
			if (i >= e)
				return false;
			continue;
		}
		if (i < e && p[i] == '[') {
			i = class_end(p, e, i) - 1;   /* at its ']' */
			continue;
		}
		if (i >= e || p[i] == '|') {
			struct strset alt;
			if (!parse_alt(p, a, i, whole, &alt) || !alt.n)
				return false;
			for (size_t k = 0; k < alt.n; k++) {
				if (!alt.len[k] || out->n == MAXALT)
					return false;   /* an empty alternative requires nothing */
				memcpy(out->s[out->n], alt.s[k], alt.len[k]);
				out->len[out->n++] = alt.len[k];
			}
			if (i >= e)
				return true;
			a = i + 1;
		}
	}
}

static int score(const struct strset *s)
{
	/* the shortest string decides how selective the set is */
	int m = 1 << 20;
	for (size_t i = 0; i < s->n; i++) {
		size_t c = 0;
		for (size_t k = 0; k < s->len[i]; k++)
			c += ((unsigned char)s->s[i][k] & 0xC0) != 0x80;
		if ((int)c < m)
			m = (int)c;
	}
	return s->n ? m * 100 - (int)s->n : -1;
}

static void keep(struct strset *best, int *bscore, struct strset *run)
{
	if (run->n && !(run->n == 1 && !run->len[0])) {
		int sc = score(run);
		if (sc > *bscore) {
			*best = *run;
			*bscore = sc;
		}
	}
	run->n = 0;
}

/* one branch p[0..n) of the pattern (no top-level |): its best run */
static bool needs_seq(const char *p, size_t n, struct strset *best)
{
	struct strset run;
	int bscore = 0;
	best->n = run.n = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		struct strset a;
		if (c == '|' || c == ')')
			return false;   /* alternatives at the top: no common string */
		if (c == '(') {
			size_t cs, ge = group_end(p, n, i);
			enum gkind k = group_kind(p, n, i, &cs);
			if (k == G_BAD || ge >= n)
				return false;
			size_t after = ge + 1;
			if (after < n && is_quant(p[after])) {
				keep(best, &bscore, &run);   /* a repeated group: not followed */
				i = skip_quant(p, n, after);
				continue;
			}
			i = after;
			if (k == G_ZERO)
				continue;   /* negative lookaround: takes no text, keeps adjacency */
			if (!parse_group(p, cs, ge, k != G_AHEAD, &a)) {
				keep(best, &bscore, &run);
				continue;
			}
			if (k == G_BEHIND) {
				keep(best, &bscore, &run);   /* it overlaps what came before */
				run = a;
			} else if (k == G_AHEAD) {
				if (!run.n)
					run = a;
				else if (!product(&run, &a))
					keep(best, &bscore, &run), run = a;
				keep(best, &bscore, &run);   /* what follows starts where it did */
			} else {
				if (!run.n)
					run = a;
				else if (!product(&run, &a))
					keep(best, &bscore, &run), run = a;
			}
			continue;
		}
		if (c == '[') {
			if (!parse_class(p, n, &i, &a)) {
				keep(best, &bscore, &run);
				i = class_end(p, n, i);
				if (i < n && is_quant(p[i]))
					i = skip_quant(p, n, i);
				continue;
			}
		} else if (is_lit(c)) {
			size_t w = u8len(c);
			if (i + w > n)
				return false;
			single(&a, p + i, w);
			i += w;
		} else if (c == '\\') {
			keep(best, &bscore, &run);
			i += 2;
			if (i < n && p[i] == '{') {   /* \x{…}, \p{…} */
				const char *e = memchr(p + i, '}', n - i);
				i = e ? (size_t)(e - p) + 1 : n;
			}
			while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80)
				i++;   /* an escaped multibyte character */
			if (i < n && is_quant(p[i]))
				i = skip_quant(p, n, i);
			continue;
		} else {
			/* . ^ $ or a stray quantifier */
			keep(best, &bscore, &run);
			i = is_quant((char)c) ? skip_quant(p, n, i) : i + 1;
			continue;
		}
		/* a literal or a class, possibly quantified */
		if (i < n && is_quant(p[i])) {
			if (optional_quant(p, n, i)) {
				keep(best, &bscore, &run);
			} else {
				if (!run.n)
					run = a;
				else if (!product(&run, &a))
					keep(best, &bscore, &run), run = a;
				keep(best, &bscore, &run);
			}
			i = skip_quant(p, n, i);
			continue;
		}
		if (!run.n)
			run = a;
		else if (!product(&run, &a))
			keep(best, &bscore, &run), run = a;
	}
	keep(best, &bscore, &run);
	return bscore > 0;
}

bool pc_re_needs(const char *p, size_t n, struct pc_arena *arena, struct pc_need *out)
{
	struct strset all, one;
	memset(out, 0, sizeof(*out));
	if (memmem(p, n, "\\Q", 2) || memmem(p, n, "\\G", 2) || memmem(p, n, "\\K", 2))
		return false;
	/* top-level alternatives: every one must have strings; a match lies
	 * on a string of the branch it took */
	all.n = 0;
	size_t b = 0;
	for (size_t i = 0;; i++) {
		if (i < n && p[i] == '\\') {
			i++;
			continue;
		}
		if (i < n && p[i] == '(') {
			i = group_end(p, n, i);
			if (i >= n)
				return false;
			continue;
		}
		if (i < n && p[i] == '[') {
			i = class_end(p, n, i) - 1;
			continue;
		}
		if (i < n && p[i] != '|')
			continue;
		if (!needs_seq(p + b, i - b, &one) || all.n + one.n > MAXALT)
			return false;
		for (size_t k = 0; k < one.n; k++) {
			memcpy(all.s[all.n], one.s[k], one.len[k]);
			all.len[all.n++] = one.len[k];
		}
		if (i >= n)
			break;
		b = i + 1;
	}
	out->n = all.n;
	out->s = pc_arena_alloc(arena, all.n * sizeof(*out->s));
	out->len = pc_arena_alloc(arena, all.n * sizeof(*out->len));
	for (size_t k = 0; k < all.n; k++) {
		out->s[k] = pc_arena_strndup(arena, all.s[k], all.len[k]);
		out->len[k] = all.len[k];
	}
	return true;
}

/* ---- the document side --------------------------------------------------- */

#define PAIR_BITS 16

static inline uint32_t pair_hash(uint32_t a, uint32_t b)
{
	return (uint32_t)((((uint64_t)a << 21 | b) * 0x9E3779B97F4A7C15ull) >> (64 - PAIR_BITS));
}

/* code points below U+10000 present, and adjacent pairs of non-ASCII
 * ones (hashed); ASCII (markup, figures, front matter) goes in the
 * character set only, so pairs with it are never ruled out, and a
 * character beyond the BMP is in no set and never ruled out */
static void make_sets(struct pc_doc *d)
{
	/* cleared by the arena */
	d->cpset = pc_arena_alloc(&d->arena, (65536 + (1u << PAIR_BITS)) / 8);
	d->pairset = d->cpset + 65536 / 64;
	const char *env = getenv("PLANCHECK_PREFILTER");
	d->prefilter_off = env && !strcmp(env, "off");
	if (d->prefilter_off)
		return;
	/* the source layer made the text valid UTF-8: the lead byte alone
	 * says how long a character is, and pc_u8's checks (a quarter more
	 * time here) are not needed */
	const unsigned char *t = (const unsigned char *)d->text;
	int32_t prev = -1;
	for (size_t i = 0, n = d->len; i < n;) {
		unsigned c = t[i];
		int32_t cp;
		if (c < 0x80) {
			cp = (int32_t)c;
			i++;
		} else if (c >= 0xE0 && c < 0xF0 && i + 2 < n) {
			cp = (int32_t)(((c & 0x0Fu) << 12) | ((t[i + 1] & 0x3Fu) << 6) | (t[i + 2] & 0x3Fu));
			i += 3;
		} else if (c >= 0xC0 && c < 0xE0 && i + 1 < n) {
			cp = (int32_t)(((c & 0x1Fu) << 6) | (t[i + 1] & 0x3Fu));
			i += 2;
		} else {
			i += c >= 0xF0 ? 4 : 1;
			prev = -1;
			continue;
		}
		d->cpset[cp >> 6] |= 1ull << (cp & 63);
		if (prev >= 0x80 && cp >= 0x80) {
			uint32_t h = pair_hash((uint32_t)prev, (uint32_t)cp);
			d->pairset[h >> 6] |= 1ull << (h & 63);
		}
		prev = cp;
	}
}

static bool may_occur(const struct pc_doc *d, const char *s, size_t n)
{
	size_t i = 0;
	int32_t prev = -1;
	while (i < n) {
		int32_t cp = pc_u8(s, n, &i);
		if (cp < 0 || cp > 0xFFFF)
			return true;   /* not tracked: cannot rule it out */
		if (!(d->cpset[cp >> 6] & (1ull << (cp & 63))))
			return false;
		if (prev >= 0x80 && cp >= 0x80) {
			uint32_t h = pair_hash((uint32_t)prev, (uint32_t)cp);
			if (!(d->pairset[h >> 6] & (1ull << (h & 63))))
				return false;
		}
		prev = cp;
	}
	return true;
}

bool pc_doc_may_match(struct pc_doc *d, const struct pc_need *need)
{
	if (!need->n)
		return true;
	if (!d->cpset)
		make_sets(d);
	if (d->prefilter_off)
		return true;
	for (size_t k = 0; k < need->n; k++)
		if (may_occur(d, need->s[k], need->len[k]))
			return true;
	return false;
}

/* the first occurrence of s (n bytes) in t[from..len), or -1.  memchr on
 * one of its continuation bytes, then a compare: in Japanese text a
 * given continuation byte is one in some 150, where glibc's memmem,
 * hashing byte pairs of UTF-8, stopped at nearly every character */
static size_t find(const char *t, size_t len, size_t from, const char *s, size_t n)
{
	size_t a = n;   /* the anchor: the last continuation byte */
	while (a > 0 && ((unsigned char)s[a - 1] & 0xC0) != 0x80)
		a--;
	if (!a) {
		const char *p = from <= len ? memmem(t + from, len - from, s, n) : NULL;
		return p ? (size_t)(p - t) : (size_t)-1;
	}
	a--;
	for (size_t i = from + a; i < len;) {
		const char *p = memchr(t + i, s[a], len - i);
		if (!p)
			break;
		size_t at = (size_t)(p - t) - a;
		if (at + n <= len && !memcmp(t + at, s, n))
			return at;
		i = (size_t)(p - t) + 1;
	}
	return (size_t)-1;
}

const bool *pc_need_blocks(struct pc_doc *d, const struct pc_need *need)
{
	if (!need->n)
		return NULL;
	if (!d->cpset)
		make_sets(d);
	if (d->prefilter_off)
		return NULL;
	bool *mark = pc_arena_alloc(&d->arena, d->nblocks + 1);
	const char *t = d->text;
	for (size_t k = 0; k < need->n; k++) {
		size_t len = need->len[k];
		if (!may_occur(d, need->s[k], len))
			continue;   /* not in the draft: no need to look for it */
		for (size_t from = 0, q; (q = find(t, d->len, from, need->s[k], len)) != (size_t)-1; from = q + 1) {
			/* the last block starting at or before the string's end,
			 * then back over every block that still reaches its start */
			const struct pc_block *last = pc_doc_block_at(d, q + len);
			for (size_t b = last ? (size_t)(last - d->blocks) + 1 : 0; b-- > 0;) {
				if (d->blocks[b].end < q)
					break;
				mark[b] = true;
			}
		}
	}
	return mark;
}
