/*
 * body.c - the Markdown-like body of a plan: headings (with their numbering
 * stripped into a normalised title), paragraphs, "-"/"・" list items, "|"
 * table rows and their cells, HTML comments and the waiver comments of
 * plan-format §5, and sentences split at 。！？ outside brackets.  A small
 * hand-written line scanner, so every element keeps its exact byte span.
 * It also reports characters outside the BMP, which libharu cannot draw.
 */
#include "internal.h"

#include <string.h>

struct line {
	size_t s, e;        /* without the line end */
	size_t next;        /* start of the next line */
};

static struct line line_at(const struct pc_doc *d, size_t i)
{
	struct line l = {i, i, i};
	const char *nl = i < d->len ? memchr(d->text + i, '\n', d->len - i) : NULL;
	l.e = nl ? (size_t)(nl - d->text) : d->len;
	l.next = l.e < d->len ? l.e + 1 : l.e;
	if (l.e > l.s && d->text[l.e - 1] == '\r')
		l.e--;
	return l;
}

static bool blank(const struct pc_doc *d, struct line l)
{
	for (size_t i = l.s; i < l.e; i++) {
		char c = d->text[i];
		if (c != ' ' && c != '\t')
			return false;
	}
	return true;
}

static size_t skip_ws(const char *t, size_t i, size_t e)
{
	for (;;) {
		if (i < e && (t[i] == ' ' || t[i] == '\t'))
			i++;
		else if (i + 3 <= e && memcmp(t + i, "\u3000", 3) == 0)
			i += 3;
		else
			return i;
	}
}

/* sentences may start after the line end inside a paragraph */
static size_t skip_space_nl(const char *t, size_t i, size_t e)
{
	for (;;) {
		size_t j = skip_ws(t, i, e);
		if (j < e && (t[j] == '\n' || t[j] == '\r'))
			i = j + 1;
		else
			return j;
	}
}

static size_t trim_end(const char *t, size_t s, size_t e)
{
	for (;;) {
		if (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
			e--;
		else if (e >= s + 3 && memcmp(t + e - 3, "\u3000", 3) == 0)
			e -= 3;
		else
			return e;
	}
}

static struct pc_block *add_block(struct pc_doc *d, enum pc_block_kind k, size_t s, size_t e)
{
	d->blocks = pc_grow(&d->arena, d->blocks, &d->capblocks, d->nblocks + 1, sizeof(*d->blocks));
	struct pc_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	b->start = b->tstart = s;
	b->end = b->tend = e;
	b->section = -1;   /* set by pc_body_structure */
	return b;
}

static bool is_digit_at(const char *s, size_t i, size_t n)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Strip a heading's own numbering: "1.", "１．", "1.2", "（１）", "(1)",
 * "①", "第2章", "一、", "A." — on the folded text. */
const char *pc_heading_normalise(struct pc_arena *a, const char *s0, size_t n0)
{
	size_t n;
	char *s = pc_text_fold(a, s0, n0, &n);
	size_t i = skip_ws(s, 0, n);
	/* a leading mark (■, ◆, ●, …) and a bracketed number (【1】) go first */
	for (;;) {
		size_t k = i;
		int32_t cp = i < n ? pc_u8(s, n, &k) : 0;
		if (cp == 0x25A0 || cp == 0x25A1 || cp == 0x25C6 || cp == 0x25C7 || cp == 0x25CF ||
		    cp == 0x25CB || cp == 0x25BC || cp == 0x2605 || cp == 0x2606) {
			i = skip_ws(s, k, n);
			continue;
		}
		if (cp == 0x3010) {
			size_t j = k;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j > k && j + 3 <= n && !memcmp(s + j, "】", 3)) {
				i = skip_ws(s, j + 3, n);
				continue;
			}
		}
		break;
	}

	if (i + 3 <= n && memcmp(s + i, "第", 3) == 0 && is_digit_at(s, i + 3, n)) {
		size_t j = i + 3;
		while (is_digit_at(s, j, n))
			j++;
		if (j + 3 <= n && (memcmp(s + j, "章", 3) == 0 || memcmp(s + j, "節", 3) == 0 ||
				   memcmp(s + j, "部", 3) == 0))
			i = j + 3;
	} else if (is_digit_at(s, i, n)) {
		size_t j = i;
		while (is_digit_at(s, j, n) || (s[j] == '.' && is_digit_at(s, j + 1, n)))
			j++;
		if (j < n && (s[j] == '.' || s[j] == ')'))
			i = j + 1;
		else if (j + 3 <= n && memcmp(s + j, "、", 3) == 0)
			i = j + 3;
		else if (j < n && s[j] == ' ')
			i = j;
	} else if (i < n && s[i] == '(') {
		size_t j = i + 1;
		while (j < n && s[j] != ')' && j - i < 8)
			j++;
		if (j < n && s[j] == ')')
			i = j + 1;
	} else if (i + 3 <= n) {
		size_t k = i;
		int32_t cp = pc_u8(s, n, &k);
		if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F)) {
			i = k;   /* ① … ⑳, ❶ … */
		} else if (cp >= 0x4E00) {
			static const char *const kan[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
			size_t j = i;
			bool any = true;
			while (any) {
				any = false;
				for (size_t q = 0; q < PC_ARRAY_LEN(kan); q++)
					if (j + 3 <= n && memcmp(s + j, kan[q], 3) == 0) {
						j += 3;
						any = true;
					}
			}
			if (j > i && j + 3 <= n && memcmp(s + j, "、", 3) == 0)
				i = j + 3;
		} else if (((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) &&
			   i + 1 < n && (s[i + 1] == '.' || s[i + 1] == ')') &&
			   (i + 2 >= n || s[i + 2] == ' ' || (unsigned char)s[i + 2] >= 0x80)) {
			i += 2;
		}
	}
	i = skip_ws(s, i, n);
	size_t e = trim_end(s, i, n);
	return pc_arena_strndup(a, s + i, e - i);
}

/* "plancheck-disable ID ID reason="…"" between i and body_e; the comment
 * itself is [cs, ce) and the line after it starts at after_line */
static void parse_waiver_at(struct pc_doc *d, size_t cs, size_t ce, size_t i, size_t body_e,
			    size_t after_line)
{
	const char *t = d->text;
	static const char dis[] = "plancheck-disable", en[] = "plancheck-enable";
	bool next_line = false, disable;

	if (ce - i >= strlen(dis) && memcmp(t + i, dis, strlen(dis)) == 0) {
		disable = true;
		i += strlen(dis);
		if (ce - i >= 10 && memcmp(t + i, "-next-line", 10) == 0) {
			next_line = true;
			i += 10;
		}
	} else if (ce - i >= strlen(en) && memcmp(t + i, en, strlen(en)) == 0) {
		disable = false;
		i += strlen(en);
	} else
		return;

	if (!disable) {
		/* close every open stretch (or the named ones) */
		for (size_t w = 0; w < d->nwaivers; w++)
			if (d->waivers[w].end == (size_t)-1)
				d->waivers[w].end = cs;
		return;
	}
	struct pc_buf ids = {0};
	const char *reason = NULL;
	while (i < body_e) {
		i = skip_ws(t, i, body_e);
		if (i >= body_e)
			break;
		if (body_e - i >= 7 && memcmp(t + i, "reason=", 7) == 0) {
			i += 7;
			if (i < body_e && t[i] == '"') {
				size_t q = ++i;
				while (q < body_e && t[q] != '"')
					q++;
				reason = pc_arena_strndup(&d->arena, t + i, q - i);
				i = q + 1;
			} else {
				size_t q = i;
				while (q < body_e && t[q] != ' ')
					q++;
				reason = pc_arena_strndup(&d->arena, t + i, q - i);
				i = q;
			}
			continue;
		}
		size_t q = i;
		while (q < body_e && t[q] != ' ' && t[q] != '\t')
			q++;
		if (ids.len)
			pc_buf_putc(&ids, ' ');
		pc_buf_add(&ids, t + i, q - i);
		i = q;
	}
	d->waivers = pc_grow(&d->arena, d->waivers, &d->capwaivers, d->nwaivers + 1,
			     sizeof(*d->waivers));
	struct pc_waiver *w = &d->waivers[d->nwaivers++];
	w->rules = pc_arena_strdup(&d->arena, ids.len ? ids.s : "*");
	w->reason = reason && *reason ? reason : NULL;
	if (next_line) {
		struct line l = line_at(d, after_line);
		w->start = l.s;
		w->end = l.next > l.e ? l.next : l.e + 1;
	} else {
		w->start = cs;   /* from the comment itself: a finding placed at
				  * the body's first byte is inside */
		w->end = (size_t)-1;
	}
	if (!w->reason)
		pc_finding_add(d, "plan.waiver", PC_WARNING, cs, ce,
			       "検査の除外（%s）に理由がありません", w->rules)
			->suggestion = "reason=\"…\" で除外する理由を書いてください";
	pc_buf_free(&ids);
}

static void parse_waiver(struct pc_doc *d, size_t cs, size_t ce, size_t after_line)
{
	size_t body_e = ce >= cs + 7 && !memcmp(d->text + ce - 3, "-->", 3) ? ce - 3 : ce;
	parse_waiver_at(d, cs, ce, skip_ws(d->text, cs + 4, body_e), body_e, after_line);
}

/* Front matter: "# plancheck-disable-next-line RULE reason="…"" as a YAML
 * comment silences a rule on the next line, so a front-matter rule can be
 * waived where it fires. */
void pc_fm_waivers(struct pc_doc *d)
{
	size_t i = d->fm_start;
	while (i < d->fm_end) {
		struct line l = line_at(d, i);
		size_t p = skip_ws(d->text, l.s, l.e);
		if (p < l.e && d->text[p] == '#') {
			size_t q = skip_ws(d->text, p + 1, l.e);
			if (l.e - q >= 17 && !memcmp(d->text + q, "plancheck-disable", 17))
				parse_waiver_at(d, p, l.e, q, l.e, l.next);
		}
		i = l.next;
	}
}

/* code points in [s, e) other than line breaks: textlint's count */
static size_t chars_nonl(const char *t, size_t s, size_t e)
{
	size_t n = pc_utf8_count(t + s, e - s);
	for (size_t i = s; i < e; i++)
		n -= t[i] == '\n' || t[i] == '\r';
	return n;
}

static void push_sentence(struct pc_doc *d, size_t s, size_t e, size_t bi, size_t nc, size_t commas)
{
	d->sentences = pc_grow(&d->arena, d->sentences, &d->capsentences, d->nsentences + 1,
			       sizeof(*d->sentences));
	d->sentences[d->nsentences++] = (struct pc_sentence){s, e, bi, nc, commas};
}

/* Sentences end at 。！？!? outside brackets.  Each is measured on the
 * way, as textlint counts (every code point, its closing 。 included,
 * line breaks excluded) with its 読点, so the metric rules only read the
 * figures.  What is skipped around a sentence is white space: it holds
 * no 読点, and its characters are taken off the count. */
static void add_sentences(struct pc_doc *d, size_t bi)
{
	const struct pc_block *b = &d->blocks[bi];
	const char *t = d->text;
	size_t i = b->tstart, s = b->tstart;
	size_t ci = 0, cc = 0, ci_s = 0, cc_s = 0;   /* chars and 読点 so far, and at s */
	int depth = 0;

	while (i < b->tend) {
		int32_t cp = pc_u8(t, b->tend, &i);
		ci += cp != '\n' && cp != '\r';
		switch (cp) {
		case 0x3001: case 0xFF0C:
			cc++;
			break;
		case 0x300C: case 0x300E: case 0xFF08: case '(': case 0x3010:
			depth++;
			break;
		case 0x300D: case 0x300F: case 0xFF09: case ')': case 0x3011:
			if (depth > 0)
				depth--;
			break;
		case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?':
			if (depth == 0) {
				size_t ss = skip_space_nl(t, s, i);
				if (i > ss)
					push_sentence(d, ss, i, bi, ci - ci_s - chars_nonl(t, s, ss), cc - cc_s);
				s = i;
				ci_s = ci;
				cc_s = cc;
			}
			break;
		default:
			break;
		}
	}
	size_t ss = skip_space_nl(t, s, b->tend);
	size_t se = trim_end(t, ss, b->tend);
	while (se > ss && (t[se - 1] == '\n' || t[se - 1] == '\r'))
		se--;
	if (se > ss)
		push_sentence(d, ss, se, bi, ci - ci_s - chars_nonl(t, s, ss) - chars_nonl(t, se, b->tend), cc - cc_s);
}

static void split_cells(struct pc_doc *d, struct pc_block *b)
{
	const char *t = d->text;
	size_t i = b->tstart, e = trim_end(t, b->tstart, b->tend);
	size_t n = 0, cap = 0;
	struct pc_cell *cells = NULL;
	bool sep = true;

	if (i < e && t[i] == '|')
		i++;
	while (i < e) {
		size_t cs = i;
		while (i < e && t[i] != '|') {
			if (t[i] == '\\' && i + 1 < e)
				i++;
			i++;
		}
		size_t a = skip_ws(t, cs, i), z = trim_end(t, a, i);
		if (!(i == e && a == z && cs == e)) {
			cells = pc_grow(&d->arena, cells, &cap, n + 1, sizeof(*cells));
			cells[n++] = (struct pc_cell){a, z};
			for (size_t k = a; k < z; k++)
				if (t[k] != '-' && t[k] != ':' && t[k] != ' ')
					sep = false;
			if (a == z)
				sep = false;
		}
		if (i < e)
			i++;
	}
	b->cells = cells;
	b->ncells = n;
	b->table_sep = sep && n > 0;
}

static void check_bmp(struct pc_doc *d)
{
	size_t i = 0;
	while (i < d->len) {
		/* eight bytes at a time while none is a 4-byte lead (11110xxx):
		 * its top four bits are all set */
		if (i + 8 <= d->len) {
			uint64_t w;
			memcpy(&w, d->text + i, 8);
			if (!(w & (w << 1) & (w << 2) & (w << 3) & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)d->text[i] < 0xF0) {
			i++;
			continue;
		}
		size_t at = i;
		int32_t cp = pc_u8(d->text, d->len, &i);
		if (cp >= 0x10000) {
			struct pc_finding *f = pc_finding_add(
				d, "plan.non-bmp", PC_WARNING, at, i,
				"「%.*s」（U+%04X）は PDF に印字できない文字です",
				(int)(i - at), d->text + at, (unsigned)cp);
			if (cp == 0x20BB7)
				f->suggestion = "「吉」に置き換えてください（正式な字形が必要なら提出先に確認してください）";
			else if (cp >= 0x1F000)
				f->suggestion = "絵文字は使わないでください";
			else
				f->suggestion = "常用の字体に置き換えてください";
		}
	}
}

/* how a heading was typed, when not "# title" */
enum { HF_NO_SPACE = 1, HF_WIDE_HASH = 2, HF_WIDE_SPACE = 4 };

static void set_heading(struct pc_doc *d, struct pc_block *b, size_t ts, size_t te, int level);
static void heading_form_note(struct pc_doc *d, const struct pc_block *b, int form, int level);

/* Open sections form a stack (levels strictly rising): a heading closes
 * the ones at its level or deeper and finds its parent on top.  Scanning
 * all earlier sections instead made 100,000 headings quadratic. */
struct open_stack {
	int *v;
	size_t n, cap;
};

static void close_sections(struct pc_doc *d, struct open_stack *st, size_t upto, int level)
{
	while (st->n && d->sections[st->v[st->n - 1]].level >= level) {
		d->sections[st->v[st->n - 1]].end = upto;
		st->n--;
	}
}

/* a heading's title, normalised (numbering stripped) for the rules, and
 * as shown: what the author wrote minus the numbering, its tail of the
 * same length in characters */
static void set_heading(struct pc_doc *d, struct pc_block *b, size_t ts, size_t te, int level)
{
	const char *t = d->text;
	b->kind = PC_B_HEADING;
	b->tstart = ts;
	b->tend = te;
	b->level = level;
	b->title = pc_heading_normalise(&d->arena, t + ts, te - ts);
	size_t want = pc_utf8_count(b->title, strlen(b->title)), have = pc_utf8_count(t + ts, te - ts);
	size_t k = ts;
	while (have > want && k < te) {
		pc_u8(t, te, &k);
		have--;
	}
	b->shown = pc_arena_strndup(&d->arena, t + k, te - k);
}

static void heading_form_note(struct pc_doc *d, const struct pc_block *b, int form, int level)
{
	char hashes[8];
	memset(hashes, '#', (size_t)level);
	hashes[level] = '\0';
	const char *what = form & HF_WIDE_HASH    ? "全角の「＃」で書かれています"
			   : form & HF_WIDE_SPACE ? "「#」の後ろが全角スペースになっています"
						  : "「#」の後ろに空白がありません";
	pc_finding_add(d, "plan.heading-form", PC_INFO, b->start, b->tstart,
		       "見出しとして読みました（%s）", what)
		->suggestion = pc_arena_printf(&d->arena, "「%s %.*s」のように、半角の「#」と半角スペースで書いてください", hashes,
					       (int)(b->tend - b->tstart), d->text + b->tstart);
}

/* Sections from the heading blocks (open sections form a stack), then the
 * sentences and the characters of each block and section.  Run again
 * when a block becomes a heading (pc_body_promote). */
void pc_body_structure(struct pc_doc *d)
{
	const char *t = d->text;
	struct open_stack open = {0};
	d->nsections = 0;
	d->nsentences = 0;
	for (size_t bi = 0; bi < d->nblocks; bi++) {
		struct pc_block *b = &d->blocks[bi];
		if (b->kind == PC_B_HEADING) {
			close_sections(d, &open, b->start, b->level);
			d->sections = pc_grow(&d->arena, d->sections, &d->capsections, d->nsections + 1,
					      sizeof(*d->sections));
			struct pc_section *s = &d->sections[d->nsections];
			memset(s, 0, sizeof(*s));
			s->level = b->level;
			s->start = b->start;
			s->end = (size_t)-1;
			s->parent = open.n ? open.v[open.n - 1] : -1;
			s->title = b->title;
			s->shown = b->shown;
			s->id = b->id;
			s->check = b->check;
			s->block = bi;
			open.v = pc_grow(&d->arena, open.v, &open.cap, open.n + 1, sizeof(*open.v));
			open.v[open.n++] = (int)d->nsections;
			d->nsections++;
		}
		b->section = d->nsections ? (int)d->nsections - 1 : -1;
	}
	close_sections(d, &open, d->len, 1);
	for (size_t b = 0; b < d->nblocks; b++) {
		struct pc_block *bl = &d->blocks[b];
		if (bl->kind == PC_B_PARA || bl->kind == PC_B_LIST)
			add_sentences(d, b);
		bl->nchars = pc_utf8_count(t + bl->tstart, bl->tend - bl->tstart);
		if (bl->kind == PC_B_PARA || bl->kind == PC_B_LIST ||
		    (bl->kind == PC_B_TABLE && !bl->table_sep)) {
			for (int s = bl->section; s >= 0; s = d->sections[s].parent)
				d->sections[s].nchars += bl->nchars;
		}
	}
}

/* A one-line paragraph or list item, short and not a sentence, that starts
 * with the numbering of a heading: "1.", "１．", "第1章", "■", "【1】" (level
 * 1), "（１）", "(1)", "①", "1.1" (level 2).  0 when it is not such a line. */
/* a section number in a line: 4. （1） ４． ① */
static bool has_number(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			return true;
		if (i + 2 < n && c == 0xEF && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99)
			return true;   /* ０-９ */
		if (i + 2 < n && c == 0xE2 && (unsigned char)s[i + 1] == 0x91 && (unsigned char)s[i + 2] >= 0xA0 &&
		    (unsigned char)s[i + 2] <= 0xB3)
			return true;   /* ①-⑳ */
	}
	return false;
}

int pc_heading_candidate(const struct pc_doc *d, const struct pc_block *b)
{
	if (b->kind != PC_B_PARA && b->kind != PC_B_LIST)
		return 0;
	const char *t = d->text;
	size_t s = skip_ws(t, b->start, b->end), e = trim_end(t, s, b->end);
	if (e <= s || memchr(t + s, '\n', e - s) || pc_utf8_count(t + s, e - s) > 60)
		return 0;
	if (e - s >= 3 && (!memcmp(t + e - 3, "。", 3) || !memcmp(t + e - 3, "．", 3)))
		return 0;
	if (b->data && !has_number(t + s, e - s))
		return 0;   /* 「■ 収益計画」 over a data table names the table, not a section */
	return pc_numbering_level(t + s, e - s);
}

int pc_numbering_level(const char *text, size_t len)
{
	struct pc_arena a = {0};
	size_t n;
	char *f = pc_text_fold(&a, text, len < 64 ? len : 64, &n);
	int level = 0;
	size_t k = 0;
	int32_t cp = n ? pc_u8(f, n, &k) : 0;
	if (cp == 0x25A0 || cp == 0x25A1 || cp == 0x25C6 || cp == 0x25C7 || cp == 0x25CF || cp == 0x25CB ||
	    cp == 0x25BC || cp == 0x2605 || cp == 0x2606)
		level = 1;   /* ■ □ ◆ ◇ ● ○ ▼ ★ ☆ */
	else if (cp == 0x3010) {   /* 【1】 */
		size_t j = k;
		while (j < n && f[j] >= '0' && f[j] <= '9')
			j++;
		if (j > k && j + 3 <= n && !memcmp(f + j, "】", 3))
			level = 1;
	} else if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F))
		level = 2;   /* ① ❶ */
	else if (cp == '(') {
		size_t j = k;
		while (j < n && ((f[j] >= '0' && f[j] <= '9')))
			j++;
		if (j > k && j < n && f[j] == ')')
			level = 2;
	} else if (cp == 0x7B2C) {   /* 第N章 */
		size_t j = k;
		while (j < n && f[j] >= '0' && f[j] <= '9')
			j++;
		if (j > k && j + 3 <= n && (!memcmp(f + j, "章", 3) || !memcmp(f + j, "部", 3)))
			level = 1;
		else if (j > k && j + 3 <= n && !memcmp(f + j, "節", 3))
			level = 2;
	} else if (cp >= '0' && cp <= '9') {
		size_t j = k;
		while (j < n && f[j] >= '0' && f[j] <= '9')
			j++;
		if (j + 1 < n && f[j] == '.' && f[j + 1] >= '0' && f[j + 1] <= '9')
			level = 2;   /* 1.1 */
		else if (j < n && (f[j] == '.' || f[j] == ')' || f[j] == ' '))
			level = 1;
		else if (j + 3 <= n && !memcmp(f + j, "、", 3))
			level = 1;
	}
	pc_arena_release(&a);
	return level;
}

void pc_body_promote(struct pc_doc *d, struct pc_block *b, int level)
{
	const char *t = d->text;
	size_t s = skip_ws(t, b->start, b->end), e = trim_end(t, s, b->end);
	set_heading(d, b, s, e, level);
}

void pc_body_parse(struct pc_doc *d)
{
	const char *t = d->text;
	size_t i = d->body_start;
	struct pc_block *para = NULL;

	while (i < d->len) {
		struct line l = line_at(d, i);
		size_t p = skip_ws(t, l.s, l.e);

		if (blank(d, l)) {
			para = NULL;
			i = l.next;
			continue;
		}
		/* HTML comment, possibly over several lines */
		if (l.e - p >= 4 && memcmp(t + p, "<!--", 4) == 0) {
			/* memmem, bounded by the text: strstr measures the rest of
			 * the plan first under some C libraries (ASan's), once per
			 * comment, which made 10,000 waivers quadratic */
			const char *end = memmem(t + p + 4, d->len - (p + 4), "-->", 3);
			size_t ce = end ? (size_t)(end - t) + 3 : l.e;
			if (!end)   /* don't let a stray <!-- swallow the rest of the plan */
				pc_finding_add(d, "plan.comment", PC_WARNING, p, p + 4,
					       "コメント「<!--」が「-->」で閉じられていません。この行だけをコメントとして扱いました")
					->suggestion = "行末に「-->」を書いてください";
			add_block(d, PC_B_COMMENT, p, ce);
			struct line after = line_at(d, ce);
			parse_waiver(d, p, ce, after.next);
			para = NULL;
			i = after.next;
			continue;
		}
		/* code fence: kept as text, not checked as prose */
		if (l.e - p >= 3 && (memcmp(t + p, "```", 3) == 0 || memcmp(t + p, "~~~", 3) == 0)) {
			size_t j = l.next;
			while (j < d->len) {
				struct line m = line_at(d, j);
				size_t q = skip_ws(t, m.s, m.e);
				j = m.next;
				if (m.e - q >= 3 && memcmp(t + q, t + p, 3) == 0)
					break;
			}
			add_block(d, PC_B_OTHER, l.s, j);
			para = NULL;
			i = j;
			continue;
		}
		/* a heading: "#" to "######", a space, the title.  Typed by hand
		 * it may be "#１．…" (no space), "＃" (full width) or "#　…": read
		 * as headings too, with a note */
		int hashes = 0, form = 0;
		size_t q = p;
		while (hashes < 7) {
			if (q < l.e && t[q] == '#')
				q++;
			else if (q + 3 <= l.e && !memcmp(t + q, "\uFF03", 3)) {
				q += 3;
				form |= HF_WIDE_HASH;
			} else
				break;
			hashes++;
		}
		bool spaced = q == l.e || t[q] == ' ' || t[q] == '\t';
		if (!spaced && q + 3 <= l.e && !memcmp(t + q, "\u3000", 3)) {
			spaced = true;
			form |= HF_WIDE_SPACE;
		}
		if (!spaced && q < l.e && hashes &&
		    ((unsigned char)t[q] >= 0x80 || (t[q] >= '0' && t[q] <= '9') || t[q] == '(')) {
			spaced = true;
			form |= HF_NO_SPACE;
		}
		if (hashes >= 1 && hashes <= 6 && p == l.s && spaced) {
			size_t ts = skip_ws(t, q, l.e), te = trim_end(t, ts, l.e);
			while (te > ts && t[te - 1] == '#')
				te--;   /* closing ### */
			te = trim_end(t, ts, te);
			/* a stable id for links and cites: "見出し {#id}" or "{#id .check}" */
			const char *hid = NULL;
			bool hcheck = false;
			if (te > ts && t[te - 1] == '}') {
				size_t o = te - 1;
				while (o > ts && t[o] != '{')
					o--;
				if (t[o] == '{' && o + 1 < te && t[o + 1] == '#') {
					size_t is = o + 2, ie = is;
					while (ie < te - 1 && t[ie] != ' ')
						ie++;
					hid = pc_arena_strndup(&d->arena, t + is, ie - is);
					hcheck = ie < te - 1 && memmem(t + ie, te - 1 - ie, ".check", 6) != NULL;
					te = trim_end(t, ts, o);
				}
			}
			struct pc_block *b = add_block(d, PC_B_HEADING, l.s, l.e);
			set_heading(d, b, ts, te, hashes);
			b->id = hid;
			b->check = hcheck;
			if (form)
				heading_form_note(d, b, form, hashes);
			para = NULL;
			i = l.next;
			continue;
		}
		if (t[p] == '|') {
			struct pc_block *b = add_block(d, PC_B_TABLE, l.s, l.e);
			b->tstart = p;
			b->tend = l.e;
			split_cells(d, b);
			para = NULL;
			i = l.next;
			continue;
		}
		size_t marker = 0;
		if (t[p] == '-' || t[p] == '*' || t[p] == '+') {
			if (p + 1 < l.e && (t[p + 1] == ' ' || t[p + 1] == '\t'))
				marker = 1;
			else if (p + 1 == l.e)
				marker = 1;
		} else if (l.e - p >= 3 && memcmp(t + p, "・", 3) == 0) {
			marker = 3;
		} else if (t[p] >= '0' && t[p] <= '9') {
			size_t j = p;
			while (j < l.e && t[j] >= '0' && t[j] <= '9')
				j++;
			if (j < l.e && (t[j] == '.' || t[j] == ')') && j + 1 < l.e && t[j + 1] == ' ')
				marker = j + 1 - p;
		}
		bool hr = marker == 1 && l.e - p >= 3 && t[p] == '-' && t[p + 1] == '-' && t[p + 2] == '-';
		if (marker && !hr) {
			struct pc_block *b = add_block(d, PC_B_LIST, l.s, l.e);
			b->tstart = skip_ws(t, p + marker, l.e);
			b->tend = l.e;
			para = b;   /* lazy continuation lines join the item */
			i = l.next;
			continue;
		}
		if (hr) {
			add_block(d, PC_B_OTHER, l.s, l.e);
			para = NULL;
			i = l.next;
			continue;
		}
		if (para) {
			para->end = para->tend = l.e;
		} else {
			para = add_block(d, PC_B_PARA, l.s, l.e);
			para->tstart = p;
		}
		i = l.next;
	}
	for (size_t w = 0; w < d->nwaivers; w++)
		if (d->waivers[w].end == (size_t)-1)
			d->waivers[w].end = d->len;
	pc_body_structure(d);
	check_bmp(d);
}

const struct pc_block *pc_doc_block_at(const struct pc_doc *d, size_t off)
{
	size_t lo = 0, hi = d->nblocks;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->blocks[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return d->nblocks && d->blocks[lo].start <= off ? &d->blocks[lo] : NULL;
}

int64_t pc_body_pages(const struct pc_doc *d)
{
	size_t lines = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct pc_block *b = &d->blocks[i];
		size_t nc = b->nchars;
		if (b->data)
			continue;   /* the plan's data tables are forms, not the plan's pages */
		switch (b->kind) {
		case PC_B_HEADING:
			lines += 2;
			break;
		case PC_B_PARA:
			lines += (nc + 39) / 40 + 1;
			break;
		case PC_B_LIST:
			lines += (nc + 37) / 38;
			break;
		case PC_B_TABLE:
			lines += b->table_sep ? 0 : 1 + nc / 80;
			break;
		default:
			break;
		}
	}
	return (int64_t)((lines + 35) / 36);
}
