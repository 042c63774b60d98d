/*
 * layout.c - flowing text onto A4 pages.  Widths come from the full IPAex
 * fonts through HarfBuzz (the PDF embeds a subset later, with the same
 * advances); line breaks come from ICU's line break iterator with the
 * Japanese strict rules (ja@lb=strict: no line starts with 、。）」ー or a
 * small kana, none ends with （「), plus two rules of our own: an amount
 * such as 3,000万円 is never split, and 、。 may hang past the margin
 * (ぶら下げ) rather than push a word down.  The result is a display list
 * and a list of laid-out lines with the source offset of every character.
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
	unsigned upem[PC_NFACES];
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

/* the face's hb_face, for the subsetter in pdf_render.c */
void *pc_fonts_hb_face(const struct pc_fonts *f, int face);
void *pc_fonts_hb_face(const struct pc_fonts *f, int face)
{
	return f->face[face];
}

float pc_cp_advance(const struct pc_fonts *f, int face, float size, int32_t cp)
{
	hb_codepoint_t g;
	if (cp > 0xFFFF)
		cp = 0x3013;   /* 〓: libharu draws the BMP only; the finding says so */
	if (!hb_font_get_nominal_glyph(f->font[face], (hb_codepoint_t)cp, &g))
		return size * 0.5f;
	return (float)hb_font_get_glyph_h_advance(f->font[face], g) * size / (float)f->upem[face];
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

static void layout_init(struct pc_layout *L, const struct pc_fonts *f)
{
	memset(L, 0, sizeof(*L));
	L->fonts = f;
	L->pw = 595.276f;   /* A4 */
	L->ph = 841.89f;
	L->ml = L->mr = 62;
	L->mt = 64;
	L->mb = 62;
	L->page = -1;
	L->footer_numbers = true;
}

int pc_layout_open(struct pc_layout *L, char *err, size_t errlen)
{
	char *ferr = NULL;
	const struct pc_fonts *f = pc_fonts_load(&ferr);
	if (!f) {
		snprintf(err, errlen, "%s", ferr);
		return -1;
	}
	layout_init(L, f);
	return 0;
}

void pc_layout_release(struct pc_layout *L)
{
	if (L->brk)
		ubrk_close((UBreakIterator *)L->brk);
	free(L->u16);
	free(L->ops);
	free(L->nops);
	free(L->capops);
	pc_arena_release(&L->arena);
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
	const char *m = k > 0 && k < len && (line[k] == '.' || line[k] == ')') ? pc_arena_strndup(&L->arena, line, k + 1)
									       : "・";
	pc_draw_text(L, L->lines[first].page, L->ml + 1, L->lines[first].y, st->face, st->size, st->color, m);
}

void pc_lay_newpage(struct pc_layout *L)
{
	if (L->npages == L->cappages) {
		size_t cap = L->cappages ? L->cappages * 2 : 8;
		L->ops = realloc(L->ops, cap * sizeof(*L->ops));
		L->nops = realloc(L->nops, cap * sizeof(*L->nops));
		L->capops = realloc(L->capops, cap * sizeof(*L->capops));
		if (!L->ops || !L->nops || !L->capops)
			abort();
		L->cappages = cap;
	}
	L->ops[L->npages] = NULL;
	L->nops[L->npages] = L->capops[L->npages] = 0;
	L->page = (int)L->npages++;
	L->y = L->ph - L->mt;
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
	size_t p = (size_t)page;
	L->ops[p] = pc_grow(&L->arena, L->ops[p], &L->capops[p], L->nops[p] + 1, sizeof(struct pc_op));
	struct pc_op *o = &L->ops[p][L->nops[p]++];
	memset(o, 0, sizeof(*o));
	return o;
}

static void mark_used(struct pc_layout *L, int face, int32_t cp)
{
	if (cp > 0xFFFF)
		cp = 0x3013;
	if (cp >= 0)
		L->used[face][cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

void pc_draw_text(struct pc_layout *L, int page, float x, float y, int face, float size,
		  struct pc_rgb c, const char *utf8)
{
	struct pc_op *o = add_op(L, page);
	o->kind = OP_TEXT;
	o->x = x;
	o->y = y;
	o->size = size;
	o->face = face;
	o->color = c;
	o->text = pc_arena_strdup(&L->arena, utf8);
	size_t i = 0, n = strlen(utf8);
	while (i < n)
		mark_used(L, face, pc_u8(utf8, n, &i));
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

/* ---- text ------------------------------------------------------------------ */

void pc_text_add(struct pc_layout *L, struct pc_text *t, const char *s, size_t n, size_t src)
{
	size_t i = 0;
	while (i < n) {
		size_t at = i;
		int32_t cp = pc_u8(s, n, &i);
		if (cp < 0 || cp == '\r' || cp == '\n')
			continue;   /* a paragraph's line ends join (Japanese has no spaces) */
		if (cp == '\t')
			cp = ' ';
		size_t cap = t->cap;
		t->cps = pc_grow(&L->arena, t->cps, &cap, t->n + 1, sizeof(*t->cps));
		t->src = pc_grow(&L->arena, t->src, &t->cap, t->n + 1, sizeof(*t->src));
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

/* break opportunities: brk[p] = a line may start at p */
static void breaks(struct pc_layout *L, const int32_t *cps, size_t n, uint8_t *brk)
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
	}
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
};

static void emit_line(struct line_ctx *c, size_t a, size_t b, bool first)
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
	struct pc_tline *tl;
	L->lines = pc_grow(&L->arena, L->lines, &L->caplines, L->nlines + 1, sizeof(*L->lines));
	tl = &L->lines[L->nlines++];
	tl->page = c->page;
	tl->y = baseline;
	tl->size = st->size;
	tl->face = st->face;
	tl->n = b - a;
	tl->cps = pc_arena_alloc(&L->arena, (tl->n + 1) * sizeof(*tl->cps));
	tl->src = pc_arena_alloc(&L->arena, (tl->n + 1) * sizeof(*tl->src));
	tl->xs = pc_arena_alloc(&L->arena, (tl->n + 1) * sizeof(*tl->xs));
	char *utf = pc_arena_alloc(&L->arena, tl->n * 4 + 1);
	size_t u = 0;
	float x = x0;
	for (size_t i = a; i < b; i++) {
		int32_t cp = c->t->cps[i];
		tl->cps[i - a] = cp;
		tl->src[i - a] = c->t->src[i];
		tl->xs[i - a] = x;
		x += pc_cp_advance(L->fonts, st->face, st->size, cp);
		u += pc_utf8_put(utf + u, cp > 0xFFFF ? 0x3013 : cp);
		mark_used(L, st->face, cp);
	}
	tl->xs[tl->n] = x;
	utf[u] = '\0';
	struct pc_op *o = add_op(L, c->page);
	o->kind = OP_TEXT;
	o->x = x0;
	o->y = baseline;
	o->size = st->size;
	o->face = st->face;
	o->color = st->color;
	o->text = utf;
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
	breaks(c->L, t->cps, n, brk);
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
		emit_line(c, i, j, first);
		first = false;
		i = j;
		while (i < n && t->cps[i] == ' ')
			i++;
	}
	free(brk);
}

void pc_lay_para(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st)
{
	struct line_ctx c = {L, t, st, 0, L->ml + st->indent, 0, L->pw - L->ml - L->mr - st->indent - st->right,
			     false, true, 0};
	flow_lines(&c);
}

float pc_lay_box(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st,
		 int page, float x, float y, float w, bool dry)
{
	struct line_ctx c = {L, t, st, page, x, y, w, dry, false, 0};
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

void pc_lay_table(struct pc_layout *L, struct pc_text *cells, size_t nrows,
		  const struct pc_table_spec *spec)
{
	size_t nc = spec->ncols;
	const float pad = 3.5f, W = L->pw - L->ml - L->mr;
	float *nat = calloc(nc, sizeof(float)), *w = calloc(nc, sizeof(float));
	if (!nat || !w)
		abort();
	for (size_t r = 0; r < nrows; r++)
		for (size_t k = 0; k < nc; k++) {
			float cw = single_width(L, &cells[r * nc + k], r == 0 && spec->header ? PC_GOTHIC : spec->face,
						spec->size) + 2 * pad + 1;
			if (cw > nat[k])
				nat[k] = cw;
		}
	/* fair shares first; the space short columns leave goes to the
	 * columns that want more, in proportion to what they lack */
	float used = 0;
	for (size_t k = 0; k < nc; k++) {
		float share = spec->weights ? W * spec->weights[k] : W / (float)nc;
		w[k] = nat[k] < share ? nat[k] : share;
		used += w[k];
	}
	for (int round = 0; round < 3 && used < W - 0.5f; round++) {
		float want = 0;
		for (size_t k = 0; k < nc; k++)
			want += nat[k] - w[k];
		if (want <= 0.5f) {
			for (size_t k = 0; k < nc; k++)
				w[k] += (W - used) / (float)nc;   /* everything fits: spread */
			break;
		}
		float spare = W - used;
		used = 0;
		for (size_t k = 0; k < nc; k++) {
			float add = spare * (nat[k] - w[k]) / want;
			w[k] += add;
			if (w[k] > nat[k] && want > spare)
				w[k] = nat[k];
			used += w[k];
		}
	}
	struct pc_rgb black = {0, 0, 0}, grid = {0.45f, 0.45f, 0.45f}, shade = {0.90f, 0.92f, 0.95f};
	for (size_t r = 0; r < nrows; r++) {
		bool head = r == 0 && spec->header;
		float h = 0;
		for (size_t k = 0; k < nc; k++) {
			struct pc_para_style st = {head ? PC_GOTHIC : spec->face, spec->size, 1.35f, 0, 0, 0, black,
						   false, false};
			float ch = pc_lay_box(L, &cells[r * nc + k], &st, 0, 0, 0, w[k] - 2 * pad, true);
			if (ch > h)
				h = ch;
		}
		if (h < spec->size * 1.35f)
			h = spec->size * 1.35f;
		h += 2 * pad;
		bool newpage = L->page < 0 || L->y - h < L->mb;
		if (newpage)
			pc_lay_newpage(L);
		/* a table continued on a new page repeats its header */
		if (newpage && r > 0 && spec->header) {
			float hh = 0;
			for (size_t k = 0; k < nc; k++) {
				struct pc_para_style st = {PC_GOTHIC, spec->size, 1.35f, 0, 0, 0, black, false, false};
				float ch = pc_lay_box(L, &cells[k], &st, 0, 0, 0, w[k] - 2 * pad, true);
				if (ch > hh)
					hh = ch;
			}
			hh += 2 * pad;
			float x = L->ml;
			pc_draw_rect(L, L->page, x, L->y - hh, W, hh, 0, shade, true);
			for (size_t k = 0; k < nc; k++) {
				struct pc_para_style st = {PC_GOTHIC, spec->size, 1.35f, 0, 0, 0, black, false, false};
				struct pc_text plain = {0};
				for (size_t i = 0; i < cells[k].n; i++) {
					char u[8];
					size_t ul = pc_utf8_put(u, cells[k].cps[i]);
					pc_text_add(L, &plain, u, ul, PC_NOSRC);
				}
				pc_lay_box(L, &plain, &st, L->page, x + pad, L->y - pad, w[k] - 2 * pad, false);
				pc_draw_rect(L, L->page, x, L->y - hh, w[k], hh, 0.5f, grid, false);
				x += w[k];
			}
			L->y -= hh;
		}
		float x = L->ml;
		if (head)
			pc_draw_rect(L, L->page, x, L->y - h, W, h, 0, shade, true);
		for (size_t k = 0; k < nc; k++) {
			struct pc_para_style st = {head ? PC_GOTHIC : spec->face, spec->size, 1.35f, 0, 0, 0, black, false,
						   !head && spec->align_right && spec->align_right[k]};
			pc_lay_box(L, &cells[r * nc + k], &st, L->page, x + pad, L->y - pad, w[k] - 2 * pad, false);
			pc_draw_rect(L, L->page, x, L->y - h, w[k], h, 0.5f, grid, false);
			x += w[k];
		}
		L->y -= h;
	}
	free(nat);
	free(w);
}

/* ---- finding rectangles ------------------------------------------------------ */

size_t pc_lay_find(const struct pc_layout *L, size_t s, size_t e, struct pc_piece *out, size_t max)
{
	size_t n = 0;
	if (e <= s)
		e = s + 1;
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		for (size_t li = 0; li < L->nlines; li++) {
			const struct pc_tline *t = &L->lines[li];
			size_t a = (size_t)-1, b = 0;
			for (size_t i = 0; i < t->n; i++) {
				size_t o = t->src[i];
				if (o == PC_NOSRC)
					continue;
				bool in = pass == 0 ? (o >= s && o < e) : (o >= s && o < s + 400);
				if (in) {
					if (a == (size_t)-1)
						a = i;
					b = i;
					if (pass == 1)
						break;   /* the nearest following character */
				}
			}
			if (a == (size_t)-1)
				continue;
			if (n < max)
				out[n] = (struct pc_piece){t->page, t->xs[a], t->y - t->size * 0.16f, t->xs[b + 1],
							   t->y + t->size * 0.90f};
			n++;
			if (pass == 1)
				break;
		}
	}
	return n;
}

void pc_lay_dump_lines(const struct pc_layout *L, FILE *out)
{
	for (size_t li = 0; li < L->nlines; li++) {
		const struct pc_tline *t = &L->lines[li];
		char u[8];
		for (size_t i = 0; i < t->n; i++)
			fwrite(u, 1, pc_utf8_put(u, t->cps[i]), out);
		fputc('\n', out);
	}
}
