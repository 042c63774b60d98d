/*
 * pdf_render.c - layout.c's pages written as a PDF with libharu, the one
 * file that includes hpdf.h.  libharu holds the document's objects and
 * writes the file; the text is written here as glyph runs: the layout has
 * already looked every glyph up, so the page content gets their ids
 * directly (libharu's own text path searched the font's character map
 * again for every character, a quarter of a report's time).  Each font
 * is a Type0/CIDFontType2 built with libharu's object API: the face cut
 * down by HarfBuzz's subsetter to the glyphs drawn (CIDs are the full
 * font's glyph ids, mapped to the subset's by CIDToGIDMap), its widths,
 * and a ToUnicode map from the characters drawn, so copied text comes out
 * as written.  A page is written (and its content compressed) as soon as
 * the layout is done with it.  Marks print: every highlight, squiggly,
 * note and margin marker has the print flag and an appearance stream of
 * its own (poppler's print path and pdf.js's print intent draw only
 * those); links and pop-ups do not print.  The catalog has page labels,
 * /Lang and DisplayDocTitle.  libharu errors are recorded by the error
 * handler and reported, never longjmp'd.
 */
#include "layout.h"

#include <errno.h>
#include <fcntl.h>
#include <hb-subset.h>
#include <libdeflate.h>
#include <hb.h>
#include <hb-ot.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct hpdf_err {
	HPDF_STATUS no, detail;
	struct pc_pdf *pdf;             /* whose: a page's write hook finds it here */
};

struct pc_pdf {
	HPDF_Doc doc;
	struct hpdf_err he;
	HPDF_Page *pages;
	size_t npages, cappages;
	HPDF_Dict font[PC_NFACES];      /* Type0 fonts, made when first drawn */
	HPDF_Dict total;                /* form XObject: the number of pages */
	HPDF_ExtGState multiply;        /* highlights mark like a pen: text shows */
	struct pc_buf buf;              /* a content stream before compression */
	struct libdeflate_compressor *z[2];   /* by ZL_*: glyph data, page text */
	unsigned char *zout;
	size_t capzout;
	struct lazy *lz;                /* the marks' records (see annotations) */
	struct pc_buf lzbuf;            /* a mark's entries or data as it is saved */
	struct pc_buf txt;              /* and its contents */
	const struct lazy *lzcur;       /* whose deflated data zout holds */
	size_t lzlen, lzpos;
	uint32_t *annot_first, *annot_no;   /* each page's marks (object numbers):
					     * annot_no[annot_first[i] ..
					     * annot_first[i + 1]) */
	FILE *spool;                    /* written pages' content, till the save */
	uint64_t spooled;               /* its length */
	bool nospool;                   /* no temporary file: content in memory */
};

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	struct hpdf_err *e = data;
	if (!e->no) {   /* the first error is the cause */
		e->no = no;
		e->detail = detail;
	}
}

static struct pc_pdf *pdf_of(struct pc_layout *L)
{
	if (L->pdf)
		return L->pdf;
	struct pc_pdf *p = calloc(1, sizeof(*p));
	if (!p)
		abort();
	L->pdf = p;
	p->he.pdf = p;
	p->doc = HPDF_New(on_error, &p->he);
	if (!p->doc)
		return p;
	/* streams are compressed here, as they are written (page content,
	 * fonts) or by libharu for the small ones it holds (appearances) */
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_NONE);
	/* no libharu encoder: text strings (outline titles, the document's
	 * information) are written as UTF-16 here, and setting up libharu's
	 * UTF-8 encoder cost more than a page of the report */
	return p;
}

void pc_pdf_free(struct pc_layout *L)
{
	struct pc_pdf *p = L->pdf;
	if (!p)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	for (int i = 0; i < 2; i++)
		if (p->z[i])
			libdeflate_free_compressor(p->z[i]);
	free(p->zout);
	pc_buf_free(&p->buf);
	pc_buf_free(&p->lzbuf);
	pc_buf_free(&p->txt);
	free(p->lz);
	free(p->annot_first);
	free(p->annot_no);
	if (p->spool)
		fclose(p->spool);
	free(p->pages);
	free(p);
	L->pdf = NULL;
}

/* ---- small writers ---------------------------------------------------------- */

/* a number as PDF wants it: at most two decimals, no exponent */
static void put_num(struct pc_buf *b, float v)
{
	char s[32], *e = s + sizeof(s), *q = e;
	long long i = llroundf(v * 100);
	bool neg = i < 0;
	if (neg)
		i = -i;
	long long ip = i / 100, fp = i % 100;
	if (fp) {
		if (fp % 10)
			*--q = (char)('0' + fp % 10);
		*--q = (char)('0' + fp / 10);
		*--q = '.';
	}
	do {
		*--q = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (neg)
		*--q = '-';
	pc_buf_add(b, q, (size_t)(e - q));
}

static void put_nums(struct pc_buf *b, const float *v, size_t n, const char *op)
{
	for (size_t i = 0; i < n; i++) {
		put_num(b, v[i]);
		pc_buf_putc(b, ' ');
	}
	pc_buf_puts(b, op);
	pc_buf_putc(b, '\n');
}

static void put_hex_glyphs(struct pc_buf *b, const uint16_t *g, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char tmp[4 * 64];
	pc_buf_putc(b, '<');
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (; k < 64 && i < n; k++, i++) {
			tmp[4 * k] = hex[g[i] >> 12];
			tmp[4 * k + 1] = hex[(g[i] >> 8) & 15];
			tmp[4 * k + 2] = hex[(g[i] >> 4) & 15];
			tmp[4 * k + 3] = hex[g[i] & 15];
		}
		pc_buf_add(b, tmp, 4 * k);
	}
	pc_buf_putc(b, '>');
}

/* libharu writes /Filter only for streams it compresses itself; these
 * are compressed here, and say so from this hook (called inside the
 * dictionary as it is written) */
static HPDF_STATUS flate_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* data deflated into the stream of dict d.  libdeflate rather than
 * zlib: the same ratio at a third of the time, and compression was half
 * of a review's time once the text went in as glyph runs.  Two levels,
 * measured on the public plan's report: glyph outlines barely shrink
 * past level 1 (195 KB of glyf: 143 KB at 1, 138 KB at 6, in half the
 * time), while page content does (160 KB: 31 KB at 1, 28 KB at 3, 26 KB
 * at 6, at 0.8, 1.5 and 3.0 ms); deflate was 30 % of a review with PDFs */
enum { ZL_GLYPHS, ZL_TEXT };
static const int zlevel[2] = {1, 3};

static size_t deflate_buf(struct pc_pdf *p, const void *data, size_t len, int kind)
{
	struct libdeflate_compressor **z = &p->z[kind];
	if (!*z && !(*z = libdeflate_alloc_compressor(zlevel[kind])))
		abort();
	size_t bound = libdeflate_zlib_compress_bound(*z, len);
	if (bound > p->capzout) {
		free(p->zout);
		p->capzout = bound;
		if (!(p->zout = malloc(bound)))
			abort();
	}
	p->lzcur = NULL;   /* zout no longer holds a mark's data */
	return libdeflate_zlib_compress(*z, data, len, p->zout, bound);
}

static HPDF_Stream held_reader(struct pc_pdf *p, size_t n);

/* the deflated bytes handed to libharu as a reader of our own: written
 * into its memory stream they were copied twice a byte at a time (by
 * HPDF_MemCpy), a font program's 150 KB included */
static void put_deflated(struct pc_pdf *p, HPDF_Dict d, const void *data, size_t len, int kind)
{
	size_t n = deflate_buf(p, data, len, kind);
	HPDF_Stream rd = held_reader(p, n);
	if (rd) {
		HPDF_Stream_Free(d->stream);
		d->stream = rd;
	} else
		HPDF_Stream_Write(d->stream, p->zout, (HPDF_UINT)n);
	d->write_fn = flate_filter;
}

static HPDF_Dict new_dict(struct pc_pdf *p, bool indirect)
{
	HPDF_Dict d = HPDF_Dict_New(p->doc->mmgr);
	if (d && indirect)
		HPDF_Xref_Add(p->doc->xref, d);
	return d;
}

static HPDF_Array rect_array(struct pc_pdf *p, float x0, float y0, float x1, float y1)
{
	HPDF_Array a = HPDF_Array_New(p->doc->mmgr);
	HPDF_Array_AddReal(a, x0);
	HPDF_Array_AddReal(a, y0);
	HPDF_Array_AddReal(a, x1);
	HPDF_Array_AddReal(a, y1);
	return a;
}

/* a PDF text string: UTF-16BE with its byte order mark */
static HPDF_Binary text_string(struct pc_pdf *p, const char *utf8)
{
	size_t n = strlen(utf8), i = 0, k = 2;
	unsigned char *u = malloc(n * 4 + 4);
	if (!u)
		abort();
	u[0] = 0xFE;
	u[1] = 0xFF;
	while (i < n) {
		int32_t cp = pc_u8(utf8, n, &i);
		if (cp < 0)
			continue;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			u[k++] = (unsigned char)(0xD8 | (cp >> 18));
			u[k++] = (unsigned char)(cp >> 10);
			cp = 0xDC00 | (cp & 0x3FF);
		}
		u[k++] = (unsigned char)(cp >> 8);
		u[k++] = (unsigned char)cp;
	}
	HPDF_Binary b = HPDF_Binary_New(p->doc->mmgr, u, (HPDF_UINT)k);
	free(u);
	return b;
}

/* ---- fonts ------------------------------------------------------------------- */

/* the face's Type0 font, filled in at the end (its glyphs are known then) */
static HPDF_Dict font_dict(struct pc_pdf *p, int face)
{
	if (!p->font[face])
		p->font[face] = new_dict(p, true);
	return p->font[face];
}

/* The subsetter's own preparation of a face costs ~100 ms and makes each
 * subset ~5x faster: worth it once a process writes several PDFs (review,
 * serve), not for one report.  Done once per process, from the fourth. */
static atomic_int subsets;
static pthread_once_t prep_once[PC_NFACES] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
static hb_face_t *prepared[PC_NFACES];
static const struct pc_fonts *prep_fonts;
static void prep_gothic(void)
{
	prepared[PC_GOTHIC] = hb_subset_preprocess(pc_fonts_hb_face(prep_fonts, PC_GOTHIC));
}
static void prep_mincho(void)
{
	prepared[PC_MINCHO] = hb_subset_preprocess(pc_fonts_hb_face(prep_fonts, PC_MINCHO));
}

static hb_face_t *subset_source(const struct pc_fonts *f, int face)
{
	if (atomic_fetch_add(&subsets, 1) < 3)
		return pc_fonts_hb_face(f, face);
	prep_fonts = f;
	pthread_once(&prep_once[face], face == PC_GOTHIC ? prep_gothic : prep_mincho);
	return prepared[face] ? prepared[face] : pc_fonts_hb_face(f, face);
}

static int16_t be16(const char *p)
{
	return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* the font program, widths, CID map and ToUnicode of one face */
static int finish_font(struct pc_layout *L, struct pc_pdf *p, int face, char *err, size_t errlen)
{
	const struct pc_fonts *F = L->fonts;
	hb_face_t *full = pc_fonts_hb_face(F, face);
	hb_font_t *hf = pc_fonts_hb_font(F, face);
	float k = 1000.0f / (float)pc_fonts_upem(F, face);
	const uint8_t *used = L->used[face];
	L->used[face][0] |= 1;   /* .notdef is always in a font */

	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in) {
		snprintf(err, errlen, "フォントの部分集合を作れません");
		return -1;
	}
	/* hinting bytecode is most of an IPAex glyph and does nothing for a
	 * PDF viewer's rendering at screen or print resolution */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* no OpenType layout in a PDF: keeping GSUB would pull every variant
	 * form (jp78, 旧字体, vertical) of each character into the subset */
	hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const char *const tables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG"};
	for (size_t i = 0; i < PC_ARRAY_LEN(tables); i++)
		hb_set_add(drop, hb_tag_from_string(tables[i], 4));
	hb_set_t *gs = hb_subset_input_glyph_set(in), *us = hb_subset_input_unicode_set(in);
	unsigned maxg = 0;
	uint64_t hash = 1469598103934665603ULL;
	for (unsigned g = 0; g < 0x10000; g++)
		if (used[g >> 3] & (1u << (g & 7))) {
			hb_set_add(gs, g);
			if (L->cp_of[face] && L->cp_of[face][g])
				hb_set_add(us, L->cp_of[face][g]);
			maxg = g;
			hash = (hash ^ g) * 1099511628211ULL;
		}
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(subset_source(F, face), in);
	hb_subset_input_destroy(in);
	hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	if (!sub) {
		if (plan)
			hb_subset_plan_destroy(plan);
		snprintf(err, errlen, "フォントの部分集合を作れません（%s）", pc_font_path(face));
		return -1;
	}
	const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);

	HPDF_MMgr mm = p->doc->mmgr;
	/* BaseFont: a subset tag from the glyph set, then the PostScript name */
	char psname[64] = "", name[80];
	unsigned pl = sizeof(psname);
	hb_ot_name_get_utf8(full, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &pl, psname);
	if (!psname[0])
		snprintf(psname, sizeof(psname), "%s", face == PC_GOTHIC ? "IPAexGothic" : "IPAexMincho");
	char tag[7];
	for (int i = 0; i < 6; i++, hash /= 26)
		tag[i] = (char)('A' + hash % 26);
	tag[6] = '\0';
	snprintf(name, sizeof(name), "%s+%s", tag, psname);

	/* the font program */
	HPDF_Dict ff = HPDF_DictStream_New(mm, p->doc->xref);
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned blen = 0;
	const char *bdata = hb_blob_get_data(blob, &blen);
	HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)blen);
	put_deflated(p, ff, bdata, blen, ZL_GLYPHS);
	hb_blob_destroy(blob);

	/* the descriptor, in the full font's metrics */
	HPDF_Dict fd = new_dict(p, true);
	HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	HPDF_Dict_AddName(fd, "FontName", name);
	HPDF_Dict_AddNumber(fd, "Flags", face == PC_MINCHO ? 6 : 4);   /* symbolic (+ serif) */
	hb_blob_t *head = hb_face_reference_table(full, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl = 0;
	const char *hd = hb_blob_get_data(head, &hl);
	if (hd && hl >= 44)
		HPDF_Dict_Add(fd, "FontBBox", rect_array(p, (float)be16(hd + 36) * k, (float)be16(hd + 38) * k,
							  (float)be16(hd + 40) * k, (float)be16(hd + 42) * k));
	else
		HPDF_Dict_Add(fd, "FontBBox", rect_array(p, 0, -120, 1000, 880));
	hb_blob_destroy(head);
	hb_font_extents_t ext = {0};
	hb_font_get_h_extents(hf, &ext);
	hb_position_t cap = 0;
	if (!hb_ot_metrics_get_position(hf, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0)
		cap = ext.ascender;
	HPDF_Dict_AddNumber(fd, "ItalicAngle", 0);
	HPDF_Dict_AddReal(fd, "Ascent", (float)ext.ascender * k);
	HPDF_Dict_AddReal(fd, "Descent", (float)ext.descender * k);
	HPDF_Dict_AddReal(fd, "CapHeight", (float)cap * k);
	HPDF_Dict_AddNumber(fd, "StemV", 80);
	HPDF_Dict_Add(fd, "FontFile2", ff);

	/* the descendant: CIDs are the full font's glyph ids */
	HPDF_Dict cid = new_dict(p, true);
	HPDF_Dict_AddName(cid, "Type", "Font");
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", name);
	HPDF_Dict si = new_dict(p, false);
	HPDF_Dict_Add(si, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(si, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(si, "Supplement", 0);
	HPDF_Dict_Add(cid, "CIDSystemInfo", si);
	HPDF_Dict_Add(cid, "FontDescriptor", fd);
	HPDF_Dict_AddNumber(cid, "DW", 1000);
	/* widths other than a full em, runs of consecutive glyphs together */
	HPDF_Array w = HPDF_Array_New(mm);
	HPDF_Array run = NULL;
	unsigned last = (unsigned)-2;
	for (unsigned g = 0; g <= maxg; g++) {
		if (!(used[g >> 3] & (1u << (g & 7))))
			continue;
		int wd = (int)lroundf((float)pc_glyph_advance(F, face, g) * k);
		if (wd == 1000)
			continue;
		if (g != last + 1 || !run) {
			HPDF_Array_AddNumber(w, (HPDF_INT32)g);
			run = HPDF_Array_New(mm);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, wd);
		last = g;
	}
	HPDF_Dict_Add(cid, "W", w);
	/* CID (old glyph id) -> the subset's glyph id */
	size_t mlen = 2 * ((size_t)maxg + 1);
	unsigned char *map = calloc(mlen, 1);
	if (!map)
		abort();
	for (unsigned g = 0; g <= maxg; g++)
		if (used[g >> 3] & (1u << (g & 7))) {
			hb_codepoint_t ng = hb_map_get(to_new, g);
			if (ng != HB_MAP_VALUE_INVALID) {
				map[2 * g] = (unsigned char)(ng >> 8);
				map[2 * g + 1] = (unsigned char)ng;
			}
		}
	HPDF_Dict cmap = HPDF_DictStream_New(mm, p->doc->xref);
	put_deflated(p, cmap, map, mlen, ZL_GLYPHS);
	free(map);
	HPDF_Dict_Add(cid, "CIDToGIDMap", cmap);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);

	/* ToUnicode: each glyph drawn gives back the character it was drawn
	 * for */
	struct pc_buf *b = &p->buf;
	b->len = 0;
	pc_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned n = 0;
	char line[32];
	struct pc_buf chunk = {0};
	for (unsigned g = 0; g <= maxg; g++) {
		uint32_t cp = L->cp_of[face] ? L->cp_of[face][g] : 0;
		if (!(used[g >> 3] & (1u << (g & 7))) || !cp || cp > 0xFFFF)
			continue;
		snprintf(line, sizeof(line), "<%04X> <%04X>\n", g, (unsigned)cp);
		pc_buf_puts(&chunk, line);
		if (++n == 100) {
			pc_buf_printf(b, "%u beginbfchar\n%sendbfchar\n", n, chunk.s);
			chunk.len = 0;
			n = 0;
		}
	}
	if (n)
		pc_buf_printf(b, "%u beginbfchar\n%sendbfchar\n", n, chunk.s);
	pc_buf_free(&chunk);
	pc_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Dict tu = HPDF_DictStream_New(mm, p->doc->xref);
	put_deflated(p, tu, b->s, b->len, ZL_TEXT);

	HPDF_Dict t0 = p->font[face];
	HPDF_Dict_AddName(t0, "Type", "Font");
	HPDF_Dict_AddName(t0, "Subtype", "Type0");
	HPDF_Dict_AddName(t0, "BaseFont", name);
	HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	HPDF_Array desc = HPDF_Array_New(mm);
	HPDF_Array_Add(desc, cid);
	HPDF_Dict_Add(t0, "DescendantFonts", desc);
	HPDF_Dict_Add(t0, "ToUnicode", tu);
	return 0;
}

/* ---- pages ------------------------------------------------------------------- */

void pc_pdf_page_added(struct pc_layout *L)
{
	struct pc_pdf *p = pdf_of(L);
	if (!p->doc)
		return;
	if (p->npages == p->cappages) {
		p->cappages = p->cappages ? p->cappages * 2 : 16;
		p->pages = realloc(p->pages, p->cappages * sizeof(*p->pages));
		if (!p->pages)
			abort();
	}
	HPDF_Page pg = HPDF_AddPage(p->doc);
	p->pages[p->npages++] = pg;
	if (pg) {
		HPDF_Page_SetWidth(pg, L->pw);
		HPDF_Page_SetHeight(pg, L->ph);
	}
}

/* running header and page number; the number of pages is a form drawn
 * on every page and filled in at the end */
static void decorate(struct pc_layout *L, struct pc_pdf *p, size_t pgno, struct pc_buf *b)
{
	struct pc_rgb grey = {0.35f, 0.35f, 0.35f};
	if ((int)pgno < L->first_numbered_page)
		return;
	int page = (int)pgno;
	if (L->header) {
		pc_draw_text(L, page, L->ml, L->ph - 38, PC_GOTHIC, 8, grey, L->header);
		pc_draw_line(L, page, L->ml, L->ph - 43, L->pw - L->mr, L->ph - 43, 0.4f, grey);
	}
	if (L->footer_numbers) {
		/* "12 / " ends at the middle of the page, the total follows */
		char num[48];
		snprintf(num, sizeof(num), "%zu / ", pgno + 1 - (size_t)L->first_numbered_page);
		float w = pc_text_width(L->fonts, PC_GOTHIC, 8, num, strlen(num));
		pc_draw_text(L, page, L->pw / 2 + 4 - w, 34, PC_GOTHIC, 8, grey, num);
		if (!p->total) {
			p->total = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
			HPDF_Dict_AddName(p->total, "Type", "XObject");
			HPDF_Dict_AddName(p->total, "Subtype", "Form");
			HPDF_Dict_Add(p->total, "BBox", rect_array(p, 0, -3, 60, 10));
			HPDF_Dict res = new_dict(p, false);
			HPDF_Dict fonts = new_dict(p, false);
			HPDF_Dict_Add(fonts, "F1", font_dict(p, PC_GOTHIC));
			HPDF_Dict_Add(res, "Font", fonts);
			HPDF_Dict_Add(p->total, "Resources", res);
			p->total->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		}
		const char *xn = HPDF_Page_GetXObjectName(p->pages[pgno], (HPDF_XObject)p->total);
		if (xn) {
			pc_buf_puts(b, "q 1 0 0 1 ");
			put_num(b, L->pw / 2 + 4);
			pc_buf_puts(b, " 34 cm /");
			pc_buf_puts(b, xn);
			pc_buf_puts(b, " Do Q\n");
		}
	}
}

struct gstate {
	bool text;                  /* inside BT .. ET */
	int face;
	float size, lw;
	struct pc_rgb fill, stroke;
	bool has_font, has_fill, has_stroke, has_lw;
};

static bool same_rgb(struct pc_rgb a, struct pc_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(struct pc_buf *b, struct gstate *g, struct pc_rgb c)
{
	if (g->has_fill && same_rgb(g->fill, c))
		return;
	float v[3] = {c.r, c.g, c.b};
	put_nums(b, v, 3, "rg");
	g->fill = c;
	g->has_fill = true;
}

static void set_stroke(struct pc_buf *b, struct gstate *g, struct pc_rgb c, float lw)
{
	if (!g->has_stroke || !same_rgb(g->stroke, c)) {
		float v[3] = {c.r, c.g, c.b};
		put_nums(b, v, 3, "RG");
		g->stroke = c;
		g->has_stroke = true;
	}
	if (!g->has_lw || g->lw != lw) {
		put_nums(b, &lw, 1, "w");
		g->lw = lw;
		g->has_lw = true;
	}
}

static void end_text(struct pc_buf *b, struct gstate *g)
{
	if (g->text)
		pc_buf_puts(b, "ET\n");
	g->text = false;
}

/* the page's display list as PDF content */
static void content(struct pc_layout *L, struct pc_pdf *p, size_t pgno, struct pc_buf *b)
{
	const struct pc_page *pg = &L->pages[pgno];
	HPDF_Page page = p->pages[pgno];
	struct gstate g = {0};
	const char *fname[PC_NFACES] = {NULL, NULL};
	for (size_t i = 0; i < pg->nops; i++) {
		const struct pc_op *o = &pg->ops[i];
		if (o->kind == OP_TEXT) {
			if (!o->n)
				continue;
			if (!g.text) {
				pc_buf_puts(b, "BT\n");
				g.text = true;
			}
			if (!g.has_font || g.face != o->face || g.size != o->size) {
				if (!fname[o->face])
					fname[o->face] = HPDF_Page_GetLocalFontName(page, font_dict(p, o->face));
				pc_buf_putc(b, '/');
				pc_buf_puts(b, fname[o->face] ? fname[o->face] : "F0");
				pc_buf_putc(b, ' ');
				put_nums(b, &o->size, 1, "Tf");
				g.face = o->face;
				g.size = o->size;
				g.has_font = true;
			}
			set_fill(b, &g, o->color);
			float m[6] = {1, 0, 0, 1, o->x, o->y};
			put_nums(b, m, 6, "Tm");
			if (!o->spread) {
				put_hex_glyphs(b, o->gids, o->n);
				pc_buf_puts(b, " Tj\n");
				continue;
			}
			/* a justified line: the extra space where the line may part,
			 * as TJ adjustments (thousandths of the size, negative = wider) */
			float adj = -o->cs * 1000 / o->size;
			pc_buf_putc(b, '[');
			for (size_t k = 0; k < o->n;) {
				size_t e = k;
				while (e + 1 < o->n && !o->spread[e])
					e++;
				put_hex_glyphs(b, o->gids + k, e + 1 - k);
				if (e + 1 < o->n) {
					pc_buf_putc(b, ' ');
					put_num(b, adj);
					pc_buf_putc(b, ' ');
				}
				k = e + 1;
			}
			pc_buf_puts(b, "] TJ\n");
			continue;
		}
		end_text(b, &g);
		switch (o->kind) {
		case OP_LINE: {
			set_stroke(b, &g, o->color, o->width);
			float v[2] = {o->x, o->y}, e[2] = {o->x + o->w, o->y + o->h};
			put_nums(b, v, 2, "m");
			put_nums(b, e, 2, "l S");
			break;
		}
		case OP_RECT: {
			set_stroke(b, &g, o->color, o->width);
			float v[4] = {o->x, o->y, o->w, o->h};
			put_nums(b, v, 4, "re S");
			break;
		}
		case OP_FILL: {
			set_fill(b, &g, o->color);
			float v[4] = {o->x, o->y, o->w, o->h};
			put_nums(b, v, 4, "re f");
			break;
		}
		case OP_TEXT:
			break;
		}
	}
	end_text(b, &g);
}

/* A written page's content waits for the save in a temporary file, not
 * in libharu's memory: the page's content stream reads it back from
 * there as the file is written. */
struct spooled {
	FILE *f;                    /* NULL: the bytes follow, in mem */
	uint64_t off;
	size_t len, pos;
	unsigned char mem[];
};

static HPDF_UINT32 spool_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct spooled *)s->attr)->len;
}

static HPDF_STATUS spool_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct spooled *sp = s->attr;
	size_t at = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? sp->pos : sp->len;
	at += (size_t)pos;
	sp->pos = at > sp->len ? sp->len : at;
	return HPDF_OK;
}

static HPDF_INT32 spool_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct spooled *)s->attr)->pos;
}

static HPDF_STATUS spool_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	struct spooled *sp = s->attr;
	size_t n = sp->len - sp->pos < *size ? sp->len - sp->pos : *size;
	if (!sp->f && n)
		memcpy(buf, sp->mem + sp->pos, n);
	ssize_t got = !n ? 0 : !sp->f ? (ssize_t)n : pread(fileno(sp->f), buf, n, (off_t)(sp->off + sp->pos));
	if (got != (ssize_t)n) {
		*size = 0;
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, got < 0 ? (HPDF_STATUS)errno : 0);
	}
	sp->pos += n;
	*size = (HPDF_UINT)n;
	return sp->pos == sp->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static void spool_free(HPDF_Stream s)
{
	free(s->attr);
}

/* the first n bytes of zout, copied, as a stream libharu reads */
static HPDF_Stream held_reader(struct pc_pdf *p, size_t n)
{
	struct spooled *sp = malloc(sizeof(*sp) + n);
	if (!sp)
		abort();
	*sp = (struct spooled){NULL, 0, n, 0};
	memcpy(sp->mem, p->zout, n);
	HPDF_Stream rd = HPDF_CallbackReader_New(p->doc->mmgr, spool_read, spool_seek, spool_tell, spool_size, sp);
	if (!rd) {
		free(sp);
		return NULL;
	}
	rd->free_fn = spool_free;
	return rd;
}

/* false: no temporary file to be had (the content stays in memory) */
static bool spool_content(struct pc_pdf *p, HPDF_Dict contents, const char *data, size_t len)
{
	if (p->nospool)
		return false;
	if (!p->spool && !(p->spool = tmpfile())) {
		p->nospool = true;
		return false;
	}
	size_t n = deflate_buf(p, data, len, ZL_TEXT);
	struct spooled *sp = malloc(sizeof(*sp));
	if (!sp)
		abort();
	*sp = (struct spooled){p->spool, p->spooled, n, 0};
	HPDF_Stream rd = HPDF_CallbackReader_New(p->doc->mmgr, spool_read, spool_seek, spool_tell, spool_size, sp);
	if (!rd || fwrite(p->zout, 1, n, p->spool) != n || fflush(p->spool) != 0) {
		/* a full disk: this page and the rest in memory */
		free(sp);
		if (rd)
			HPDF_Stream_Free(rd);
		p->nospool = true;
		return false;
	}
	rd->free_fn = spool_free;
	p->spooled += n;
	HPDF_Stream_Free(contents->stream);
	contents->stream = rd;
	contents->write_fn = flate_filter;
	return true;
}

void pc_pdf_write_page(struct pc_layout *L, size_t pgno)
{
	struct pc_pdf *p = pdf_of(L);
	if (!p->doc || pgno >= p->npages || !p->pages[pgno])
		return;
	struct pc_buf *b = &p->buf;
	b->len = 0;
	decorate(L, p, pgno, b);
	content(L, p, pgno, b);
	HPDF_PageAttr attr = (HPDF_PageAttr)p->pages[pgno]->attr;
	if (!spool_content(p, attr->contents, b->s ? b->s : "", b->len))
		put_deflated(p, attr->contents, b->s ? b->s : "", b->len, ZL_TEXT);
}

/* ---- marks ------------------------------------------------------------------- */

/* A long draft's report holds thousands of marks, and libharu keeps every
 * object it is given until the file is saved, at about 2 KB an annotation
 * (a 128-byte key per entry, a name object per name) and 4 KB a stream:
 * 300 MB for a megabyte of prose.  So a mark is an empty libharu
 * dictionary - libharu numbers it, lists it in the xref and writes
 * "N 0 obj <<...>> endobj" around it - whose entries its write_fn writes
 * from the layout's own pc_annot as the file is saved; an appearance is a
 * libharu stream object whose data a callback reader makes then. */
enum lazy_role { LZ_ANNOT, LZ_POPUP, LZ_AP };

struct lazy {
	struct pc_layout *L;
	uint32_t annot;             /* index in L->annots */
	uint32_t page;              /* object numbers: its page, */
	uint32_t ap, popup, parent; /* appearance, pop-up, the note a pop-up is of */
	uint8_t role;
	uint8_t local;              /* an appearance shared by marks of one size and
				     * colour: 1 drawn at (0, 0) (notes), 2 a unit
				     * square (one-line highlights), which the
				     * viewer maps onto each mark's rectangle */
};

static uint32_t obj_no(const void *obj)
{
	return obj ? ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF : 0;
}

static void put_ref(struct pc_buf *b, const char *key, uint32_t no)
{
	pc_buf_printf(b, "/%s %u 0 R\n", key, (unsigned)no);
}

static void put_rect(struct pc_buf *b, const char *key, float x0, float y0, float x1, float y1)
{
	float v[4] = {x0, y0, x1, y1};
	pc_buf_printf(b, "/%s [", key);
	for (int i = 0; i < 4; i++) {
		put_num(b, v[i]);
		pc_buf_putc(b, i < 3 ? ' ' : ']');
	}
	pc_buf_putc(b, '\n');
}

static void put_color(struct pc_buf *b, struct pc_rgb c)
{
	pc_buf_puts(b, "/C [");
	put_num(b, c.r);
	pc_buf_putc(b, ' ');
	put_num(b, c.g);
	pc_buf_putc(b, ' ');
	put_num(b, c.b);
	pc_buf_puts(b, "]\n");
}

/* a text string as UTF-16BE with its byte order mark, in hex */
static void put_text(struct pc_buf *b, const char *key, const char *utf8)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(utf8), i = 0;
	pc_buf_printf(b, "/%s <feff", key);
	while (i < n) {
		int32_t cp = pc_u8(utf8, n, &i);
		if (cp < 0)
			continue;
		uint32_t u[2] = {(uint32_t)cp, 0};
		int k = 1;
		if (cp > 0xFFFF) {
			u[0] = 0xD800 | (((uint32_t)cp - 0x10000) >> 10);
			u[1] = 0xDC00 | (((uint32_t)cp - 0x10000) & 0x3FF);
			k = 2;
		}
		for (int j = 0; j < k; j++) {
			char h[4] = {hex[u[j] >> 12], hex[(u[j] >> 8) & 15], hex[(u[j] >> 4) & 15], hex[u[j] & 15]};
			pc_buf_add(b, h, 4);
		}
	}
	pc_buf_puts(b, ">\n");
}

/* a byte string as a literal: ( ) \\ escaped, other bytes outside
 * printable ASCII in octal */
static void put_literal(struct pc_buf *b, const char *s)
{
	pc_buf_putc(b, '(');
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '(' || *c == ')' || *c == '\\') {
			pc_buf_putc(b, '\\');
			pc_buf_putc(b, (char)*c);
		} else if (*c < 0x20 || *c > 0x7E)
			pc_buf_printf(b, "\\%03o", *c);
		else
			pc_buf_putc(b, (char)*c);
	}
	pc_buf_putc(b, ')');
}

/* a mark's contents: its own, or the caller's item's */
static const char *annot_text(const struct pc_layout *L, struct pc_pdf *p, const struct pc_annot *an)
{
	if (an->text || !L->annot_text)
		return an->text;
	p->txt.len = 0;
	L->annot_text(L->annot_ctx, an->ref, &p->txt);
	return p->txt.s ? p->txt.s : "";
}

/* the pop-up a note opens in: beside it, on the page */
static void popup_rect(const struct pc_layout *L, const struct pc_annot *an, float r[4])
{
	float px0 = an->x1 + 4, px1 = px0 + 200;
	if (px1 > L->pw) {
		px1 = L->pw - 4;
		px0 = px1 - 200;
	}
	float py1 = an->y1, py0 = py1 - 90 < 4 ? 4 : py1 - 90;
	r[0] = px0;
	r[1] = py0;
	r[2] = px1;
	r[3] = py0 + 90;
}

/* an annotation's or pop-up's entries, as the file is saved */
static HPDF_STATUS lazy_annot(HPDF_Dict d, HPDF_Stream out)
{
	const struct lazy *z = d->attr;
	const struct pc_layout *L = z->L;
	const struct pc_annot *an = &L->annots[z->annot];
	struct pc_pdf *p = L->pdf;
	struct pc_buf *b = &p->lzbuf;
	const char *text;
	b->len = 0;
	pc_buf_puts(b, "/Type /Annot\n");
	put_ref(b, "P", z->page);
	if (z->role == LZ_POPUP) {
		float r[4];
		popup_rect(L, an, r);
		pc_buf_puts(b, "/Subtype /Popup\n");
		put_rect(b, "Rect", r[0], r[1], r[2], r[3]);
		put_ref(b, "Parent", z->parent);
		return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->s, (HPDF_UINT)b->len);
	}
	put_rect(b, "Rect", an->x0, an->y0, an->x1, an->y1);
	switch (an->kind) {
	case AN_HIGHLIGHT:
	case AN_SQUIGGLY:
		pc_buf_puts(b, an->kind == AN_HIGHLIGHT ? "/Subtype /Highlight\n" : "/Subtype /Squiggly\n");
		/* one quad per covered line: UL, UR, LL, LR */
		pc_buf_puts(b, "/QuadPoints [");
		for (size_t k = 0; k < an->nquads * 8; k++) {
			put_num(b, an->quads[k]);
			pc_buf_putc(b, ' ');
		}
		pc_buf_puts(b, "]\n/T (plancheck)\n");
		put_color(b, an->color);
		if ((text = annot_text(L, p, an)))
			put_text(b, "Contents", text);
		break;
	case AN_NOTE:
		pc_buf_puts(b, "/Subtype /Text\n/Name /Comment\n/T (plancheck)\n");
		put_color(b, an->color);
		if ((text = annot_text(L, p, an)))
			put_text(b, "Contents", text);
		put_ref(b, "Popup", z->popup);
		break;
	case AN_MARKER:
		pc_buf_puts(b, "/Subtype /FreeText\n/BS << /W 0 >>\n");   /* no box around the number */
		pc_buf_printf(b, "/DA (/Helv %.1f Tf %.2f %.2f %.2f rg)\n", (double)an->size, (double)an->color.r,
			      (double)an->color.g, (double)an->color.b);
		if (an->text)
			put_text(b, "Contents", an->text);
		break;
	case AN_LINK: {
		const struct pc_dest *ds = &L->dests[an->dest];
		pc_buf_puts(b, "/Subtype /Link\n/Border [0 0 0]\n");
		pc_buf_printf(b, "/Dest [%u 0 R /FitH ", (unsigned)obj_no(p->pages[ds->page]));
		put_num(b, ds->y);
		pc_buf_puts(b, "]\n");
		break;
	}
	case AN_FILE:
		/* another PDF beside this one: a relative go-to-remote */
		pc_buf_puts(b, "/Subtype /Link\n/Border [0 0 0]\n/A << /S /GoToR /F ");
		put_literal(b, an->text ? an->text : "");
		pc_buf_puts(b, " /D [0 /Fit] >>\n");
		break;
	}
	if (z->ap) {
		/* marks print: the flag, and an appearance of their own */
		pc_buf_puts(b, "/F 4\n");
		pc_buf_printf(b, "/AP << /N %u 0 R >>\n", (unsigned)z->ap);
	}
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->s, (HPDF_UINT)b->len);
}

static void ap_highlight(const struct pc_annot *an, bool unit, struct pc_buf *b)
{
	if (an->kind == AN_HIGHLIGHT) {
		pc_buf_puts(b, "/GS0 gs\n");
		float c[3] = {an->color.r, an->color.g, an->color.b};
		put_nums(b, c, 3, "rg");
		if (unit) {
			pc_buf_puts(b, "0 0 1 1 re f\n");
			return;
		}
		for (size_t k = 0; k < an->nquads; k++) {
			const float *q = an->quads + 8 * k;   /* UL UR LL LR */
			float v[8] = {q[0], q[1], q[2], q[3], q[6], q[7], q[4], q[5]};
			put_nums(b, v, 2, "m");
			put_nums(b, v + 2, 2, "l");
			put_nums(b, v + 4, 2, "l");
			put_nums(b, v + 6, 2, "l h f");
		}
		return;
	}
	/* squiggly: a wave along the foot of each line piece */
	float c[3] = {an->color.r * 0.75f, an->color.g * 0.75f, an->color.b * 0.75f}, lw = 0.7f;
	put_nums(b, c, 3, "RG");
	put_nums(b, &lw, 1, "w");
	for (size_t k = 0; k < an->nquads; k++) {
		const float *q = an->quads + 8 * k;
		float x = q[4], xe = q[6], y = q[5] + 0.8f;
		float v[2] = {x, y};
		put_nums(b, v, 2, "m");
		for (int up = 1; x < xe; up = !up) {
			x = x + 2 < xe ? x + 2 : xe;
			float u[2] = {x, y + (up ? 1.6f : 0)};
			put_nums(b, u, 2, "l");
		}
		pc_buf_puts(b, "S\n");
	}
}

/* a speech bubble in the annotation's colour, for viewers that print
 * only appearances; drawn at (0, 0), one per size and colour, shared */
static void ap_note(const struct pc_annot *an, struct pc_buf *b)
{
	float x = 0, y = 0, w = an->x1 - an->x0, hh = an->y1 - an->y0;
	float c[3] = {an->color.r, an->color.g, an->color.b}, d[3] = {0.3f, 0.3f, 0.3f}, lw = 0.6f;
	put_nums(b, c, 3, "rg");
	put_nums(b, d, 3, "RG");
	put_nums(b, &lw, 1, "w");
	float body[8] = {x + 0.5f, y + hh * 0.3f, x + w - 0.5f, y + hh * 0.3f, x + w - 0.5f, y + hh - 0.5f, x + 0.5f,
			 y + hh - 0.5f};
	put_nums(b, body, 2, "m");
	put_nums(b, body + 2, 2, "l");
	put_nums(b, body + 4, 2, "l");
	put_nums(b, body + 6, 2, "l h B");
	float tail[6] = {x + w * 0.25f, y + hh * 0.3f, x + w * 0.2f, y + 0.5f, x + w * 0.5f, y + hh * 0.3f};
	put_nums(b, tail, 2, "m");
	put_nums(b, tail + 2, 2, "l");
	put_nums(b, tail + 4, 2, "l h B");
	for (int i = 0; i < 3; i++) {
		float ly = y + hh * (0.45f + 0.15f * (float)i), l[4] = {x + w * 0.2f, ly, x + w * 0.8f, ly};
		put_nums(b, l, 2, "m");
		put_nums(b, l + 2, 2, "l S");
	}
}


/* glyph outlines as PDF path operators: the margin numbers are drawn,
 * not written, so no text extraction reads them into the draft's text */
struct outline_ctx {
	struct pc_buf *b;
	float scale, x, y;
};

static void out_pt(struct outline_ctx *o, float fx, float fy)
{
	put_num(o->b, o->x + fx * o->scale);
	pc_buf_putc(o->b, ' ');
	put_num(o->b, o->y + fy * o->scale);
	pc_buf_putc(o->b, ' ');
}

static void draw_move(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	out_pt(data, x, y);
	pc_buf_puts(((struct outline_ctx *)data)->b, "m\n");
}

static void draw_line(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	out_pt(data, x, y);
	pc_buf_puts(((struct outline_ctx *)data)->b, "l\n");
}

static void draw_cubic(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x, float c1y, float c2x,
		       float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	out_pt(data, c1x, c1y);
	out_pt(data, c2x, c2y);
	out_pt(data, x, y);
	pc_buf_puts(((struct outline_ctx *)data)->b, "c\n");
}

/* TrueType's quadratic curves as the cubics PDF draws */
static void draw_quad(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy, float x, float y,
		      void *u)
{
	float x0 = st->current_x, y0 = st->current_y;
	draw_cubic(f, data, st, x0 + 2.0f / 3 * (cx - x0), y0 + 2.0f / 3 * (cy - y0), x + 2.0f / 3 * (cx - x),
		   y + 2.0f / 3 * (cy - y), x, y, u);
}

static void draw_close(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	pc_buf_puts(((struct outline_ctx *)data)->b, "h\n");
}

static hb_draw_funcs_t *draw_funcs;
static pthread_once_t draw_once = PTHREAD_ONCE_INIT;
static void make_draw_funcs(void)
{
	draw_funcs = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(draw_funcs, draw_move, NULL, NULL);
	hb_draw_funcs_set_line_to_func(draw_funcs, draw_line, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(draw_funcs, draw_quad, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(draw_funcs, draw_cubic, NULL, NULL);
	hb_draw_funcs_set_close_path_func(draw_funcs, draw_close, NULL, NULL);
	hb_draw_funcs_make_immutable(draw_funcs);
}


/* the margin marker: its number's outlines, filled */
static void ap_marker(const struct pc_layout *L, const struct pc_annot *an, struct pc_buf *b)
{
	float c[3] = {an->color.r, an->color.g, an->color.b};
	put_nums(b, c, 3, "rg");
	pthread_once(&draw_once, make_draw_funcs);
	hb_font_t *font = pc_fonts_hb_font(L->fonts, PC_GOTHIC);
	struct outline_ctx o = {b, an->size / (float)pc_fonts_upem(L->fonts, PC_GOTHIC), an->x0 + 1, an->y0 + 2};
	for (size_t k = 0; k < an->ngids; k++) {
		hb_font_get_glyph_shape(font, an->gids[k], draw_funcs, &o);
		o.x += (float)pc_glyph_advance(L->fonts, PC_GOTHIC, an->gids[k]) * o.scale;
	}
	pc_buf_puts(b, "f\n");
}

/* an appearance's data, made (and deflated) when libharu asks its size,
 * then read from there: objects are written one at a time */
static void lazy_make(struct pc_pdf *p, const struct lazy *z)
{
	if (p->lzcur == z)
		return;
	const struct pc_layout *L = z->L;
	const struct pc_annot *an = &L->annots[z->annot];
	struct pc_buf *b = &p->lzbuf;
	b->len = 0;
	if (an->kind == AN_NOTE)
		ap_note(an, b);
	else if (an->kind == AN_MARKER)
		ap_marker(L, an, b);
	else
		ap_highlight(an, z->local == 2, b);
	p->lzlen = deflate_buf(p, b->s ? b->s : "", b->len, ZL_TEXT);
	p->lzcur = z;
	p->lzpos = 0;
}

static HPDF_UINT32 lazy_size(HPDF_Stream s)
{
	const struct lazy *z = s->attr;
	lazy_make(z->L->pdf, z);
	return (HPDF_UINT32)z->L->pdf->lzlen;
}

static HPDF_STATUS lazy_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	const struct lazy *z = s->attr;
	struct pc_pdf *p = z->L->pdf;
	lazy_make(p, z);
	size_t at = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? p->lzpos : p->lzlen;
	at += (size_t)pos;
	p->lzpos = at > p->lzlen ? p->lzlen : at;
	return HPDF_OK;
}

static HPDF_INT32 lazy_tell(HPDF_Stream s)
{
	const struct lazy *z = s->attr;
	return (HPDF_INT32)z->L->pdf->lzpos;
}

static HPDF_STATUS lazy_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	const struct lazy *z = s->attr;
	struct pc_pdf *p = z->L->pdf;
	lazy_make(p, z);
	size_t n = p->lzlen - p->lzpos < *size ? p->lzlen - p->lzpos : *size;
	memcpy(buf, p->zout + p->lzpos, n);
	p->lzpos += n;
	*size = (HPDF_UINT)n;
	return p->lzpos == p->lzlen ? HPDF_STREAM_EOF : HPDF_OK;
}

/* the appearance form's entries */
static HPDF_STATUS lazy_form(HPDF_Dict d, HPDF_Stream out)
{
	const struct lazy *z = d->attr;
	const struct pc_annot *an = &z->L->annots[z->annot];
	struct pc_pdf *p = z->L->pdf;
	struct pc_buf *b = &p->lzbuf;
	b->len = 0;
	pc_buf_puts(b, "/Type /XObject\n/Subtype /Form\n/Filter /FlateDecode\n");
	if (z->local == 2)
		put_rect(b, "BBox", 0, 0, 1, 1);
	else if (z->local)
		put_rect(b, "BBox", 0, 0, an->x1 - an->x0, an->y1 - an->y0);
	else
		put_rect(b, "BBox", an->x0, an->y0, an->x1, an->y1);
	if (an->kind == AN_HIGHLIGHT && p->multiply)
		pc_buf_printf(b, "/Resources << /ExtGState << /GS0 %u 0 R >> >>\n", (unsigned)obj_no(p->multiply));
	else
		pc_buf_puts(b, "/Resources << >>\n");
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->s, (HPDF_UINT)b->len);
}

static HPDF_Dict lazy_new(struct pc_pdf *p, struct lazy *z, bool stream)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict d = HPDF_Dict_New(mm);
	if (!d)
		return NULL;
	HPDF_Xref_Add(p->doc->xref, d);
	d->attr = z;
	d->write_fn = stream ? lazy_form : lazy_annot;
	if (stream) {
		d->stream = HPDF_CallbackReader_New(mm, lazy_read, lazy_seek, lazy_tell, lazy_size, z);
		/* room for the one entry it has (libharu's lists start at 20) */
		HPDF_List one = HPDF_List_New(mm, 1);
		if (one) {
			HPDF_List_Free(d->list);
			d->list = one;
		}
		HPDF_Number len = HPDF_Number_New(mm, 0);   /* libharu fills it in */
		HPDF_Xref_Add(p->doc->xref, len);
		HPDF_Dict_Add(d, "Length", len);
	}
	return d;
}

/* a page's /Annots, written from the numbers kept per page (an array
 * of libharu references would cost two more objects a mark) */
static HPDF_STATUS page_annots(HPDF_Dict page, HPDF_Stream out)
{
	struct pc_pdf *p = ((struct hpdf_err *)page->error->user_data)->pdf;
	/* pages are numbered in the order they were added */
	uint32_t no = obj_no(page);
	size_t lo = 0, hi = p->npages;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (obj_no(p->pages[mid]) < no)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= p->npages || p->pages[lo] != page || p->annot_first[lo] == p->annot_first[lo + 1])
		return HPDF_OK;
	struct pc_buf *b = &p->lzbuf;
	b->len = 0;
	pc_buf_puts(b, "/Annots [");
	for (uint32_t k = p->annot_first[lo]; k < p->annot_first[lo + 1]; k++)
		pc_buf_printf(b, k + 1 < p->annot_first[lo + 1] ? "%u 0 R " : "%u 0 R", (unsigned)p->annot_no[k]);
	pc_buf_puts(b, "]\n");
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->s, (HPDF_UINT)b->len);
}

struct placed {
	uint32_t page, no;
};

static void page_annot(struct placed **v, size_t *n, size_t *cap, size_t page, HPDF_Dict a)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		if (!(*v = realloc(*v, *cap * sizeof(**v))))
			abort();
	}
	(*v)[(*n)++] = (struct placed){(uint32_t)page, obj_no(a)};
}

/* a shared appearance: one per kind, size and colour */
struct shared_ap {
	enum pc_annkind kind;
	float w, h;
	struct pc_rgb c;
	uint32_t no;
};

static void annotations(struct pc_layout *L, struct pc_pdf *p)
{
	/* the records: one a mark, one its appearance, one a note's pop-up
	 * (they do not move: libharu's objects point at them) */
	size_t nrec = 1;
	for (size_t a = 0; a < L->nannots; a++)
		nrec += L->annots[a].kind == AN_NOTE ? 3 : L->annots[a].kind == AN_LINK ? 1 : 2;
	p->lz = calloc(nrec, sizeof(*p->lz));
	if (!p->lz)
		abort();
	struct lazy *z = p->lz;
	struct shared_ap shared[32];
	size_t nshared = 0;
	struct placed *placed = NULL;
	size_t nplaced = 0, capplaced = 0;
	for (size_t a = 0; a < L->nannots; a++) {
		const struct pc_annot *an = &L->annots[a];
		if (an->page < 0 || (size_t)an->page >= p->npages || !p->pages[an->page])
			continue;
		HPDF_Page pg = p->pages[an->page];
		uint32_t pno = obj_no(pg);
		if (an->kind == AN_LINK && (an->dest < 0 || (size_t)an->dest >= L->ndests ||
					    L->dests[an->dest].page < 0 ||
					    (size_t)L->dests[an->dest].page >= p->npages ||
					    !p->pages[L->dests[an->dest].page]))
			continue;
		struct lazy *rec = z++;
		*rec = (struct lazy){.L = L, .annot = (uint32_t)a, .page = pno, .role = LZ_ANNOT};
		HPDF_Dict d = lazy_new(p, rec, false);
		if (!d)
			continue;
		page_annot(&placed, &nplaced, &capplaced, (size_t)an->page, d);
		if (an->kind == AN_LINK || an->kind == AN_FILE)
			continue;
		if (an->kind == AN_HIGHLIGHT && !p->multiply) {
			/* highlights mark like a pen: the text shows through */
			p->multiply = HPDF_CreateExtGState(p->doc);
			HPDF_ExtGState_SetBlendMode(p->multiply, HPDF_BM_MULTIPLY);
		}
		/* the appearance: a note's, and a one-line highlight's, shared
		 * (a thousand findings need not be a thousand forms); the
		 * others their own */
		uint8_t local = an->kind == AN_NOTE ? 1 : an->kind == AN_HIGHLIGHT && an->nquads == 1 ? 2 : 0;
		float w = local == 1 ? an->x1 - an->x0 : 0, h = local == 1 ? an->y1 - an->y0 : 0;
		size_t k = 0;
		while (local && k < nshared &&
		       !(shared[k].kind == an->kind && shared[k].w == w && shared[k].h == h && same_rgb(shared[k].c, an->color)))
			k++;
		if (local && k < nshared)
			rec->ap = shared[k].no;
		else {
			struct lazy *f = z++;
			*f = (struct lazy){.L = L, .annot = (uint32_t)a, .page = pno, .role = LZ_AP, .local = local};
			rec->ap = obj_no(lazy_new(p, f, true));
			if (local && nshared < PC_ARRAY_LEN(shared))
				shared[nshared++] = (struct shared_ap){an->kind, w, h, an->color, rec->ap};
		}
		if (an->kind == AN_NOTE) {
			/* the pop-up a viewer opens the note in: on screen only */
			struct lazy *pop = z++;
			*pop = (struct lazy){.L = L, .annot = (uint32_t)a, .page = pno, .role = LZ_POPUP,
					     .parent = obj_no(d)};
			HPDF_Dict pd = lazy_new(p, pop, false);
			if (pd) {
				page_annot(&placed, &nplaced, &capplaced, (size_t)an->page, pd);
				rec->popup = obj_no(pd);
			}
		}
	}
	/* each page's marks, in the order they came, for page_annots */
	p->annot_first = calloc(p->npages + 2, sizeof(*p->annot_first));
	p->annot_no = malloc((nplaced + 1) * sizeof(*p->annot_no));
	if (!p->annot_first || !p->annot_no)
		abort();
	for (size_t i = 0; i < nplaced; i++)
		p->annot_first[placed[i].page + 2]++;
	for (size_t i = 2; i < p->npages + 2; i++)
		p->annot_first[i] += p->annot_first[i - 1];
	for (size_t i = 0; i < nplaced; i++)
		p->annot_no[p->annot_first[placed[i].page + 1]++] = placed[i].no;
	free(placed);
	for (size_t i = 0; i < p->npages; i++)
		if (p->pages[i] && p->annot_first[i] < p->annot_first[i + 1])
			p->pages[i]->write_fn = page_annots;
}


/* ---- the document ------------------------------------------------------------- */

static void ap_write(HPDF_Dict f, const struct pc_buf *b)
{
	HPDF_Stream_Write(f->stream, (const HPDF_BYTE *)(b->s ? b->s : ""), (HPDF_UINT)b->len);
}

static void outline(struct pc_layout *L, struct pc_pdf *p)
{
	/* a stack of the last entry at each level */
	HPDF_Outline parent[8] = {NULL};
	for (size_t i = 0; i < L->noutline; i++) {
		const struct pc_outline *o = &L->outline[i];
		int lv = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
		HPDF_Outline up = NULL;
		for (int k = lv - 1; k >= 1 && !up; k--)
			up = parent[k];
		HPDF_Outline ol = HPDF_CreateOutline(p->doc, up, "", NULL);
		if (ol) {
			HPDF_Dict_Add(ol, "Title", text_string(p, o->title));
			const struct pc_dest *ds = o->dest >= 0 && (size_t)o->dest < L->ndests ? &L->dests[o->dest] : NULL;
			if (ds && ds->page >= 0 && (size_t)ds->page < p->npages && p->pages[ds->page]) {
				HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[ds->page]);
				HPDF_Destination_SetFitH(dst, ds->y);   /* XYZ rejects zoom 0 */
				HPDF_Outline_SetDestination(ol, dst);
			}
			HPDF_Outline_SetOpened(ol, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		}
		parent[lv] = ol;
		for (int k = lv + 1; k < 8; k++)
			parent[k] = NULL;
	}
	if (L->noutline)
		HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* /PageLabels (Japanese prefixes as UTF-16: libharu's own writes bytes),
 * /Lang, and the title in the window rather than the file name */
static void catalog(struct pc_layout *L, struct pc_pdf *p)
{
	HPDF_Dict cat = p->doc->catalog;
	HPDF_MMgr mm = p->doc->mmgr;
	if (L->nlabels) {
		HPDF_Dict pl = new_dict(p, false);
		HPDF_Array nums = HPDF_Array_New(mm);
		for (size_t i = 0; i < L->nlabels; i++) {
			const struct pc_label *lb = &L->labels[i];
			HPDF_Dict d = new_dict(p, false);
			if (lb->numbered) {
				HPDF_Dict_AddName(d, "S", "D");
				if (lb->first != 1)
					HPDF_Dict_AddNumber(d, "St", lb->first);
			}
			if (lb->prefix)
				HPDF_Dict_Add(d, "P", text_string(p, lb->prefix));
			HPDF_Array_AddNumber(nums, lb->page);
			HPDF_Array_Add(nums, d);
		}
		HPDF_Dict_Add(pl, "Nums", nums);
		HPDF_Dict_Add(cat, "PageLabels", pl);
	}
	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, L->lang ? L->lang : "ja-JP", NULL));
	if (L->title) {
		HPDF_Dict vp = new_dict(p, false);
		HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE));
		HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	}
}

/* the form every footer shows the number of pages with */
static void fill_total(struct pc_layout *L, struct pc_pdf *p)
{
	if (!p->total)
		return;
	char num[24];
	snprintf(num, sizeof(num), "%zu", L->npages - (size_t)L->first_numbered_page);
	uint16_t g[24];
	size_t n = 0;
	for (const char *c = num; *c; c++) {
		g[n] = (uint16_t)pc_cp_glyph(L->fonts, PC_GOTHIC, *c);
		L->used[PC_GOTHIC][g[n] >> 3] |= (uint8_t)(1u << (g[n] & 7));
		if (!L->cp_of[PC_GOTHIC] && !(L->cp_of[PC_GOTHIC] = calloc(0x10000, sizeof(uint32_t))))
			abort();
		L->cp_of[PC_GOTHIC][g[n]] = (uint32_t)*c;
		n++;
	}
	struct pc_buf *b = &p->buf;
	b->len = 0;
	pc_buf_puts(b, "0.35 0.35 0.35 rg BT /F1 8 Tf 0 0 Td ");
	put_hex_glyphs(b, g, n);
	pc_buf_puts(b, " Tj ET\n");
	ap_write(p->total, b);
}

static int save(struct pc_pdf *p, const struct pc_report_dest *to, char *err, size_t errlen)
{
	struct stat st;
	bool device = to->path && stat(to->path, &st) == 0 && !S_ISREG(st.st_mode);
	if (to->file || device) {
		if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->he.no) {
			snprintf(err, errlen, "PDF を作れません（libharu エラー 0x%04X, 詳細 %u）", (unsigned)p->he.no,
				 (unsigned)p->he.detail);
			return -1;
		}
		HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
		char *buf = malloc(size ? size : 1);
		if (!buf)
			abort();
		HPDF_UINT32 got = 0;
		while (got < size) {
			HPDF_UINT32 n = size - got;
			HPDF_STATUS s = HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)buf + got, &n);
			got += n;
			if (s != HPDF_OK || n == 0)
				break;
		}
		int rc = -1;
		if (got != size)
			snprintf(err, errlen, "PDF を取り出せません");
		else if (to->file) {
			rc = fwrite(buf, 1, size, to->file) == size ? 0 : -1;
			if (rc)
				snprintf(err, errlen, "PDF を書き込めません: %s", strerror(errno));
		} else
			rc = pc_write_atomic(to->path, buf, size, err, errlen);
		free(buf);
		return rc;
	}
	/* a file: libharu writes a temporary file beside it, renamed over it
	 * once it is whole (and, unless the batch syncs later, on disk) */
	size_t pl = strlen(to->path) + 16;
	char *tmp = malloc(pl);
	if (!tmp)
		abort();
	snprintf(tmp, pl, "%s.tmp.XXXXXX", to->path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		pc_cannot_create(to->path, errno, err, errlen);
		free(tmp);
		return -1;
	}
	close(fd);
	int rc = -1;
	errno = 0;
	if (HPDF_SaveToFile(p->doc, tmp) != HPDF_OK || p->he.no) {
		int e = errno ? errno : EIO;
		if (p->he.no == HPDF_FILE_IO_ERROR)
			snprintf(err, errlen, "%s: 書き込めません: %s", to->path, strerror(e));
		else
			snprintf(err, errlen, "PDF を作れません（libharu エラー 0x%04X, 詳細 %u）", (unsigned)p->he.no,
				 (unsigned)p->he.detail);
		goto out;
	}
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (to->durable && fsync(fd) != 0 && errno != EINVAL)) {
		snprintf(err, errlen, "%s: 書き込めません: %s", to->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	mode_t um = umask(0);
	umask(um);
	chmod(tmp, 0666 & ~um);
	if (rename(tmp, to->path) != 0) {
		snprintf(err, errlen, "%s: 保存できません: %s", to->path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int pc_render_pdf_to(struct pc_layout *L, const struct pc_report_dest *to, char *err, size_t errlen)
{
	if (L->npages == 0)
		pc_lay_newpage(L);
	struct pc_pdf *p = pdf_of(L);
	if (!p->doc) {
		snprintf(err, errlen, "PDF を作れません（libharu の初期化に失敗）");
		return -1;
	}
	for (size_t pg = 0; pg < L->npages; pg++)
		if (!L->pages[pg].written) {
			pc_pdf_write_page(L, pg);
			L->pages[pg].written = true;
			pc_arena_release(&L->pages[pg].mem);
		}
	fill_total(L, p);
	annotations(L, p);
	outline(L, p);
	catalog(L, p);
	for (int f = 0; f < PC_NFACES; f++)
		if (p->font[f] && finish_font(L, p, f, err, errlen) != 0)
			return -1;
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "plancheck " PC_VERSION);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "plancheck " PC_VERSION " (libharu)");
	if (p->doc->info) {   /* made by the calls above */
		if (L->title)
			HPDF_Dict_Add(p->doc->info, "Title", text_string(p, L->title));
		if (L->author)
			HPDF_Dict_Add(p->doc->info, "Author", text_string(p, L->author));
		if (L->subject)
			HPDF_Dict_Add(p->doc->info, "Subject", text_string(p, L->subject));
	}
	/* SOURCE_DATE_EPOCH makes the file reproducible */
	time_t now = L->date ? (time_t)L->date : time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	struct tm tm;
	gmtime_r(&now, &tm);
	HPDF_Date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, dt);
	if (p->he.no) {
		snprintf(err, errlen, "PDF を作れません（libharu エラー 0x%04X, 詳細 %u）", (unsigned)p->he.no,
			 (unsigned)p->he.detail);
		return -1;
	}
	return save(p, to, err, errlen);
}

int pc_render_pdf(struct pc_layout *L, const char *path, char *err, size_t errlen)
{
	struct pc_report_dest to = {.path = path, .durable = 1};
	return pc_render_pdf_to(L, &to, err, errlen);
}
