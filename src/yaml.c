/*
 * yaml.c - a thin layer over libyaml's event API that builds a small tree
 * (maps, sequences, scalars) in which every node keeps its byte span in the
 * document.  Used for plan front matter and for rule files alike.  Only the
 * given slice reaches libyaml; aliases are refused (an alias bomb costs us
 * nothing), nesting is capped, duplicate keys are findings.
 *
 * Front matter is written by people who have never seen YAML, so the slips
 * they make are named and repaired, and libyaml reads the repaired copy
 * again: a tab, a no-break space (pasted from Word) or a full-width space
 * in the indentation or after "key:", a full-width colon, a missing space
 * after ":" - each one error at its own line naming the character, and
 * every other field still read.  Any other libyaml error is one error (in
 * Japanese, libyaml's English in brackets) at the line whose removal lets
 * the rest be read, and only that line is left out.  In a flow mapping
 * ({year: 2024, sales: 120,000}) a number cut at its comma is joined again.
 * Repairs are edits of a private copy with a map back to the document, so
 * every node's span still points at what the writer wrote.
 */
#include "internal.h"

#include <string.h>
#include <yaml.h>

struct frame {
	struct pc_ynode *node;
	struct pc_ynode *key;     /* map: key waiting for its value */
	size_t cap;
	size_t *hs, hcap;         /* a big map's keys by hash (index + 1): duplicates in O(1) */
	bool flow;                /* a {…} mapping */
	bool merged;              /* its key was the tail of a number: drop the value */
};

/* a repair: slice bytes [at, at+olen) read as rep[0..nlen) */
struct edit {
	size_t at, olen;
	const char *rep;
	size_t nlen;
	size_t ypos;              /* where it lands in the copy */
};

struct ctx {
	struct pc_doc *d;
	const struct pc_yaml_opts *o;
	size_t start, end;        /* the slice in the document */
	char *base;               /* the slice, with same-length repairs */
	struct edit *ed;          /* the other repairs, by position */
	size_t ned, caped;
	char *y;                  /* what libyaml reads */
	size_t ylen;
	/* y's line starts as libyaml counts lines: it also breaks at NEL, LS
	 * and PS (U+0085, U+2028, U+2029), which the document's line map does
	 * not */
	size_t *ylines, nylines, capylines;
	struct pc_finding *alias; /* the first alias; the rest are counted */
	size_t naliases;
	/* the last mark turned into an offset: marks mostly move forward on
	 * one line, so the next walk starts here, not at the line's start */
	size_t cur_line, cur_col, cur_off;
	bool cur_valid;
	/* a run's tree lives here until the run is kept: a failed attempt's
	 * tree is thrown away, not left in the doc's arena (64 attempts over
	 * a big front matter were 64 trees) */
	struct pc_arena tree;
	size_t ycap;              /* y is malloc'd and reused, attempt after attempt */
	size_t work, budget;      /* bytes libyaml has read, all runs together; the most it may */
	struct pc_ynode *mnode;   /* number_tail: the value being merged, */
	size_t mcap;              /* and the room its text has */
};

/* a run of libyaml that failed: where, and its words */
struct yerr {
	bool failed;
	const char *problem;
	size_t pline, cline;      /* y lines (0-based) of the problem and its context */
	size_t pcol;
	bool has_context;
};

/* an offset in y as an offset in the document */
static size_t to_doc(const struct ctx *c, size_t yo)
{
	long shift = 0;
	for (size_t i = 0; i < c->ned; i++) {
		const struct edit *e = &c->ed[i];
		if (yo < e->ypos)
			break;
		if (yo < e->ypos + e->nlen)
			return c->start + e->at + (yo == e->ypos ? 0 : e->olen);
		shift += (long)e->nlen - (long)e->olen;
	}
	return c->start + (size_t)((long)yo - shift);
}

/* y from the base and the edits, and its line starts: LF, CR LF, CR, NEL,
 * LS and PS (a few dozen lines of front matter) */
static void build_y(struct ctx *c)
{
	struct pc_arena *a = &c->d->arena;
	size_t n = c->end - c->start, len = n;
	for (size_t i = 0; i < c->ned; i++)
		len += c->ed[i].nlen - c->ed[i].olen;
	if (len + 1 > c->ycap) {
		c->ycap = len + 1;
		c->y = realloc(c->y, c->ycap);
		if (!c->y)
			abort();
	}
	char *y = c->y;
	size_t from = 0, o = 0;
	for (size_t i = 0; i < c->ned; i++) {
		struct edit *e = &c->ed[i];
		memcpy(y + o, c->base + from, e->at - from);
		o += e->at - from;
		e->ypos = o;
		memcpy(y + o, e->rep, e->nlen);
		o += e->nlen;
		from = e->at + e->olen;
	}
	memcpy(y + o, c->base + from, n - from);
	o += n - from;
	y[o] = '\0';
	c->y = y;
	c->ylen = o;

	const unsigned char *t = (const unsigned char *)y;
	c->nylines = 0;
	c->ylines = pc_grow(a, c->ylines, &c->capylines, 1, sizeof(*c->ylines));
	c->ylines[c->nylines++] = 0;
	for (size_t i = 0; i < o;) {
		size_t w = 0;
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= o || t[i + 1] != '\n')))
			w = 1;
		else if (t[i] == 0xC2 && i + 1 < o && t[i + 1] == 0x85)
			w = 2;
		else if (t[i] == 0xE2 && i + 2 < o && t[i + 1] == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9))
			w = 3;
		if (!w) {
			i++;
			continue;
		}
		i += w;
		c->ylines = pc_grow(a, c->ylines, &c->capylines, c->nylines + 1, sizeof(*c->ylines));
		c->ylines[c->nylines++] = i;
	}
	c->cur_valid = false;
}

/* add a repair (they never overlap: one per stretch of a line) */
static void add_edit(struct ctx *c, size_t at, size_t olen, const char *rep, size_t nlen)
{
	c->ed = pc_grow(&c->d->arena, c->ed, &c->caped, c->ned + 1, sizeof(*c->ed));
	size_t i = c->ned++;
	while (i > 0 && c->ed[i - 1].at > at) {
		c->ed[i] = c->ed[i - 1];
		i--;
	}
	c->ed[i] = (struct edit){at, olen, pc_arena_strndup(&c->d->arena, rep, nlen), nlen, 0};
}

/* libyaml marks count characters, not bytes (measured on 0.2.5): turn a
 * (line, column) mark into an offset in y */
static size_t mark_y(struct ctx *c, yaml_mark_t m)
{
	size_t li = m.line;
	if (li >= c->nylines)
		return c->ylen;
	const char *t = c->y;
	size_t off, k;
	if (c->cur_valid && c->cur_line == li && c->cur_col <= m.column) {
		off = c->cur_off;
		k = c->cur_col;
	} else {
		off = c->ylines[li];
		k = 0;
	}
	/* never walk a column past the end of the line */
	for (; k < m.column && off < c->ylen && t[off] != '\n' && t[off] != '\r'; k++)
		(void)pc_u8(t, c->ylen, &off);
	c->cur_line = li;
	c->cur_col = k;
	c->cur_off = off;
	c->cur_valid = true;
	return off;
}

static size_t mark_off(struct ctx *c, yaml_mark_t m)
{
	return to_doc(c, mark_y(c, m));
}

/* a libyaml line number (0-based) as the document's (1-based) */
static size_t ctx_line(struct ctx *c, size_t yline)
{
	size_t line, col;
	pc_doc_linecol(c->d, to_doc(c, c->ylines[yline < c->nylines ? yline : c->nylines - 1]), &line, &col);
	return line;
}

static const char *rid(struct ctx *c, const char *suffix)
{
	return pc_arena_printf(&c->d->arena, "%s.%s", c->o->rule_prefix, suffix);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* In a flow mapping "sales: 120,000" is the value 120 and a key "000":
 * is key n such a tail of the previous value?  Then the two are one
 * number again (1), or, when the writer's intent is not certain (a space
 * after the comma, digit groups not of three), one error names it (-1). */
static int number_tail(struct ctx *c, struct frame *f, struct pc_ynode *n)
{
	struct pc_ynode *p = f->node;
	if (!f->flow || !p->n || n->kind != PC_Y_SCALAR || !n->plain || n->len == 0 || n->str[0] < '0' ||
	    n->str[0] > '9')
		return 0;
	struct pc_ynode *v = p->vals[p->n - 1];
	if (v->kind != PC_Y_SCALAR || !v->plain || v->len == 0 || v->str[v->len - 1] < '0' || v->str[v->len - 1] > '9')
		return 0;
	/* what lies between them in the document: "," or ", " */
	const char *t = c->d->text;
	size_t gap = n->start - v->end;
	bool tight = gap == 1 && t[v->end] == ',';
	bool spaced = gap >= 2 && t[v->end] == ',' && n->len == 3 && all_digits(n->str, n->len) &&
		      strspn(t + v->end + 1, " ") == gap - 1;
	if (!tight && !spaced)
		return 0;
	size_t dg = 0;
	while (dg < n->len && n->str[dg] >= '0' && n->str[dg] <= '9')
		dg++;
	if (tight && dg == 3 && (dg == n->len || n->str[dg] != ',')) {
		/* appended in room kept for the next group: rebuilding the
		 * whole text per group was quadratic in a long number */
		size_t need = v->len + 1 + n->len + 1;
		char *buf = (char *)v->str;
		if (c->mnode != v || need > c->mcap) {
			c->mcap = need * 2;
			buf = pc_arena_alloc(&c->tree, c->mcap);
			memcpy(buf, v->str, v->len);
			c->mnode = v;
		}
		buf[v->len] = ',';
		memcpy(buf + v->len + 1, n->str, n->len);
		buf[need - 1] = '\0';
		v->str = buf;
		v->len = need - 1;
		v->end = n->end;
		return 1;
	}
	if (v->reported) {
		/* said once for the value: the rest of it joins silently */
		v->end = n->end;
		return -1;
	}
	const char *written = pc_arena_strndup(&c->tree, t + v->start, n->end - v->start);
	struct pc_finding *fd =
		spaced ? pc_finding_add(c->d, rid(c, "flow-comma"), PC_ERROR, v->start, n->end,
					"「%s」: {…} の中では「,」が項目の区切りになるため、数字として読めません", written)
		       : pc_finding_add(c->d, rid(c, "flow-comma"), PC_ERROR, v->start, n->end,
					"「%s」の桁区切りが3桁ごとになっていません。{…} の中では「,」が項目の区切りになるため、数字として読めません",
					written);
	fd->suggestion = "数字の「,」を取って書くか（120000）、値を引用符で囲んでください（\"120,000\"）";
	v->reported = true;
	v->str = written;
	v->len = strlen(written);
	v->end = n->end;
	return -1;
}

static void add_child(struct ctx *c, struct frame *f, struct pc_ynode *n)
{
	struct pc_doc *d = c->d;
	struct pc_ynode *p = f->node;

	if (p->kind == PC_Y_SEQ) {
		p->vals = pc_grow(&c->tree, p->vals, &f->cap, p->n + 1, sizeof(*p->vals));
		p->vals[p->n++] = n;
		return;
	}
	if (!f->key) {
		if (number_tail(c, f, n)) {
			f->merged = true;   /* its value (empty) goes with it */
			f->key = n;
			return;
		}
		if (n->kind != PC_Y_SCALAR)
			pc_finding_add(d, rid(c, "yaml"), PC_ERROR, n->start, n->start,
				       "キーには文字列を書いてください");
		f->key = n;
		return;
	}
	struct pc_ynode *k = f->key;
	f->key = NULL;
	if (f->merged) {
		f->merged = false;
		if (!(n->kind == PC_Y_NULL || (n->kind == PC_Y_SCALAR && n->plain && n->len == 0)))
			pc_finding_add(d, rid(c, "yaml"), PC_ERROR, n->start, n->end,
				       "数字の後ろに「: 」があります（{…} の中の「%s」）", k->str);
		return;
	}
	if (k->kind != PC_Y_SCALAR)
		return;
	if (p->n >= 32 && 2 * (p->n + 1) > f->hcap) {
		/* a big map: its keys by hash, so each new key is looked up
		 * at once (scanning them all was quadratic: 30,000 keys, 9 s) */
		f->hcap = 64;
		while (f->hcap < 4 * (p->n + 1))
			f->hcap *= 2;
		f->hs = pc_arena_alloc(&c->tree, f->hcap * sizeof(*f->hs));
		for (size_t i = 0; i < p->n; i++) {
			size_t h = pc_fnv1a(p->keys[i]->str, strlen(p->keys[i]->str), PC_FNV_SEED) & (f->hcap - 1);
			while (f->hs[h])
				h = (h + 1) & (f->hcap - 1);
			f->hs[h] = i + 1;
		}
	}
	size_t slot = 0, dup = p->n;
	if (f->hs) {
		slot = pc_fnv1a(k->str, strlen(k->str), PC_FNV_SEED) & (f->hcap - 1);
		while (f->hs[slot] && strcmp(p->keys[f->hs[slot] - 1]->str, k->str))
			slot = (slot + 1) & (f->hcap - 1);
		if (f->hs[slot])
			dup = f->hs[slot] - 1;
	} else
		for (size_t i = 0; i < p->n && dup == p->n; i++)
			if (strcmp(p->keys[i]->str, k->str) == 0)
				dup = i;
	if (dup < p->n) {
		size_t line, col;
		pc_doc_linecol(d, p->keys[dup]->start, &line, &col);
		struct pc_finding *fd = pc_finding_add(
			d, rid(c, "duplicate-key"), PC_ERROR, k->start, k->end,
			"キー「%s」が重複しています（最初は %zu 行目）。後の値は読み込んでいません",
			pc_quote_short(&d->arena, k->str, 60), line);
		fd->suggestion = "どちらか一方を消してください";
		return;
	}
	size_t cap = f->cap;
	p->keys = pc_grow(&c->tree, p->keys, &cap, p->n + 1, sizeof(*p->keys));
	p->vals = pc_grow(&c->tree, p->vals, &f->cap, p->n + 1, sizeof(*p->vals));
	if (f->hs)
		f->hs[slot] = p->n + 1;
	p->keys[p->n] = k;
	p->vals[p->n++] = n;
}

/* Japanese words for libyaml's problems; the English stays in brackets
 * so a search engine still finds it. */
static const char *problem_ja(const char *p)
{
	static const struct {
		const char *en, *ja;
	} tab[] = {
		{"did not find expected key", "キーが見つかりません（字下げがずれていないか確認してください）"},
		{"mapping values are not allowed in this context", "この位置に「キー: 値」は書けません（値の中の「:」は引用符で囲んでください）"},
		{"could not find expected ':'", "「:」が見つかりません"},
		{"found character that cannot start any token", "ここに書けない文字があります（タブ文字や全角記号を確認してください）"},
		{"did not find expected ',' or ']'", "「,」か「]」が足りません"},
		{"did not find expected ',' or '}'", "「,」か「}」が足りません"},
		{"found unexpected end of stream", "途中でファイルが終わっています"},
		{"did not find expected node content", "値がありません"},
		{"block sequence entries are not allowed in this context", "この位置に「- 」のリストは書けません"},
		{"found undefined tag handle", "未定義のタグです"},
		{"found unknown escape character", "不明なエスケープ文字です"},
		{"did not find expected <document start>", "文書の始まりが見つかりません"},
	};
	for (size_t i = 0; i < PC_ARRAY_LEN(tab); i++)
		if (p && strcmp(p, tab[i].en) == 0)
			return tab[i].ja;
	return "YAML として読めません";
}

/* ---- slips ------------------------------------------------------------- */

/* a blank a writer may have typed: space, tab, no-break space, ideographic space */
enum blank { B_NONE, B_SPACE, B_TAB, B_NBSP, B_IDEO };

static enum blank blank_at(const char *s, size_t i, size_t le, size_t *w)
{
	if (i >= le)
		return B_NONE;
	if (s[i] == ' ' || s[i] == '\t') {
		*w = 1;
		return s[i] == ' ' ? B_SPACE : B_TAB;
	}
	if (i + 2 <= le && !memcmp(s + i, "\xC2\xA0", 2)) {
		*w = 2;
		return B_NBSP;
	}
	if (i + 3 <= le && !memcmp(s + i, "\xE3\x80\x80", 3)) {
		*w = 3;
		return B_IDEO;
	}
	return B_NONE;
}

static const char *blank_ja(enum blank b)
{
	switch (b) {
	case B_TAB:
		return "タブ文字";
	case B_NBSP:
		return "ノーブレークスペース（U+00A0、Word などからのコピーで入る見えない空白）";
	default:
		return "全角スペース";
	}
}

static const char *blank_id(enum blank b)
{
	switch (b) {
	case B_TAB:
		return "tab-indent";
	case B_NBSP:
		return "nbsp";
	default:
		return "fullwidth-space";
	}
}

static size_t line_end(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

/* "key:" after the indentation (and a "- "): the key's end and the colon */
static bool key_colon(const char *s, size_t i, size_t le, size_t *colon, size_t *clen)
{
	size_t k = i;
	if (k < le && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || s[k] == '_'))
		k++;
	else
		return false;
	while (k < le && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			  (s[k] >= '0' && s[k] <= '9') || s[k] == '_' || s[k] == '-'))
		k++;
	while (k < le && s[k] == ' ')
		k++;
	if (k < le && s[k] == ':') {
		*colon = k;
		*clen = 1;
		return true;
	}
	if (k + 3 <= le && !memcmp(s + k, "：", 3)) {
		*colon = k;
		*clen = 3;
		return true;
	}
	return false;
}

/* Before libyaml reads anything: blanks that are not spaces in the
 * indentation (re-indented to the nearest level the lines above open) and
 * after "key:", and the full-width colon; one error each, at the
 * character. */
/* one finding per kind of slip and place: the first, with a count of the
 * others (a block pasted from Word has one on every line) */
struct slips {
	struct pc_finding *first[2][5];
	size_t more[2][5];
};

static void slip(struct ctx *c, struct slips *sl, int where, enum blank b, size_t at, size_t w, const char *msg,
		 const char *suggestion)
{
	if (sl->first[where][b]) {
		sl->more[where][b]++;
		return;
	}
	struct pc_finding *f = pc_finding_add(c->d, rid(c, blank_id(b)), PC_ERROR, c->start + at, c->start + at + w,
					      "%s", msg);
	f->suggestion = suggestion;
	sl->first[where][b] = f;
}

static void slips_done(struct ctx *c, struct slips *sl)
{
	for (int w = 0; w < 2; w++)
		for (int b = 0; b < 5; b++)
			if (sl->more[w][b])
				sl->first[w][b]->message = pc_arena_printf(&c->d->arena, "%s（ほかに %zu 行）",
									    sl->first[w][b]->message, sl->more[w][b]);
}

static void prescan(struct ctx *c)
{
	struct pc_doc *d = c->d;
	struct slips sl;
	memset(&sl, 0, sizeof(sl));
	char *s = c->base;
	size_t n = c->end - c->start;
	size_t levels[64], nlevels = 0;   /* indentation of the open blocks */
	size_t prev = 0;
	bool prev_opens = false, in_block = false;
	size_t block_ind = 0;

	for (size_t ls = 0; ls < n;) {
		size_t le = line_end(s, ls, n);
		size_t next = le < n ? le + 1 + (s[le] == '\r' && le + 1 < n && s[le + 1] == '\n') : le;
		/* the indentation: its width as it looks, and its first odd blank */
		size_t i = ls, w, vis = 0;
		enum blank b, odd = B_NONE;
		size_t odd_at = 0;
		while ((b = blank_at(s, i, le, &w)) != B_NONE) {
			if (b != B_SPACE && odd == B_NONE) {
				odd = b;
				odd_at = i;
			}
			vis += b == B_IDEO ? 2 : b == B_TAB ? 2 : 1;
			i += w;
		}
		if (i == le || s[i] == '#') {   /* blank or a comment */
			ls = next;
			continue;
		}
		size_t ind = vis;
		if (in_block && ind > block_ind) {   /* a block scalar's text */
			ls = next;
			continue;
		}
		in_block = false;
		if (odd != B_NONE) {
			/* the nearest level the lines above allow, the deeper on a tie */
			size_t best = 0, bestd = (size_t)-1;
			size_t cand[66], nc = 0;
			for (size_t k = 0; k < nlevels; k++)
				cand[nc++] = levels[k];
			cand[nc++] = prev;
			if (prev_opens)
				cand[nc++] = prev + 2;
			for (size_t k = 0; k < nc; k++) {
				size_t dd = cand[k] > vis ? cand[k] - vis : vis - cand[k];
				if (dd < bestd || (dd == bestd && cand[k] > best)) {
					best = cand[k];
					bestd = dd;
				}
			}
			ind = best;
			char sp[256];
			size_t nsp = ind < sizeof(sp) ? ind : sizeof(sp);
			memset(sp, ' ', nsp);
			add_edit(c, ls, i - ls, sp, nsp);
			size_t ow = 1;
			(void)blank_at(s, odd_at, le, &ow);
			slip(c, &sl, 0, odd, odd_at, ow,
			     pc_arena_printf(&d->arena, "字下げに%sが使われています。YAML の字下げは半角スペースだけです",
					     blank_ja(odd)),
			     pc_arena_printf(&d->arena, "行頭の空白を消して、半角スペース %zu 個で字下げしてください", ind));
		}
		while (nlevels && levels[nlevels - 1] >= ind)
			nlevels--;
		if (nlevels < PC_ARRAY_LEN(levels))
			levels[nlevels++] = ind;
		/* "- " of a list item: the blank after it */
		size_t k = i, col = ind;
		if (k < le && s[k] == '-' && blank_at(s, k + 1, le, &w) != B_NONE) {
			k++;
			col++;
			while ((b = blank_at(s, k, le, &w)) != B_NONE) {
				col += b == B_IDEO ? 2 : 1;
				if (b == B_NBSP || b == B_IDEO) {
					slip(c, &sl, 1, b, k, w,
					     pc_arena_printf(&d->arena, "「-」の後ろが%sになっています。半角スペースにしてください",
							     blank_ja(b)),
					     "「- 」のように半角スペースを入れてください");
					memset(s + k, ' ', w);
				}
				k += w;
			}
		}
		/* the item's own keys line up after its "- " */
		if (col > ind && nlevels < PC_ARRAY_LEN(levels))
			levels[nlevels++] = col;
		size_t colon, clen;
		prev = col;
		prev_opens = false;
		if (!key_colon(s, k, le, &colon, &clen)) {
			ls = next;
			continue;
		}
		if (clen == 3) {
			pc_finding_add(d, rid(c, "fullwidth-colon"), PC_ERROR, c->start + colon, c->start + colon + 3,
				       "キーの後ろが全角の「：」になっています。半角の「:」にしてください")
				->suggestion = "「：」を半角の「: 」に置き換えてください";
			memcpy(s + colon, ":  ", 3);
		}
		/* the separator after the colon */
		size_t v = colon + clen;
		bool reported = false;
		while ((b = blank_at(s, v, le, &w)) != B_NONE) {
			if ((b == B_NBSP || b == B_IDEO) && !reported && clen == 1) {
				slip(c, &sl, 1, b, v, w,
				     pc_arena_printf(&d->arena, "「:」の後ろが%sになっています。「:」の後ろは半角スペースです",
						     blank_ja(b)),
				     "「:」の後ろの空白を消して、半角スペースを1つ入れてください");
				reported = true;
			}
			if (b == B_NBSP || b == B_IDEO)
				memset(s + v, ' ', w);
			v += w;
		}
		if (v == le || s[v] == '#')
			prev_opens = true;   /* "key:" opens a block below */
		else if (s[v] == '|' || s[v] == '>') {
			in_block = true;
			block_ind = ind;
		}
		ls = next;
	}
	slips_done(c, &sl);
}

/* "key:value" on a line between the error's context and its problem: the
 * space the writer left out.  Added (one error naming it); true if so. */
static bool repair_missing_space(struct ctx *c, const struct yerr *e)
{
	size_t from = e->has_context && e->cline < e->pline ? e->cline : (e->pline ? e->pline - 1 : 0);
	for (size_t li = e->pline + 1; li-- > from;) {
		if (li >= c->nylines)
			continue;
		const char *s = c->y;
		size_t ls = c->ylines[li], le = line_end(s, ls, c->ylen), i = ls, w;
		while (blank_at(s, i, le, &w) != B_NONE)
			i += w;
		if (i < le && s[i] == '-' && i + 1 < le && s[i + 1] == ' ')
			for (i += 1; i < le && s[i] == ' ';)
				i++;
		size_t colon, clen;
		if (!key_colon(s, i, le, &colon, &clen) || clen != 1 || colon + 1 >= le)
			continue;
		char nx = s[colon + 1];
		if (nx == ' ' || nx == '\t' || nx == '#')
			continue;
		/* what the writer wrote, from the key to the line's end */
		size_t dk = to_doc(c, i), dc = to_doc(c, colon), de = to_doc(c, le);
		const char *t = c->d->text;
		pc_finding_add(c->d, rid(c, "missing-space"), PC_ERROR, dc, dc + 1,
			       "「:」の後に空白がありません（「%.*s」）。「キー: 値」のように「:」の後ろには半角スペースが必要です",
			       (int)(de - dk), t + dk)
			->suggestion = pc_arena_printf(&c->d->arena, "%.*s: %.*s", (int)(dc - dk), t + dk,
						       (int)(de - dc - 1), t + dc + 1);
		/* colon + 1 in y is a slice offset through the map (no edit holds it) */
		add_edit(c, dc + 1 - c->start, 0, " ", 1);
		return true;
	}
	return false;
}

/* ---- one run of libyaml ---------------------------------------------------- */

static struct pc_ynode *run(struct ctx *c, struct yerr *err)
{
	struct pc_doc *d = c->d;
	const struct pc_yaml_opts *o = c->o;
	yaml_parser_t p;
	yaml_event_t ev;
	memset(err, 0, sizeof(*err));
	c->work += c->ylen;
	c->mnode = NULL;
	c->alias = NULL;
	c->naliases = 0;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)c->y, c->ylen);

	struct frame *stack = NULL;
	size_t depth = 0, cap = 0, nodes = 0;
	struct pc_ynode *root = NULL;
	bool done = false;

	while (!done) {
		if (nodes == PC_YAML_MAX_NODES) {
			/* no plan holds 200,000 values; a tree of them is 100
			 * bytes each, so past this the memory would grow with
			 * the input many times over */
			size_t at = mark_off(c, p.mark);
			pc_finding_add(d, rid(c, "yaml-size"), PC_ERROR, at, at,
				       "前付け（YAML）の値が多すぎます（%d 個まで）。ここから後は読み込んでいません",
				       PC_YAML_MAX_NODES)
				->suggestion = "計画書の前付けの値は多くても数千個です。別のデータが混ざっていないか確かめてください";
			break;
		}
		if (!yaml_parser_parse(&p, &ev)) {
			err->failed = true;
			err->problem = p.problem ? pc_arena_strdup(&d->arena, p.problem) : NULL;
			err->pline = p.problem_mark.line;
			err->pcol = p.problem_mark.column;
			err->has_context = p.context != NULL;
			err->cline = p.context_mark.line;
			break;
		}
		size_t s = mark_off(c, ev.start_mark);
		size_t e = mark_off(c, ev.end_mark);
		struct pc_ynode *n = NULL;

		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			n = pc_arena_alloc(&c->tree, sizeof(*n));
			n->kind = PC_Y_SCALAR;
			n->start = s;
			n->end = e;
			n->str = pc_arena_strndup(&c->tree, (const char *)ev.data.scalar.value,
						  ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_ALIAS_EVENT:
			n = pc_arena_alloc(&c->tree, sizeof(*n));
			n->kind = PC_Y_NULL;
			n->start = s;
			n->end = e;
			/* an alias bomb is one mistake, not thousands */
			if (!c->naliases++)
				c->alias = pc_finding_add(d, rid(c, "yaml-alias"), PC_ERROR, s, e,
							  "YAML の別名（*%s）は使えません。値をそのまま書いてください",
							  (const char *)ev.data.alias.anchor);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if ((int)depth >= o->max_depth) {
				pc_finding_add(d, rid(c, "yaml-depth"), PC_ERROR, s, s,
					       "入れ子が深すぎます（%d 段まで）。ここから後は読み込んでいません",
					       o->max_depth);
				done = true;
				break;
			}
			n = pc_arena_alloc(&c->tree, sizeof(*n));
			n->kind = ev.type == YAML_MAPPING_START_EVENT ? PC_Y_MAP : PC_Y_SEQ;
			n->start = s;
			n->end = e;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0) {
				struct frame *f = &stack[--depth];
				if (e > f->node->end)
					f->node->end = e;
				if (f->key && f->node->kind == PC_Y_MAP) {
					/* "key" with no value at all: a null */
					struct pc_ynode *nul = pc_arena_alloc(&c->tree, sizeof(*nul));
					nul->kind = PC_Y_NULL;
					nul->start = nul->end = f->key->end;
					add_child(c, f, nul);
				}
			}
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		bool flow = ev.type == YAML_MAPPING_START_EVENT &&
			    ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		yaml_event_delete(&ev);
		if (!n)
			continue;
		nodes++;
		if (depth > 0)
			add_child(c, &stack[depth - 1], n);
		else if (!root)
			root = n;
		if (n->kind == PC_Y_MAP || n->kind == PC_Y_SEQ) {
			stack = pc_grow(&c->tree, stack, &cap, depth + 1, sizeof(*stack));
			memset(&stack[depth], 0, sizeof(*stack));
			stack[depth].node = n;
			stack[depth].flow = flow;
			depth++;
		}
	}
	if (c->naliases > 1 && c->alias)
		c->alias->message = pc_arena_printf(&d->arena, "%s（ほかに %zu か所）", c->alias->message,
						    c->naliases - 1);
	/* containers left open by an error end where the error was */
	while (depth > 0) {
		struct frame *f = &stack[--depth];
		if (f->node->end < f->node->start)
			f->node->end = f->node->start;
	}
	yaml_parser_delete(&p);
	return root;
}

/* a trial run: how far does libyaml read now?  The y line of its error,
 * or (size_t)-1 when it reads through.  Its findings and tree are thrown
 * away. */
static size_t trial(struct ctx *c)
{
	size_t mark = c->d->nfindings;
	struct yerr e;
	build_y(c);
	(void)run(c, &e);
	pc_arena_release(&c->tree);
	c->d->nfindings = mark;
	return e.failed ? e.pline : (size_t)-1;
}

/* Leave out the one line whose removal lets libyaml read furthest (past
 * the problem at least): the problem's line, its context's, or the line
 * above, the first of them on a tie.  The line left out (a slice offset
 * into it) in *culprit. */
static bool leave_out(struct ctx *c, const struct yerr *e, size_t *culprit, size_t *cline)
{
	size_t cand[3], nc = 0;
	if (e->pline < c->nylines)
		cand[nc++] = e->pline;
	if (e->has_context && e->cline < e->pline)
		cand[nc++] = e->cline;
	if (e->pline > 0 && (!e->has_context || e->pline - 1 > e->cline))
		cand[nc++] = e->pline - 1;
	size_t best = 0, best_a = 0, best_b = 0;
	bool found = false;
	for (size_t k = 0; k < nc && c->work <= c->budget; k++) {
		size_t ls = c->ylines[cand[k]], le = line_end(c->y, ls, c->ylen);
		size_t a = to_doc(c, ls) - c->start, b = to_doc(c, le) - c->start;
		if (b <= a)
			continue;
		/* the line's bytes as spaces, same length: a blank line */
		char *saved = pc_arena_strndup(&c->d->arena, c->base + a, b - a);
		memset(c->base + a, ' ', b - a);
		size_t reach = trial(c);
		memcpy(c->base + a, saved, b - a);
		if (reach != (size_t)-1 && reach <= e->pline)
			continue;
		if (!found || reach > best) {   /* through, (size_t)-1, is furthest */
			found = true;
			best = reach;
			best_a = a;
			best_b = b;
			*cline = cand[k];
		}
	}
	if (!found)
		return false;
	memset(c->base + best_a, ' ', best_b - best_a);
	*culprit = best_a;
	return true;
}

static void report_yaml(struct ctx *c, const struct yerr *e, size_t off, bool left_out)
{
	struct pc_doc *d = c->d;
	struct pc_finding *f = pc_finding_add(d, rid(c, "yaml"), PC_ERROR, off, off, "%s（%s）",
					      problem_ja(e->problem), e->problem ? e->problem : "syntax error");
	if (left_out)
		f->suggestion = "この行の書き方を確認してください（この行は読み込んでいません。ほかの行は読み込みました）";
	else if (e->has_context && e->cline != e->pline)
		f->suggestion = pc_arena_printf(&d->arena, "%zu 行目から始まる部分の書き方を確認してください",
						ctx_line(c, e->cline));
	else
		f->suggestion = "字下げと「キー: 値」の形を確認してください";
}

struct pc_ynode *pc_yaml_parse(struct pc_doc *d, size_t start, size_t end,
			       const struct pc_yaml_opts *o)
{
	struct ctx c = {.d = d, .o = o, .start = start, .end = end};
	c.base = pc_arena_strndup(&d->arena, d->text + start, end - start);
	prescan(&c);

	/* repairs are bounded in count and in work: libyaml reads the
	 * front matter again for each one, and 64 of them over a big one took
	 * seconds; past the budget the rest is one error where it stops */
	c.budget = 16 * (end - start) + 4 * 1024 * 1024;
	struct pc_ynode *root = NULL;
	for (int attempt = 0;; attempt++) {
		build_y(&c);
		size_t mark = d->nfindings;
		struct yerr e;
		root = run(&c, &e);
		if (!e.failed)
			break;
		bool last = attempt >= 64 || c.work > c.budget;
		if (!last) {
			pc_arena_release(&c.tree);   /* this attempt's tree: not kept */
			d->nfindings = mark;   /* this run's findings come again with the next */
			if (repair_missing_space(&c, &e))
				continue;
			size_t culprit, cl;
			if (leave_out(&c, &e, &culprit, &cl)) {
				/* at the line left out: the problem's place if it is
				 * there, else the line's first character */
				size_t at = start + culprit;
				if (cl == e.pline) {
					yaml_mark_t m = {0, e.pline, e.pcol};
					build_y(&c);
					at = mark_off(&c, m);
				} else {
					while (at < end && (d->text[at] == ' ' || d->text[at] == '\t'))
						at++;
				}
				report_yaml(&c, &e, at, true);
				continue;
			}
			/* nothing helps: this run again, kept, with the error */
			pc_arena_release(&c.tree);
			build_y(&c);
			root = run(&c, &e);
		}
		yaml_mark_t m = {0, e.pline, e.pcol};
		report_yaml(&c, &e, mark_off(&c, m), false);
		break;
	}
	pc_arena_adopt(&d->arena, &c.tree);   /* the tree kept lives as long as the doc */
	free(c.y);
	return root;
}

struct pc_ynode *pc_ymap_get(const struct pc_ynode *m, const char *key)
{
	if (!m || m->kind != PC_Y_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, key) == 0)
			return m->vals[i];
	return NULL;
}

bool pc_yscalar_is(const struct pc_ynode *n, const char *s)
{
	return n && n->kind == PC_Y_SCALAR && strcmp(n->str, s) == 0;
}

/* ---- writing a tree as YAML (plancheck import) ------------------------------- */

static int emit_write(void *data, unsigned char *buf, size_t size)
{
	pc_buf_add(data, buf, size);
	return 1;
}

static bool emit_node(yaml_emitter_t *em, const struct pc_ynode *n)
{
	yaml_event_t ev;
	switch (n ? n->kind : PC_Y_NULL) {
	case PC_Y_SCALAR: {
		/* a value libyaml would read as something else is quoted by it */
		if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)n->str, (int)n->len, 1, 1,
						  YAML_ANY_SCALAR_STYLE))
			return false;
		return yaml_emitter_emit(em, &ev);
	}
	case PC_Y_MAP:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
		    !yaml_emitter_emit(em, &ev))
			return false;
		for (size_t i = 0; i < n->n; i++)
			if (!emit_node(em, n->keys[i]) || !emit_node(em, n->vals[i]))
				return false;
		return yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(em, &ev);
	case PC_Y_SEQ:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(em, &ev))
			return false;
		for (size_t i = 0; i < n->n; i++)
			if (!emit_node(em, n->vals[i]))
				return false;
		return yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(em, &ev);
	default:
		if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)"", 0, 1, 1,
						  YAML_PLAIN_SCALAR_STYLE))
			return false;
		return yaml_emitter_emit(em, &ev);
	}
}

int pc_yaml_emit(const struct pc_ynode *root, struct pc_buf *out)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&em))
		abort();
	yaml_emitter_set_output(&em, emit_write, out);
	yaml_emitter_set_unicode(&em, 1);   /* Japanese as it is, not \u escapes */
	yaml_emitter_set_indent(&em, 2);
	yaml_emitter_set_width(&em, -1);    /* no folding of long values */
	bool ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && yaml_emitter_emit(&em, &ev) &&
		  yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) && yaml_emitter_emit(&em, &ev) &&
		  emit_node(&em, root) && yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&em, &ev) &&
		  yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&em, &ev);
	yaml_emitter_delete(&em);
	return ok ? 0 : -1;
}

/* ---- a parsed tree, stored and read back ------------------------------------
 * rules.c keeps the trees of the rule files it reads in a file beside them
 * (`plancheck rules --write-cache`): libyaml's parse was a third of a
 * one-draft check.  A node is its kind, plain flag and span, then a
 * scalar's bytes or a container's children, in order.  The header names
 * this format and the libyaml that parsed, so another build reads the
 * YAML again. */

static void put_u64(struct pc_buf *b, uint64_t v)
{
	pc_buf_add(b, (const char *)&v, sizeof(v));
}

const char *pc_ytree_format(void)
{
	static char f[64];
	if (!f[0])
		snprintf(f, sizeof(f), "ytree-3 libyaml-%s %zu", yaml_get_version_string(), sizeof(size_t));
	return f;
}

void pc_ytree_store(const struct pc_ynode *n, struct pc_buf *out)
{
	char h[2] = {(char)n->kind, (char)n->plain};
	pc_buf_add(out, h, 2);
	put_u64(out, n->start);
	put_u64(out, n->end);
	if (n->kind == PC_Y_SCALAR) {
		put_u64(out, n->len);
		pc_buf_add(out, n->str, n->len);
	} else if (n->kind == PC_Y_MAP || n->kind == PC_Y_SEQ) {
		put_u64(out, n->n);
		for (size_t i = 0; i < n->n; i++) {
			if (n->kind == PC_Y_MAP)
				pc_ytree_store(n->keys[i], out);
			pc_ytree_store(n->vals[i], out);
		}
	}
}

bool pc_take_u64(const char **p, const char *end, uint64_t *v)
{
	if ((size_t)(end - *p) < sizeof(*v))
		return false;
	memcpy(v, *p, sizeof(*v));
	*p += sizeof(*v);
	return true;
}

/* one node from *p (nodes in d's arena; spans checked against d's text);
 * NULL when the bytes are not a tree of this format */
struct pc_ynode *pc_ytree_load(struct pc_doc *d, const char **p, const char *end, int depth)
{
	uint64_t start, stop, n;
	if (depth > 64 || end - *p < 2)
		return NULL;
	int kind = (unsigned char)(*p)[0];
	bool plain = (*p)[1] != 0;
	*p += 2;
	if (kind > PC_Y_NULL || !pc_take_u64(p, end, &start) || !pc_take_u64(p, end, &stop) || start > stop || stop > d->len)
		return NULL;
	struct pc_ynode *y = pc_arena_alloc(&d->arena, sizeof(*y));
	memset(y, 0, sizeof(*y));
	y->kind = (enum pc_ykind)kind;
	y->plain = plain;
	y->start = start;
	y->end = stop;
	if (kind == PC_Y_SCALAR) {
		if (!pc_take_u64(p, end, &n) || (uint64_t)(end - *p) < n)
			return NULL;
		y->str = pc_arena_strndup(&d->arena, *p, n);
		y->len = n;
		*p += n;
	} else if (kind == PC_Y_MAP || kind == PC_Y_SEQ) {
		if (!pc_take_u64(p, end, &n) || n > (uint64_t)(end - *p) / 18)
			return NULL;   /* each child takes 18 bytes at least */
		y->n = n;
		y->vals = pc_arena_alloc(&d->arena, (n + 1) * sizeof(*y->vals));
		if (kind == PC_Y_MAP)
			y->keys = pc_arena_alloc(&d->arena, (n + 1) * sizeof(*y->keys));
		for (size_t i = 0; i < n; i++) {
			if (kind == PC_Y_MAP && !(y->keys[i] = pc_ytree_load(d, p, end, depth + 1)))
				return NULL;
			if (!(y->vals[i] = pc_ytree_load(d, p, end, depth + 1)))
				return NULL;
		}
	}
	return y;
}
