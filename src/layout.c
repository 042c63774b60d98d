/*
 * layout.c - flowing text onto A4 pages.  Widths come from the full IPAex
 * fonts (glyph and advance tables built once per process through
 * HarfBuzz; the PDF embeds a subset later, with the same advances); line
 * breaks come from ICU's line break iterator with the Japanese strict
 * rules (ja@lb=strict: no line starts with 、。）」ー or a small kana, none
 * ends with （「), plus two rules of our own: an amount such as 3,000万円
 * is never split, and 、。 may hang past the margin (ぶら下げ) rather than
 * push a word down.  The result is, per page, a display list of glyph
 * runs and shapes; a page is handed to pdf_render.c once the layout has
 * moved two pages past it (nothing draws further back), unless held.
 */
#include "layout.h"

#include <hb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>

struct pc_fonts {
	hb_blob_t *blob[PC_NFACES];
	hb_face_t *face[PC_NFACES];
	hb_font_t *font[PC_NFACES];
	unsigned upem[PC_NFACES], nglyphs[PC_NFACES];
	uint16_t *gid[PC_NFACES];   /* BMP code point -> glyph, 0 when none,
				     * GID_UNSET until first asked */
	uint16_t *adv[PC_NFACES];   /* glyph -> advance, font units */
	const char *path[PC_NFACES];
};

static struct pc_fonts fonts;
static char *font_err;
static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;

const char *pc_font_path(int face)
{
	static const char *const def[PC_NFACES] = {
		"/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
		"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"};
	const char *env = getenv(face == PC_GOTHIC ? "PLANCHECK_FONT_GOTHIC" : "PLANCHECK_FONT_MINCHO");
	return env && *env ? env : def[face];
}

#define GID_UNSET 0xFFFF

/* every glyph's advance, once, and a table for each BMP code point's
 * glyph, filled as characters are first met: the layout looks them up for
 * each character it measures, the renderer for each it draws (a HarfBuzz
 * call each time was a fifth of a report; asking for all 15,000 mapped
 * characters up front was 4 % of a one-draft report that uses 1,000) */
static void tables(int f)
{
	hb_font_t *font = fonts.font[f];
	unsigned ng = hb_face_get_glyph_count(fonts.face[f]);
	if (ng > 0x10000)
		ng = 0x10000;   /* glyph ids are 16 bits in the content */
	fonts.nglyphs[f] = ng;
	fonts.gid[f] = malloc(0x10000 * sizeof(uint16_t));
	fonts.adv[f] = calloc(ng + 1, sizeof(uint16_t));
	uint32_t *gl = malloc((ng + 1) * sizeof(uint32_t));
	int32_t *adv = malloc((ng + 1) * sizeof(int32_t));
	if (!fonts.gid[f] || !fonts.adv[f] || !gl || !adv)
		abort();
	memset(fonts.gid[f], 0xFF, 0x10000 * sizeof(uint16_t));   /* GID_UNSET */
	uint32_t *ids = gl;
	for (uint32_t g = 0; g < ng; g++)
		ids[g] = g;
	hb_font_get_glyph_h_advances(font, ng, ids, sizeof(uint32_t), adv, sizeof(int32_t));
	for (uint32_t g = 0; g < ng; g++)
		fonts.adv[f][g] = adv[g] > 0 && adv[g] < 0xFFFF ? (uint16_t)adv[g] : 0;
	/* a character the font lacks is measured as half an em (the glyph
	 * drawn for it, .notdef, gets that width in the PDF too) */
	fonts.adv[f][0] = (uint16_t)(fonts.upem[f] / 2);
	free(gl);
	free(adv);
}

static void load_fonts(void)
{
	for (int f = 0; f < PC_NFACES; f++) {
		const char *p = pc_font_path(f);
		FILE *fp = fopen(p, "rb");
		if (!fp) {
			size_t n = strlen(p) + 200;
			font_err = malloc(n);
			if (font_err)
				snprintf(font_err, n, "フォント %s が見つかりません（Debian の fonts-ipaexfont を入れるか、PLANCHECK_FONT_%s で指定してください）",
					 p, f == PC_GOTHIC ? "GOTHIC" : "MINCHO");
			return;
		}
		fclose(fp);
		fonts.path[f] = p;
		fonts.blob[f] = hb_blob_create_from_file(p);
		fonts.face[f] = hb_face_create(fonts.blob[f], 0);
		fonts.font[f] = hb_font_create(fonts.face[f]);
		fonts.upem[f] = hb_face_get_upem(fonts.face[f]);
		if (!fonts.upem[f])
			fonts.upem[f] = 1000;
		tables(f);
	}
}

const struct pc_fonts *pc_fonts_load(char **err)
{
	pthread_once(&fonts_once, load_fonts);
	if (font_err) {
		*err = font_err;
		return NULL;
	}
	return &fonts;
}

/* for pdf_render.c: the face (to subset), and metrics in font units */
void *pc_fonts_hb_face(const struct pc_fonts *f, int face)
{
	return f->face[face];
}

void *pc_fonts_hb_font(const struct pc_fonts *f, int face)
{
	return f->font[face];
}

unsigned pc_fonts_upem(const struct pc_fonts *f, int face)
{
	return f->upem[face];
}

unsigned pc_glyph_advance(const struct pc_fonts *f, int face, unsigned gid)
{
	return gid < f->nglyphs[face] ? f->adv[face][gid] : f->adv[face][0];
}

unsigned pc_cp_glyph(const struct pc_fonts *f, int face, int32_t cp)
{
	if (cp > 0xFFFF || cp < 0)
		cp = 0x3013;   /* 〓: the PDF draws the BMP only; the finding says so */
	/* review's threads share the table: a relaxed load and store of one
	 * slot, racing threads store the same glyph (HarfBuzz's font is safe
	 * to read from several threads) */
	uint16_t *slot = &f->gid[face][cp];
	uint16_t g = __atomic_load_n(slot, __ATOMIC_RELAXED);
	if (g == GID_UNSET) {
		hb_codepoint_t h = 0;
		g = hb_font_get_nominal_glyph(f->font[face], (hb_codepoint_t)cp, &h) && h < f->nglyphs[face] &&
				    h != GID_UNSET
			    ? (uint16_t)h
			    : 0;
		__atomic_store_n(slot, g, __ATOMIC_RELAXED);
	}
	return g;
}

float pc_cp_advance(const struct pc_fonts *f, int face, float size, int32_t cp)
{
	return (float)f->adv[face][pc_cp_glyph(f, face, cp)] * size / (float)f->upem[face];
}

float pc_text_width(const struct pc_fonts *f, int face, float size, const char *s, size_t n)
{
	float w = 0;
	size_t i = 0;
	while (i < n) {
		int32_t cp = pc_u8(s, n, &i);
		if (cp >= 0)
			w += pc_cp_advance(f, face, size, cp);
	}
	return w;
}

/* ---- pages and the display list ------------------------------------------ */

int pc_layout_open(struct pc_layout *L, char *err, size_t errlen)
{
	char *ferr = NULL;
	const struct pc_fonts *f = pc_fonts_load(&ferr);
	if (!f) {
		snprintf(err, errlen, "%s", ferr);
		return -1;
	}
	memset(L, 0, sizeof(*L));
	L->fonts = f;
	L->scratch = &L->tmp;
	L->pw = 595.276f;   /* A4 */
	L->ph = 841.89f;
	L->ml = L->mr = 62;
	L->mt = 64;
	L->mb = 62;
	L->page = -1;
	L->para_page = -1;
	L->footer_numbers = true;
	return 0;
}

void pc_layout_release(struct pc_layout *L)
{
	pc_pdf_free(L);
	if (L->brk)
		ubrk_close((UBreakIterator *)L->brk);
	free(L->u16);
	free(L->xs);
	for (size_t p = 0; p < L->npages; p++)
		pc_arena_release(&L->pages[p].mem);
	free(L->pages);
	for (int f = 0; f < PC_NFACES; f++)
		free(L->cp_of[f]);
	pc_arena_release(&L->tmp);
	pc_arena_release(&L->rowtmp);
	pc_arena_release(&L->arena);
}

void pc_lay_scratch_reset(struct pc_layout *L)
{
	pc_arena_reset(&L->tmp);
}

void pc_lay_hold(struct pc_layout *L, int page)
{
	if (page >= 0 && (size_t)page < L->npages && !L->pages[page].written)
		L->pages[page].held = true;
}

void pc_lay_label(struct pc_layout *L, int page, const char *prefix, bool numbered, int first)
{
	L->labels = pc_grow(&L->arena, L->labels, &L->caplabels, L->nlabels + 1, sizeof(*L->labels));
	L->labels[L->nlabels++] = (struct pc_label){page, prefix ? pc_arena_strdup(&L->arena, prefix) : NULL,
						    numbered, first};
}

void pc_lay_newpage(struct pc_layout *L)
{
	if (L->npages == L->cappages) {
		size_t cap = L->cappages ? L->cappages * 2 : 8;
		L->pages = realloc(L->pages, cap * sizeof(*L->pages));
		if (!L->pages)
			abort();
		L->cappages = cap;
	}
	memset(&L->pages[L->npages], 0, sizeof(L->pages[0]));
	L->page = (int)L->npages++;
	L->y = L->ph - L->mt;
	pc_pdf_page_added(L);
	/* two pages back nothing is drawn any more (a list item's marker
	 * may land on the page before) */
	while (L->unwritten + 2 < L->npages) {
		struct pc_page *pg = &L->pages[L->unwritten];
		if (!pg->held && !pg->written) {
			pc_pdf_write_page(L, L->unwritten);
			pg->written = true;
			pc_arena_release(&pg->mem);
			pg->ops = NULL;
			pg->nops = pg->capops = 0;
		}
		L->unwritten++;
	}
}

void pc_lay_need(struct pc_layout *L, float h)
{
	if (L->page < 0 || L->y - h < L->mb)
		pc_lay_newpage(L);
}

void pc_lay_space(struct pc_layout *L, float h)
{
	if (L->page < 0)
		pc_lay_newpage(L);
	L->y -= h;
	if (L->y < L->mb)
		pc_lay_newpage(L);
}

static struct pc_op *add_op(struct pc_layout *L, int page)
{
	struct pc_page *pg = &L->pages[page];
	if (pg->written) {
		/* a page is written only when the layout is two pages past it:
		 * drawing there is a bug in the caller, not something to lose */
		fprintf(stderr, "plancheck: internal error: drawing on page %d after it was written\n", page + 1);
		abort();
	}
	pg->ops = pc_grow(&pg->mem, pg->ops, &pg->capops, pg->nops + 1, sizeof(struct pc_op));
	struct pc_op *o = &pg->ops[pg->nops++];
	memset(o, 0, sizeof(*o));
	return o;
}

/* the glyph for cp, marked used (and which character it stands for, for
 * the text a reader copies) */
static uint16_t use_glyph(struct pc_layout *L, int face, int32_t cp)
{
	if (cp > 0xFFFF || cp < 0)
		cp = 0x3013;
	uint16_t g = (uint16_t)pc_cp_glyph(L->fonts, face, cp);
	if (!(L->used[face][g >> 3] & (1u << (g & 7)))) {
		L->used[face][g >> 3] |= (uint8_t)(1u << (g & 7));
		if (!L->cp_of[face] && !(L->cp_of[face] = calloc(0x10000, sizeof(uint32_t))))
			abort();
		L->cp_of[face][g] = (uint32_t)cp;
	}
	return g;
}

void pc_draw_text(struct pc_layout *L, int page, float x, float y, int face, float size,
		  struct pc_rgb c, const char *utf8)
{
	size_t n = strlen(utf8), i = 0, k = 0;
	uint16_t *g = pc_arena_alloc(&L->pages[page].mem, (n + 1) * sizeof(*g));
	while (i < n) {
		int32_t cp = pc_u8(utf8, n, &i);
		if (cp >= 0)
			g[k++] = use_glyph(L, face, cp);
	}
	struct pc_op *o = add_op(L, page);
	o->kind = OP_TEXT;
	o->x = x;
	o->y = y;
	o->size = size;
	o->face = face;
	o->color = c;
	o->gids = g;
	o->n = k;
}

void pc_draw_line(struct pc_layout *L, int page, float x0, float y0, float x1, float y1, float w,
		  struct pc_rgb c)
{
	struct pc_op *o = add_op(L, page);
	o->kind = OP_LINE;
	o->x = x0;
	o->y = y0;
	o->w = x1 - x0;
	o->h = y1 - y0;
	o->width = w;
	o->color = c;
}

void pc_draw_rect(struct pc_layout *L, int page, float x, float y, float w, float h, float lw,
		  struct pc_rgb c, bool fill)
{
	struct pc_op *o = add_op(L, page);
	o->kind = fill ? OP_FILL : OP_RECT;
	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->width = lw;
	o->color = c;
}

int pc_lay_dest_at(struct pc_layout *L, int page, float y)
{
	L->dests = pc_grow(&L->arena, L->dests, &L->capdests, L->ndests + 1, sizeof(*L->dests));
	L->dests[L->ndests] = (struct pc_dest){page, y};
	return (int)L->ndests++;
}

int pc_lay_dest(struct pc_layout *L)
{
	if (L->page < 0)
		pc_lay_newpage(L);
	return pc_lay_dest_at(L, L->page, L->y + 12);
}

void pc_lay_outline(struct pc_layout *L, int level, const char *title, int dest)
{
	L->outline = pc_grow(&L->arena, L->outline, &L->capoutline, L->noutline + 1, sizeof(*L->outline));
	L->outline[L->noutline++] = (struct pc_outline){level, pc_arena_strdup(&L->arena, title), dest};
}

struct pc_annot *pc_lay_annot(struct pc_layout *L, enum pc_annkind k, int page)
{
	L->annots = pc_grow(&L->arena, L->annots, &L->capannots, L->nannots + 1, sizeof(*L->annots));
	struct pc_annot *a = &L->annots[L->nannots++];
	memset(a, 0, sizeof(*a));
	a->kind = k;
	a->page = page;
	a->dest = -1;
	return a;
}

struct pc_annot *pc_lay_marker(struct pc_layout *L, int page, float x, float y, float size, struct pc_rgb c,
			       const char *text)
{
	size_t n = strlen(text), i = 0, k = 0;
	uint16_t *g = pc_arena_alloc(&L->arena, (n + 1) * sizeof(*g));
	while (i < n) {
		int32_t cp = pc_u8(text, n, &i);
		if (cp >= 0)
			g[k++] = (uint16_t)pc_cp_glyph(L->fonts, PC_GOTHIC, cp);   /* drawn as outlines */
	}
	struct pc_annot *a = pc_lay_annot(L, AN_MARKER, page);
	float w = 0;
	for (size_t q = 0; q < k; q++)
		w += (float)pc_glyph_advance(L->fonts, PC_GOTHIC, g[q]) * size / (float)L->fonts->upem[PC_GOTHIC];
	/* the rectangle holds the number with a point to spare around it */
	a->x0 = x - 1;
	a->y0 = y - 2;
	a->x1 = x + w + 1;
	a->y1 = y + size;
	a->text = pc_arena_strdup(&L->arena, text);
	a->color = c;
	a->size = size;
	a->gids = g;
	a->ngids = k;
	return a;
}

/* ---- tracking source spans --------------------------------------------------- */

/* a span this long is checked on every line; shorter ones are found by
 * their start near the line's */
#define SHORT_SPAN 4096
/* a span drawn nowhere is marked at the first character drawn this far
 * after its start */
#define NEAR 400

void pc_lay_track(struct pc_layout *L, size_t n, const size_t *start, const size_t *end)
{
	L->track = pc_arena_alloc(&L->arena, (n + 1) * sizeof(*L->track));
	L->track_order = pc_arena_alloc(&L->arena, (n + 1) * sizeof(size_t));
	L->long_spans = pc_arena_alloc(&L->arena, (n + 1) * sizeof(size_t));
	L->ntrack = n;
	L->nshort = L->nlong = 0;
	for (size_t i = 0; i < n; i++) {
		struct pc_track *t = &L->track[i];
		t->start = start[i];
		t->end = end[i] > start[i] ? end[i] : start[i] + 1;
		if (t->end - t->start > SHORT_SPAN)
			L->long_spans[L->nlong++] = i;
		else
			L->track_order[L->nshort++] = i;
	}
	/* by start: findings come sorted by position already, so an
	 * insertion sort does next to nothing */
	for (size_t i = 1; i < L->nshort; i++)
		for (size_t k = i; k > 0 && L->track[L->track_order[k - 1]].start > L->track[L->track_order[k]].start;
		     k--) {
			size_t tmp = L->track_order[k];
			L->track_order[k] = L->track_order[k - 1];
			L->track_order[k - 1] = tmp;
		}
}

static void track_line(struct pc_layout *L, struct pc_track *t, int page, float y, float size,
		       const size_t *src, const float *xs, size_t n)
{
	size_t a = (size_t)-1, b = 0, near = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t o = src[i];
		if (o == PC_NOSRC)
			continue;
		if (o >= t->start && o < t->end) {
			if (a == (size_t)-1)
				a = i;
			b = i;
		}
		if (near == (size_t)-1 && o >= t->start && o < t->start + NEAR)
			near = i;
	}
	float y0 = y - size * 0.16f, y1 = y + size * 0.90f;
	if (a != (size_t)-1) {
		size_t k = t->npieces;
		if (k < PC_TRACK_PIECES) {
			/* most spans lie on a line or two: room doubles as they
			 * need it (PC_TRACK_PIECES is a power of two) */
			if ((k & (k - 1)) == 0) {
				struct pc_piece *np = pc_arena_alloc(&L->arena, (k ? 2 * k : 1) * sizeof(*np));
				if (k)
					memcpy(np, t->pieces, k * sizeof(*np));
				t->pieces = np;
			}
			t->pieces[k] = (struct pc_piece){page, xs[a], y0, xs[b + 1], y1};
		}
		t->npieces++;
	}
	if (near != (size_t)-1 && !t->near) {
		t->near = true;
		t->nearest = (struct pc_piece){page, xs[near], y0, xs[near + 1], y1};
	}
}

/* the tracked spans this line holds (or is the nearest drawing of) */
static void track(struct pc_layout *L, int page, float y, float size, const size_t *src, const float *xs, size_t n)
{
	size_t lo = (size_t)-1, hi = 0;
	for (size_t i = 0; i < n; i++)
		if (src[i] != PC_NOSRC) {
			lo = src[i] < lo ? src[i] : lo;
			hi = src[i] > hi ? src[i] : hi;
		}
	if (lo == (size_t)-1)
		return;
	for (size_t k = 0; k < L->nlong; k++)
		track_line(L, &L->track[L->long_spans[k]], page, y, size, src, xs, n);
	/* short spans starting in [lo - SHORT_SPAN, hi]: the first by binary
	 * search, then in order */
	size_t from = lo > SHORT_SPAN ? lo - SHORT_SPAN : 0, l = 0, r = L->nshort;
	while (l < r) {
		size_t m = (l + r) / 2;
		if (L->track[L->track_order[m]].start < from)
			l = m + 1;
		else
			r = m;
	}
	for (size_t k = l; k < L->nshort; k++) {
		struct pc_track *t = &L->track[L->track_order[k]];
		if (t->start > hi)
			break;
		if (t->end > lo || t->start + NEAR > lo)
			track_line(L, t, page, y, size, src, xs, n);
	}
}

/* ---- text ------------------------------------------------------------------ */

void pc_text_add(struct pc_layout *L, struct pc_text *t, const char *s, size_t n, size_t src)
{
	size_t i = 0;
	/* room for all of s at once: one growth per call, not per character */
	size_t need = t->n + n, cap = t->cap;
	t->cps = pc_grow(L->scratch, t->cps, &cap, need, sizeof(*t->cps));
	t->src = pc_grow(L->scratch, t->src, &t->cap, need, sizeof(*t->src));
	while (i < n) {
		size_t at = i;
		int32_t cp = pc_u8(s, n, &i);
		if (cp < 0 || cp == '\r' || cp == '\n')
			continue;   /* a paragraph's line ends join (Japanese has no spaces) */
		if (cp == '\t')
			cp = ' ';
		t->cps[t->n] = cp;
		t->src[t->n++] = src == PC_NOSRC ? PC_NOSRC : src + at;
	}
}

void pc_text_add_plain(struct pc_layout *L, struct pc_text *t, const char *s)
{
	pc_text_add(L, t, s, strlen(s), PC_NOSRC);
}

static bool is_digit_cp(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == ',' || c == 0xFF0C ||
	       c == '.' || c == 0xFF0E;
}

static bool is_numunit(int32_t c)
{
	return c == 0x4E07 || c == 0x5104 || c == 0x5343 || c == 0x5146 || c == 0x767E ||   /* 万億千兆百 */
	       c == 0x5186 || c == '%' || c == 0xFF05 || c == 0x5E74 || c == 0x6708 || c == 0x65E5 ||   /* 円 % 年月日 */
	       c == 0x4EBA || c == 0x540D || c == 0x500B || c == 0x53F0 || c == 0x56DE;   /* 人名個台回 */
}

static bool is_kata(int32_t c)
{
	return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || (c >= 0xFF66 && c <= 0xFF9F);
}

/* break opportunities: brk[p] = a line may start at p */
static void breaks(struct pc_layout *L, const int32_t *cps, size_t n, uint8_t *brk, bool cell)
{
	UErrorCode st = U_ZERO_ERROR;
	if (n + 1 > L->capu16) {
		L->capu16 = n + 64;
		L->u16 = realloc(L->u16, L->capu16 * sizeof(*L->u16));
		if (!L->u16)
			abort();
	}
	for (size_t i = 0; i < n; i++)
		L->u16[i] = (uint16_t)(cps[i] > 0xFFFF ? 0x3013 : cps[i]);
	if (!L->brk)
		L->brk = ubrk_open(UBRK_LINE, "ja@lb=strict", (const UChar *)L->u16, (int32_t)n, &st);
	else
		ubrk_setText((UBreakIterator *)L->brk, (const UChar *)L->u16, (int32_t)n, &st);
	memset(brk, 0, n + 1);
	if (U_FAILURE(st) || !L->brk) {
		for (size_t i = 0; i <= n; i++)
			brk[i] = 1;   /* no ICU data: any position (never seen on Debian) */
		return;
	}
	for (int32_t p = ubrk_first((UBreakIterator *)L->brk); p != UBRK_DONE; p = ubrk_next((UBreakIterator *)L->brk))
		if (p >= 0 && (size_t)p <= n)
			brk[p] = 1;
	/* 3,000万円, 1億2,000万円, 25.7%, 2023年4月: keep the amount whole */
	for (size_t p = 1; p < n; p++) {
		int32_t a = cps[p - 1], b = cps[p];
		if ((is_digit_cp(a) && (is_numunit(b) || is_digit_cp(b))) ||
		    ((a == 0x4E07 || a == 0x5104 || a == 0x5343 || a == 0x5146 || a == 0x767E) &&
		     (b == 0x5186 || is_digit_cp(b))))
			brk[p] = 0;
		/* in a narrow table cell a katakana word stays whole
		 * (マシニングセンタ, not マシニングセン/タ) */
		else if (cell && is_kata(a) && is_kata(b))
			brk[p] = 0;
	}
	/* and a short bracketed note stays whole: 2023年度 / （基準年度）,
	 * not 2023年度（基準年 / 度） */
	for (size_t p = 0; cell && p < n; p++) {
		if (cps[p] != 0xFF08 && cps[p] != '(')
			continue;
		size_t q = p + 1;
		while (q < n && q <= p + 9 && cps[q] != 0xFF09 && cps[q] != ')')
			q++;
		if (q < n && q <= p + 9)
			for (size_t k = p + 1; k <= q; k++)
				brk[k] = 0;
	}
}

/* a character of a number or a Latin word */
static bool word_cp(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ',' || c == '.' ||
	       (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	       c == 0xFF0C || c == 0xFF0E;
}

static bool hangs(int32_t c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E;   /* 、。，． */
}

/* lay out lines of t into width w; calls emit for each [a, b) */
struct line_ctx {
	struct pc_layout *L;
	const struct pc_text *t;
	const struct pc_para_style *st;
	int page;
	float x, y, w;
	bool dry, flow;
	float used;
	size_t lines;
};

static void emit_line(struct line_ctx *c, size_t a, size_t b, bool first, bool last)
{
	struct pc_layout *L = c->L;
	const struct pc_para_style *st = c->st;
	float lh = st->size * st->leading;
	if (c->flow) {
		if (L->page < 0 || L->y - lh < L->mb)
			pc_lay_newpage(L);
		c->page = L->page;
		c->y = L->y;
		L->y -= lh;
	}
	float baseline = c->y - st->size * 0.88f - (lh - st->size) * 0.5f;
	if (!c->flow)
		c->y -= lh;
	c->used += lh;
	if (c->dry)
		return;
	float x0 = c->x + (first ? st->first : 0);
	float lw = 0;
	for (size_t i = a; i < b; i++)
		lw += pc_cp_advance(L->fonts, st->face, st->size, c->t->cps[i]);
	float avail = c->w - (first ? st->first : 0);
	if (st->center && lw < avail)
		x0 += (avail - lw) / 2;
	else if (st->right_align && lw < avail)
		x0 += avail - lw;
	size_t n = b - a;
	/* 均等: a line that is not the paragraph's last fills the measure,
	 * the space spread between its characters; a 、。 hanging in the
	 * margin stays there */
	float cs = 0;
	uint8_t *spread = NULL;
	if (st->justify && !last && !st->center && !st->right_align && n > 1) {
		float body = lw;
		size_t end = n - 1;   /* the last character the measure counts */
		while (end > 0 && c->t->cps[a + end] == ' ') {
			body -= pc_cp_advance(L->fonts, st->face, st->size, ' ');
			end--;
		}
		if (body > avail && end > 1 && hangs(c->t->cps[a + end])) {
			body -= pc_cp_advance(L->fonts, st->face, st->size, c->t->cps[a + end]);
			end--;
		}
		/* the space goes between characters a line may part, not inside
		 * a number or a Latin word (2020 stays 2020) */
		spread = pc_arena_alloc(&L->pages[c->page].mem, n);
		size_t gaps = 0;
		for (size_t i = 0; i < end; i++)
			if (!(word_cp(c->t->cps[a + i]) && word_cp(c->t->cps[a + i + 1]))) {
				spread[i] = 1;
				gaps++;
			}
		if (gaps > 0 && body < avail) {
			/* at most 0.09 em a gap: wider, and text extraction
			 * (poppler's word breaks start at 0.1 em) puts spaces
			 * into the copied text; a line that needs more is
			 * filled that far */
			cs = (avail - body) / (float)gaps;
			if (cs > st->size * 0.09f)
				cs = st->size * 0.09f;
		}
		if (cs == 0)
			spread = NULL;
	}
	if (n + 1 > L->capxs) {
		L->capxs = n + 64;
		L->xs = realloc(L->xs, L->capxs * sizeof(*L->xs));
		if (!L->xs)
			abort();
	}
	uint16_t *g = pc_arena_alloc(&L->pages[c->page].mem, (n + 1) * sizeof(*g));
	float x = x0;
	for (size_t i = a; i < b; i++) {
		int32_t cp = c->t->cps[i];
		L->xs[i - a] = x;
		x += pc_cp_advance(L->fonts, st->face, st->size, cp) + (spread && spread[i - a] ? cs : 0);
		g[i - a] = use_glyph(L, st->face, cp);
	}
	L->xs[n] = x;
	struct pc_op *o = add_op(L, c->page);
	o->kind = OP_TEXT;
	o->x = x0;
	o->y = baseline;
	o->size = st->size;
	o->face = st->face;
	o->color = st->color;
	o->gids = g;
	o->n = n;
	o->cs = cs;
	o->spread = spread;
	if (c->lines++ == 0) {
		L->para_page = c->page;
		L->para_y = baseline;
	}
	L->nlines++;
	if (L->ntrack)
		track(L, c->page, baseline, st->size, c->t->src + a, L->xs, n);
	if (L->dump) {
		char u[8];
		for (size_t i = a; i < b; i++)
			fwrite(u, 1, pc_utf8_put(u, c->t->cps[i] > 0xFFFF ? 0x3013 : c->t->cps[i]), L->dump);
		fputc('\n', L->dump);
	}
}

static void flow_lines(struct line_ctx *c)
{
	const struct pc_text *t = c->t;
	const struct pc_para_style *st = c->st;
	size_t n = t->n;
	if (n == 0)
		return;
	uint8_t *brk = malloc(n + 1);
	if (!brk)
		abort();
	breaks(c->L, t->cps, n, brk, st->cell);
	size_t i = 0;
	bool first = true;
	while (i < n) {
		float maxw = c->w - (first ? st->first : 0);
		float w = 0;
		size_t j = i, last = 0;
		while (j < n) {
			float adv = pc_cp_advance(c->L->fonts, st->face, st->size, t->cps[j]);
			if (brk[j] && j > i)
				last = j;
			if (w + adv > maxw && j > i) {
				if (hangs(t->cps[j]) && (j + 1 == n || brk[j + 1])) {
					j++;   /* ぶら下げ: 、。 hang in the margin */
				} else if (last > i)
					j = last;
				/* else: one unbreakable run wider than the line; cut */
				break;
			}
			w += adv;
			j++;
		}
		size_t next = j;
		while (next < n && t->cps[next] == ' ')
			next++;
		emit_line(c, i, j, first, next >= n);
		first = false;
		i = next;
	}
	free(brk);
}

void pc_lay_para(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st)
{
	struct line_ctx c = {L, t, st, 0, L->ml + st->indent, 0, L->pw - L->ml - L->mr - st->indent - st->right,
			     false, true, 0, 0};
	flow_lines(&c);
}

void pc_lay_list_item(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st,
		      const char *line, size_t len)
{
	size_t first = L->nlines;
	pc_lay_para(L, t, st);
	if (L->nlines == first)
		return;
	size_t k = 0;
	while (k < len && line[k] >= '0' && line[k] <= '9')
		k++;
	const char *m = k > 0 && k < len && (line[k] == '.' || line[k] == ')') ? pc_arena_strndup(L->scratch, line, k + 1)
									       : "・";
	pc_draw_text(L, L->para_page, L->ml + 1, L->para_y, st->face, st->size, st->color, m);
}

float pc_lay_box(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st,
		 int page, float x, float y, float w, bool dry)
{
	struct line_ctx c = {L, t, st, page, x, y, w, dry, false, 0, 0};
	flow_lines(&c);
	return c.used;
}

/* ---- tables ---------------------------------------------------------------- */

static float single_width(struct pc_layout *L, const struct pc_text *t, int face, float size)
{
	float w = 0;
	for (size_t i = 0; i < t->n; i++)
		w += pc_cp_advance(L->fonts, face, size, t->cps[i]);
	return w;
}

struct cells_ctx {
	struct pc_text *cells;
	size_t ncols;
};

static void fill_from_array(struct pc_layout *L, void *ctx, size_t row, struct pc_text *out)
{
	(void)L;
	const struct cells_ctx *c = ctx;
	memcpy(out, &c->cells[row * c->ncols], c->ncols * sizeof(*out));
}

void pc_lay_table(struct pc_layout *L, struct pc_text *cells, size_t nrows,
		  const struct pc_table_spec *spec)
{
	struct cells_ctx c = {cells, spec->ncols};
	pc_lay_table_rows(L, nrows, spec, fill_from_array, &c);
}

/* one row's cells from fill, in the row scratch space */
static void get_row(struct pc_layout *L, pc_row_fn fill, void *ctx, size_t r, struct pc_text *cells, size_t nc)
{
	pc_arena_reset(&L->rowtmp);
	memset(cells, 0, nc * sizeof(*cells));
	struct pc_arena *was = L->scratch;
	L->scratch = &L->rowtmp;
	fill(L, ctx, r, cells);
	L->scratch = was;
}

/* the widest run of t no line may break (a word, a number, a katakana
 * word), at size 1 */
static float longest_run(struct pc_layout *L, const struct pc_text *t, int face)
{
	if (!t->n)
		return 0;
	uint8_t *brk = malloc(t->n + 1);
	if (!brk)
		abort();
	breaks(L, t->cps, t->n, brk, true);
	float best = 0, run = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (brk[i] && i) {
			best = run > best ? run : best;
			run = 0;
		}
		if (t->cps[i] != ' ')
			run += pc_cp_advance(L->fonts, face, 1, t->cps[i]);
	}
	free(brk);
	return run > best ? run : best;
}

/* a cell that holds a number (12,400 / ▲3.5% / 1億2,000万円 / 26人 / —) */
static bool numeric_cell(const struct pc_text *t)
{
	size_t i = 0, n = t->n, digits = 0;
	while (i < n && t->cps[i] == ' ')
		i++;
	while (n > i && t->cps[n - 1] == ' ')
		n--;
	if (i == n)
		return true;   /* empty */
	if (n - i == 1 && (t->cps[i] == 0x2014 || t->cps[i] == '-' || t->cps[i] == 0x2015))
		return true;   /* — for nothing */
	static const int32_t lead[] = {'-', '+', 0x2212, 0x25B2, 0x25B3, 0xA5, 0xFFE5, '$'};   /* − ▲ △ ¥ ￥ */
	for (size_t k = 0; k < PC_ARRAY_LEN(lead); k++)
		if (t->cps[i] == lead[k]) {
			i++;
			break;
		}
	for (; i < n; i++) {
		int32_t c = t->cps[i];
		if (is_digit_cp(c))
			digits += (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
		else if (c == 0x5146 || c == 0x5104 || c == 0x4E07 || c == 0x5343)   /* 兆億万千 inside */
			continue;
		else
			break;
	}
	if (!digits)
		return false;
	/* then at most a unit */
	static const char *const units[] = {"", "円", "%", "％", "人", "名", "件", "台", "倍", "社", "回", "年", "か月",
					    "ヶ月", "日", "t", "kg", "m", "㎡", "時間"};
	char u[32];
	size_t ul = 0;
	for (; i < n && ul + 4 < sizeof(u); i++)
		ul += pc_utf8_put(u + ul, t->cps[i]);
	u[ul] = '\0';
	if (i < n)
		return false;
	for (size_t k = 0; k < PC_ARRAY_LEN(units); k++)
		if (!strcmp(u, units[k]))
			return true;
	return false;
}

void pc_lay_table_rows(struct pc_layout *L, size_t nrows, const struct pc_table_spec *spec, pc_row_fn fill,
		       void *ctx)
{
	size_t nc = spec->ncols;
	const float pad = 3.5f, W = L->pw - L->ml - L->mr;
	float *nat = calloc(nc, sizeof(float)), *w = calloc(nc, sizeof(float)), *minw = calloc(nc, sizeof(float));
	int *right = calloc(nc, sizeof(int));
	struct pc_text *row = calloc(nc, sizeof(*row)), *head = calloc(nc, sizeof(*head));
	if (!nat || !w || !minw || !right || !row || !head)
		abort();
	/* per column, at size 1: what the body cells take on one line, and
	 * the longest unbreakable run of any cell (the header's too: a header
	 * wraps, it does not set the width) */
	for (size_t k = 0; k < nc; k++)
		right[k] = spec->align_right ? spec->align_right[k] : 1;
	for (size_t r = 0; r < nrows; r++) {
		get_row(L, fill, ctx, r, row, nc);
		bool hd = r == 0 && spec->header;
		int face = hd ? PC_GOTHIC : spec->face;
		for (size_t k = 0; k < nc; k++) {
			/* a short header (警告, 金額) stays on one line, a longer one
			 * takes at most two (該当する/計画書, not one character a
			 * line in a column of counts) */
			float run = longest_run(L, &row[k], face);
			if (hd) {
				float one = single_width(L, &row[k], face, 1);
				float two = row[k].n <= 6 ? one : one * (float)((row[k].n + 1) / 2) / (float)row[k].n;
				run = two > run ? two : run;
			}
			minw[k] = run > minw[k] ? run : minw[k];
			if (hd)
				continue;
			float one = single_width(L, &row[k], face, 1);
			nat[k] = one > nat[k] ? one : nat[k];
			if (!spec->align_right && !numeric_cell(&row[k]))
				right[k] = 0;
		}
	}
	if (nrows <= (spec->header ? 1u : 0u))
		for (size_t k = 0; k < nc; k++)
			right[k] = spec->align_right ? spec->align_right[k] : 0;
	/* the size: the one asked for, or smaller when the words of the
	 * columns do not fit side by side (never under 6 points) */
	float size = spec->size, words = 0;
	for (size_t k = 0; k < nc; k++)
		words += minw[k] * size + 2 * pad + 1;
	if (words > W) {
		float fixed = (float)nc * (2 * pad + 1), sum = 0;
		for (size_t k = 0; k < nc; k++)
			sum += minw[k];
		size = sum > 0 ? (W - fixed) / sum : size;
		size = size < 6 ? 6 : size > spec->size ? spec->size : size;
	}
	float want_sum = 0, min_sum = 0;
	for (size_t k = 0; k < nc; k++) {
		minw[k] = minw[k] * size + 2 * pad + 1;
		nat[k] = nat[k] * size + 2 * pad + 1;
		if (nat[k] < minw[k])
			nat[k] = minw[k];
		want_sum += nat[k];
		min_sum += minw[k];
	}
	if (want_sum <= W) {
		/* everything fits on one line: the room left is shared evenly */
		for (size_t k = 0; k < nc; k++)
			w[k] = nat[k] + (W - want_sum) / (float)nc;
	} else if (min_sum <= W) {
		/* fair shares: a column that wants less than its share has what
		 * it wants (a verdict or a count stays on one line), never less
		 * than its longest word; what they leave goes to the columns that
		 * want more, in proportion to what they lack */
		float used = 0;
		for (size_t k = 0; k < nc; k++) {
			float share = W / (float)nc;
			w[k] = nat[k] < share ? nat[k] : share;
			if (w[k] < minw[k])
				w[k] = minw[k];
			used += w[k];
		}
		if (used > W) {
			/* the words alone take most of it: each its words, the
			 * rest by what it lacks */
			used = 0;
			for (size_t k = 0; k < nc; k++)
				used += w[k] = minw[k];
		}
		for (int round = 0; round < 4 && used < W - 0.5f; round++) {
			float lack = 0;
			for (size_t k = 0; k < nc; k++)
				lack += nat[k] - w[k];
			if (lack <= 0.5f)
				break;
			float spare = W - used;
			used = 0;
			for (size_t k = 0; k < nc; k++) {
				w[k] += spare * (nat[k] - w[k]) / lack;
				if (w[k] > nat[k])
					w[k] = nat[k];
				used += w[k];
			}
		}
		for (size_t k = 0; k < nc && used < W - 0.5f; k++)
			w[k] += (W - used) / (float)nc;   /* rounding left over */
	} else {
		/* 6 points and still too wide: in proportion to the words (a
		 * word is cut only here) */
		for (size_t k = 0; k < nc; k++)
			w[k] = W * minw[k] / min_sum;
	}
	/* the header row, kept (with no source offsets) to repeat on every
	 * page the table continues on */
	if (spec->header && nrows) {
		get_row(L, fill, ctx, 0, row, nc);
		for (size_t k = 0; k < nc; k++) {
			head[k].cps = pc_arena_alloc(&L->arena, (row[k].n + 1) * sizeof(int32_t));
			head[k].src = pc_arena_alloc(&L->arena, (row[k].n + 1) * sizeof(size_t));
			if (row[k].n) memcpy(head[k].cps, row[k].cps, row[k].n * sizeof(int32_t));
			for (size_t i = 0; i < row[k].n; i++)
				head[k].src[i] = PC_NOSRC;
			head[k].n = head[k].cap = row[k].n;
		}
	}
	struct pc_rgb black = {0, 0, 0}, grid = {0.45f, 0.45f, 0.45f}, shade = {0.90f, 0.92f, 0.95f};
	for (size_t r = 0; r < nrows; r++) {
		get_row(L, fill, ctx, r, row, nc);
		bool hd = r == 0 && spec->header;
		float h = 0;
		for (size_t k = 0; k < nc; k++) {
			struct pc_para_style st = {hd ? PC_GOTHIC : spec->face, size, 1.35f, 0, 0, 0, black,
						   false, false, false, true};
			float ch = pc_lay_box(L, &row[k], &st, 0, 0, 0, w[k] - 2 * pad, true);
			if (ch > h)
				h = ch;
		}
		if (h < size * 1.35f)
			h = size * 1.35f;
		h += 2 * pad;
		bool newpage = L->page < 0 || L->y - h < L->mb;
		if (newpage)
			pc_lay_newpage(L);
		/* a table continued on a new page repeats its header */
		if (newpage && r > 0 && spec->header) {
			float hh = 0;
			struct pc_para_style st = {PC_GOTHIC, size, 1.35f, 0, 0, 0, black, false, false, false, true};
			for (size_t k = 0; k < nc; k++) {
				float ch = pc_lay_box(L, &head[k], &st, 0, 0, 0, w[k] - 2 * pad, true);
				if (ch > hh)
					hh = ch;
			}
			hh += 2 * pad;
			float x = L->ml;
			pc_draw_rect(L, L->page, x, L->y - hh, W, hh, 0, shade, true);
			for (size_t k = 0; k < nc; k++) {
				pc_lay_box(L, &head[k], &st, L->page, x + pad, L->y - pad, w[k] - 2 * pad, false);
				pc_draw_rect(L, L->page, x, L->y - hh, w[k], hh, 0.5f, grid, false);
				x += w[k];
			}
			L->y -= hh;
		}
		float x = L->ml;
		if (hd)
			pc_draw_rect(L, L->page, x, L->y - h, W, h, 0, shade, true);
		float cx = x;
		for (size_t k = 0; k < nc; cx += w[k], k++)
			if (row[k].fill)
				pc_draw_rect(L, L->page, cx, L->y - h, w[k], h, 0, *row[k].fill, true);
		for (size_t k = 0; k < nc; k++) {
			struct pc_para_style st = {hd ? PC_GOTHIC : spec->face, size, 1.35f, 0, 0, 0,
						   row[k].color ? *row[k].color : black, false, !hd && right[k], false, true};
			pc_lay_box(L, &row[k], &st, L->page, x + pad, L->y - pad, w[k] - 2 * pad, false);
			pc_draw_rect(L, L->page, x, L->y - h, w[k], h, 0.5f, grid, false);
			if (row[k].link) {
				struct pc_annot *a = pc_lay_annot(L, AN_FILE, L->page);
				a->x0 = x;
				a->y0 = L->y - h;
				a->x1 = x + w[k];
				a->y1 = L->y;
				a->text = pc_arena_strdup(&L->arena, row[k].link);
			}
			x += w[k];
		}
		L->y -= h;
	}
	pc_arena_reset(&L->rowtmp);
	free(nat);
	free(w);
	free(minw);
	free(right);
	free(row);
	free(head);
}
