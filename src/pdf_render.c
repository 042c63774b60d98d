/*
 * pdf_render.c - the display list of layout.c written as a PDF with
 * libharu.  Each font face is first cut down by HarfBuzz's subsetter to the
 * code points the document draws (libharu alone would embed ~254 KB per
 * face, tech-notes §8), then loaded through libharu's UTF-8 encoder.
 * Highlights carry QuadPoints for every line they cover (libharu's setter
 * takes one quad, so the array is built with its exported object API),
 * links point at destinations, the outline mirrors the headings, and the
 * file is written atomically.  libharu errors are recorded by the error
 * handler and reported, never longjmp'd.
 */
#include "layout.h"

#include <errno.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void *pc_fonts_hb_face(const struct pc_fonts *f, int face);

struct hpdf_err {
	HPDF_STATUS no, detail;
};

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	struct hpdf_err *e = data;
	if (!e->no) {   /* the first error is the cause */
		e->no = no;
		e->detail = detail;
	}
}

/*
 * libharu 2.3.0 writes its Identity-H *encoding* CMap (begincidrange) as a
 * font's /ToUnicode, which poppler rejects and other readers may not map:
 * copying text out of a feedback PDF must give the Japanese back.  With
 * the UTF-8 encoder every code in the content is the character's own
 * BMP code point, so the right ToUnicode is the identity in bfranges
 * (each range may vary only its last byte; surrogates have no meaning).
 */
static void fix_tounicode(HPDF_Font font)
{
	HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!tu || !tu->stream)
		return;
	HPDF_MemStream_FreeData(tu->stream);
	HPDF_Stream st = tu->stream;
	HPDF_Stream_WriteStr(st, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
				 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
				 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned hi[256], n = 0;
	for (unsigned h = 0; h < 256; h++)
		if (h < 0xD8 || h > 0xDF)
			hi[n++] = h;
	for (unsigned i = 0; i < n; i += 100) {
		unsigned k = n - i < 100 ? n - i : 100;
		char line[64];
		snprintf(line, sizeof(line), "%u beginbfrange\n", k);
		HPDF_Stream_WriteStr(st, line);
		for (unsigned j = i; j < i + k; j++) {
			snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
			HPDF_Stream_WriteStr(st, line);
		}
		HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* subset one face to the used code points; returns the temp file path */
static char *subset_face(const struct pc_layout *L, int face, char *err, size_t errlen)
{
	hb_face_t *full = pc_fonts_hb_face(L->fonts, face);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in) {
		snprintf(err, errlen, "フォントの部分集合を作れません");
		return NULL;
	}
	/* hinting bytecode is most of an IPAex glyph and does nothing for a
	 * PDF viewer's rendering at screen or print resolution */
	/* glyph ids kept as in the full font: with hb-subset's renumbered
	 * glyphs, libharu 2.3.0's own glyf rewrite failed at save for some
	 * character sets (a seek error in HPDF_TTFontDef_SaveFontData,
	 * reported as HPDF_INVALID_OBJECT; one 'Y' in a draft was enough).
	 * It costs ~2 KB a face: loca and hmtx cover every glyph id. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS);
	/* libharu uses no OpenType layout: keeping GSUB would pull every
	 * variant form (jp78, 旧字体, vertical) of each character into the
	 * subset through the feature closure */
	hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const char *const tables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		hb_set_add(drop, hb_tag_from_string(tables[i], 4));
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_set_add(u, ' ');
	for (int32_t cp = 0; cp < 0x10000; cp++)
		if (L->used[face][cp >> 3] & (1u << (cp & 7)))
			hb_set_add(u, (hb_codepoint_t)cp);
	hb_face_t *sub = hb_subset_or_fail(full, in);
	hb_subset_input_destroy(in);
	if (!sub) {
		snprintf(err, errlen, "フォントの部分集合を作れません（%s）", pc_font_path(face));
		return NULL;
	}
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	const char *tmpdir = getenv("TMPDIR");
	size_t pl = strlen(tmpdir && *tmpdir ? tmpdir : "/tmp") + 40;
	char *path = malloc(pl);
	if (!path)
		abort();
	snprintf(path, pl, "%s/plancheck-font-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	bool ok = fd >= 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w <= 0 && errno != EINTR)
			ok = false;
		else if (w > 0)
			off += (size_t)w;
	}
	if (fd >= 0)
		close(fd);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	if (!ok) {
		snprintf(err, errlen, "一時ファイルに書けません: %s", strerror(errno));
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* running header and page numbers, added to the display list before the
 * fonts are subset so their characters are in the subset too */
static void decorate(struct pc_layout *L)
{
	struct pc_rgb grey = {0.35f, 0.35f, 0.35f};
	size_t total = L->npages;
	for (size_t p = 0; p < total; p++) {
		if ((int)p < L->first_numbered_page)
			continue;
		if (L->header) {
			pc_draw_text(L, (int)p, L->ml, L->ph - 38, PC_GOTHIC, 8, grey, L->header);
			pc_draw_line(L, (int)p, L->ml, L->ph - 43, L->pw - L->mr, L->ph - 43, 0.4f, grey);
		}
		if (L->footer_numbers) {
			char num[48];
			snprintf(num, sizeof(num), "%zu / %zu", p + 1 - (size_t)L->first_numbered_page,
				 total - (size_t)L->first_numbered_page);
			float w = pc_text_width(L->fonts, PC_GOTHIC, 8, num, strlen(num));
			pc_draw_text(L, (int)p, (L->pw - w) / 2, 34, PC_GOTHIC, 8, grey, num);
		}
	}
}

static HPDF_Rect rect_of(float x0, float y0, float x1, float y1)
{
	HPDF_Rect r = {x0, y0, x1, y1};
	return r;
}

int pc_render_pdf(struct pc_layout *L, const char *path, char *err, size_t errlen)
{
	struct hpdf_err he = {0, 0};
	char *fontfile[PC_NFACES] = {NULL, NULL};
	HPDF_Font font[PC_NFACES] = {NULL, NULL};
	int rc = -1;

	if (L->npages == 0)
		pc_lay_newpage(L);
	decorate(L);
	HPDF_Doc pdf = HPDF_New(on_error, &he);
	if (!pdf) {
		snprintf(err, errlen, "PDF を作れません（libharu の初期化に失敗）");
		return -1;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");

	for (int f = 0; f < PC_NFACES; f++) {
		bool any = false;
		for (size_t i = 0; i < sizeof(L->used[f]) && !any; i++)
			any = L->used[f][i] != 0;
		if (!any && f != PC_GOTHIC)
			continue;
		fontfile[f] = subset_face(L, f, err, errlen);
		if (!fontfile[f])
			goto out;
		const char *name = HPDF_LoadTTFontFromFile(pdf, fontfile[f], HPDF_TRUE);
		if (!name || he.no) {
			snprintf(err, errlen, "フォントを読み込めません（libharu エラー 0x%04X）", (unsigned)he.no);
			goto out;
		}
		font[f] = HPDF_GetFont(pdf, name, "UTF-8");
		if (font[f])
			fix_tounicode(font[f]);
	}
	if (!font[PC_MINCHO])
		font[PC_MINCHO] = font[PC_GOTHIC];

	HPDF_Page *pages = calloc(L->npages, sizeof(*pages));
	if (!pages)
		abort();
	for (size_t p = 0; p < L->npages; p++) {
		HPDF_Page pg = pages[p] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pg, L->pw);
		HPDF_Page_SetHeight(pg, L->ph);
		for (size_t i = 0; i < L->nops[p]; i++) {
			const struct pc_op *o = &L->ops[p][i];
			switch (o->kind) {
			case OP_TEXT:
				HPDF_Page_SetRGBFill(pg, o->color.r, o->color.g, o->color.b);
				HPDF_Page_BeginText(pg);
				HPDF_Page_SetFontAndSize(pg, font[o->face], o->size);
				HPDF_Page_TextOut(pg, o->x, o->y, o->text);
				HPDF_Page_EndText(pg);
				break;
			case OP_LINE:
				HPDF_Page_SetLineWidth(pg, o->width);
				HPDF_Page_SetRGBStroke(pg, o->color.r, o->color.g, o->color.b);
				HPDF_Page_MoveTo(pg, o->x, o->y);
				HPDF_Page_LineTo(pg, o->x + o->w, o->y + o->h);
				HPDF_Page_Stroke(pg);
				break;
			case OP_RECT:
				HPDF_Page_SetLineWidth(pg, o->width);
				HPDF_Page_SetRGBStroke(pg, o->color.r, o->color.g, o->color.b);
				HPDF_Page_Rectangle(pg, o->x, o->y, o->w, o->h);
				HPDF_Page_Stroke(pg);
				break;
			case OP_FILL:
				HPDF_Page_SetRGBFill(pg, o->color.r, o->color.g, o->color.b);
				HPDF_Page_Rectangle(pg, o->x, o->y, o->w, o->h);
				HPDF_Page_Fill(pg);
				break;
			}
		}
	}
	HPDF_Destination *dests = calloc(L->ndests + 1, sizeof(*dests));
	if (!dests)
		abort();
	for (size_t d = 0; d < L->ndests; d++) {
		dests[d] = HPDF_Page_CreateDestination(pages[L->dests[d].page]);
		HPDF_Destination_SetFitH(dests[d], L->dests[d].y);   /* XYZ rejects zoom 0 */
	}
	for (size_t a = 0; a < L->nannots; a++) {
		const struct pc_annot *an = &L->annots[a];
		HPDF_Page pg = pages[an->page];
		HPDF_RGBColor col = {an->color.r, an->color.g, an->color.b};
		HPDF_Annotation h = NULL;
		switch (an->kind) {
		case AN_HIGHLIGHT:
		case AN_SQUIGGLY: {
			HPDF_Rect r = rect_of(an->x0, an->y0, an->x1, an->y1);
			h = an->kind == AN_HIGHLIGHT ? HPDF_Page_CreateHighlightAnnot(pg, r, an->text, utf8)
						     : HPDF_Page_CreateSquigglyAnnot(pg, r, an->text, utf8);
			if (!h)
				break;
			/* one quad per covered line: UL, UR, LL, LR */
			HPDF_Array q = HPDF_Array_New(((HPDF_Dict)h)->mmgr);
			for (size_t k = 0; k < an->nquads * 8; k++)
				HPDF_Array_AddReal(q, an->quads[k]);
			HPDF_Dict_Add((HPDF_Dict)h, "QuadPoints", q);
			HPDF_Annot_SetRGBColor(h, col);
			HPDF_MarkupAnnot_SetTitle(h, "plancheck");
			break;
		}
		case AN_NOTE:
			h = HPDF_Page_CreateTextAnnot(pg, rect_of(an->x0, an->y0, an->x1, an->y1), an->text, utf8);
			if (h) {
				HPDF_TextAnnot_SetIcon(h, HPDF_ANNOT_ICON_COMMENT);
				HPDF_Annot_SetRGBColor(h, col);
				HPDF_MarkupAnnot_SetTitle(h, "plancheck");
			}
			break;
		case AN_LINK:
			if (an->dest >= 0 && (size_t)an->dest < L->ndests) {
				h = HPDF_Page_CreateLinkAnnot(pg, rect_of(an->x0, an->y0, an->x1, an->y1), dests[an->dest]);
				if (h)
					HPDF_LinkAnnot_SetBorderStyle(h, 0, 0, 0);
			}
			break;
		}
	}
	/* the outline: a stack of the last entry at each level */
	HPDF_Outline parent[8] = {NULL};
	for (size_t i = 0; i < L->noutline; i++) {
		const struct pc_outline *o = &L->outline[i];
		int lv = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
		HPDF_Outline up = NULL;
		for (int k = lv - 1; k >= 1 && !up; k--)
			up = parent[k];
		HPDF_Outline ol = HPDF_CreateOutline(pdf, up, o->title, utf8);
		if (ol) {
			if (o->dest >= 0 && (size_t)o->dest < L->ndests)
				HPDF_Outline_SetDestination(ol, dests[o->dest]);
			HPDF_Outline_SetOpened(ol, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		}
		parent[lv] = ol;
		for (int k = lv + 1; k < 8; k++)
			parent[k] = NULL;
	}
	if (L->noutline)
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (L->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, L->title);
	if (L->author)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, L->author);
	if (L->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, L->subject);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "plancheck " PC_VERSION);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "plancheck " PC_VERSION " (libharu)");
	/* SOURCE_DATE_EPOCH makes the file reproducible */
	time_t now = L->date ? (time_t)L->date : time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	struct tm tm;
	gmtime_r(&now, &tm);
	HPDF_Date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
	free(dests);
	free(pages);

	if (he.no || HPDF_SaveToStream(pdf) != HPDF_OK || he.no) {
		snprintf(err, errlen, "PDF を作れません（libharu エラー 0x%04X, 詳細 %u）", (unsigned)he.no,
			 (unsigned)he.detail);
		goto out;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	char *buf = malloc(size ? size : 1);
	if (!buf)
		abort();
	HPDF_UINT32 got = 0;
	while (got < size) {
		HPDF_UINT32 n = size - got;
		HPDF_STATUS st = HPDF_ReadFromStream(pdf, (HPDF_BYTE *)buf + got, &n);
		got += n;
		if (st != HPDF_OK || n == 0)
			break;
	}
	rc = got == size ? pc_write_atomic(path, buf, size, err, errlen) : -1;
	if (got != size)
		snprintf(err, errlen, "PDF を取り出せません");
	free(buf);
out:
	HPDF_Free(pdf);
	for (int f = 0; f < PC_NFACES; f++)
		if (fontfile[f]) {
			unlink(fontfile[f]);
			free(fontfile[f]);
		}
	return rc;
}
