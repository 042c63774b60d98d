/*
 * layout.h - the page layout engine shared by the feedback report, the
 * manual and the handbook.  It knows nothing of libharu: it measures text
 * with the fonts' own advances (tables read once per process through
 * HarfBuzz), breaks Japanese lines with ICU, flows blocks onto A4 pages
 * and keeps per page a display list (glyph runs, rules, boxes) that
 * pdf_render.c writes out as soon as the page is finished: a 500-page
 * report is never in memory whole.  Annotations, links and the outline
 * are kept to the end.  A finding's span becomes exact rectangles on the
 * page by tracking: the spans are given before the layout, and each
 * laid-out line records the pieces of them it holds.
 */
#ifndef PC_LAYOUT_H
#define PC_LAYOUT_H

#include "internal.h"

enum pc_face { PC_GOTHIC = 0, PC_MINCHO = 1, PC_NFACES };
#define PC_NOSRC ((size_t)-1)

struct pc_rgb {
	float r, g, b;
};

enum pc_opkind { OP_TEXT, OP_LINE, OP_RECT, OP_FILL };

struct pc_op {
	enum pc_opkind kind;
	float x, y, w, h;           /* TEXT: baseline origin; LINE: to (x+w, y+h) */
	float size, width;          /* font size; line width */
	float cs;                   /* TEXT: extra space in a justified line, after
				     * each glyph whose spread[] is set */
	const uint8_t *spread;
	int face;
	struct pc_rgb color;
	const uint16_t *gids;       /* TEXT: glyph ids of the full font */
	size_t n;
};

/* Marks on the page print (print flag and an appearance of their own);
 * links and pop-ups do not.  A marker is a finding's numbered margin
 * mark: an annotation, so its number stays out of the copied text. */
enum pc_annkind { AN_HIGHLIGHT, AN_SQUIGGLY, AN_NOTE, AN_LINK, AN_MARKER, AN_FILE };

struct pc_annot {
	enum pc_annkind kind;
	int page;
	float x0, y0, x1, y1;       /* rect */
	float *quads;               /* 8 per quad: UL, UR, LL, LR (Acrobat order) */
	size_t nquads;
	const char *text;           /* note contents; marker: its number; AN_FILE: a
				     * PDF beside this one, by relative path */
	size_t ref;                 /* text NULL: L->annot_text writes the contents
				     * of the caller's item ref as the file is
				     * saved (a long draft's notes are not kept) */
	int dest;                   /* AN_LINK: destination id */
	struct pc_rgb color;
	float size;                 /* marker: font size (Gothic) */
	const uint16_t *gids;       /* marker: its glyphs */
	size_t ngids;
};

struct pc_dest {
	int page;
	float y;
};

struct pc_outline {
	int level;                  /* 1.. */
	const char *title;
	int dest;
};

/* a page label range (/PageLabels): from page on, the prefix and, when
 * numbered, a decimal number counting from first */
struct pc_label {
	int page;
	const char *prefix;         /* or NULL */
	bool numbered;
	int first;
};

struct pc_page {
	struct pc_op *ops;
	size_t nops, capops;
	struct pc_arena mem;        /* its ops and glyphs, freed once written */
	bool held;                  /* written only at the end (drawn on later) */
	bool written;
};

/* a rectangle on a page */
struct pc_piece {
	int page;
	float x0, y0, x1, y1;
};

/* a tracked source span and the pieces of the laid-out lines holding it */
#define PC_TRACK_PIECES 64
struct pc_track {
	size_t start, end;
	struct pc_piece *pieces;    /* the first PC_TRACK_PIECES, in layout order */
	size_t npieces;             /* all of them */
	bool near;                  /* the nearest following character (for a span
				     * drawn nowhere), found */
	struct pc_piece nearest;
};

struct pc_fonts;   /* faces, glyph and advance tables: loaded once, shared */
struct pc_pdf;     /* pdf_render.c: the PDF being written */

struct pc_layout {
	struct pc_arena arena;          /* what lives to the end */
	struct pc_arena tmp, rowtmp;    /* texts: see pc_lay_scratch_reset */
	struct pc_arena *scratch;       /* where pc_text_add allocates now */
	const struct pc_fonts *fonts;
	float pw, ph, ml, mr, mt, mb;   /* page and margins, points */
	int page;                       /* current page, -1 before the first */
	float y;                        /* cursor: top of the next block */
	struct pc_page *pages;
	size_t npages, cappages;
	size_t unwritten;               /* pages before this are written or held */
	struct pc_annot *annots;
	size_t nannots, capannots;
	struct pc_dest *dests;
	size_t ndests, capdests;
	struct pc_outline *outline;
	size_t noutline, capoutline;
	struct pc_label *labels;
	size_t nlabels, caplabels;
	struct pc_track *track;         /* spans to track, and their pieces */
	size_t ntrack;
	size_t *track_order;            /* short spans by start */
	size_t nshort, *long_spans, nlong;
	FILE *dump;                     /* one line of text per laid-out line */
	size_t nlines;                  /* lines laid out so far */
	int para_page;                  /* the first line of the last paragraph */
	float para_y;
	uint8_t used[PC_NFACES][0x10000 / 8];   /* glyphs drawn, per face */
	uint32_t *cp_of[PC_NFACES];     /* glyph -> the character drawn with it */
	const char *header;             /* running header text */
	const char *title, *author, *subject;
	const char *lang;               /* /Lang; NULL: ja-JP */
	void (*annot_text)(void *ctx, size_t ref, struct pc_buf *out);
	void *annot_ctx;
	bool footer_numbers;
	int first_numbered_page;        /* page numbers start here (after a cover) */
	long long date;                 /* document date (Unix time); 0: now or
					 * $SOURCE_DATE_EPOCH */
	struct pc_pdf *pdf;             /* created with the first page */
	void *brk;                      /* ICU line break iterator, reused */
	uint16_t *u16;                  /* its text buffer */
	size_t capu16;
	float *xs;                      /* a line's glyph positions */
	size_t capxs;
};

/* fonts: PLANCHECK_FONT_GOTHIC / PLANCHECK_FONT_MINCHO override the
 * fonts-ipaexfont paths.  NULL and *err set when a font is missing. */
const struct pc_fonts *pc_fonts_load(char **err);
const char *pc_font_path(int face);
float pc_text_width(const struct pc_fonts *f, int face, float size, const char *s, size_t n);
float pc_cp_advance(const struct pc_fonts *f, int face, float size, int32_t cp);
/* the glyph a code point is drawn with (0: the font has none) */
unsigned pc_cp_glyph(const struct pc_fonts *f, int face, int32_t cp);

/* an empty A4 layout over the process's fonts (loaded once); -1 with a
 * message in err when a font is missing, as every PDF writer reports it */
int pc_layout_open(struct pc_layout *L, char *err, size_t errlen);
void pc_layout_release(struct pc_layout *L);
void pc_lay_newpage(struct pc_layout *L);
/* make sure h points remain on the page, else start a new one */
void pc_lay_need(struct pc_layout *L, float h);
void pc_lay_space(struct pc_layout *L, float h);
int pc_lay_dest(struct pc_layout *L);                  /* here */
int pc_lay_dest_at(struct pc_layout *L, int page, float y);
void pc_lay_outline(struct pc_layout *L, int level, const char *title, int dest);

/* Keep page p open to the end: drawn on after later pages (a table of
 * contents, a cover that points forward). */
void pc_lay_hold(struct pc_layout *L, int page);
void pc_lay_label(struct pc_layout *L, int page, const char *prefix, bool numbered, int first);
/* Track these source spans: call before laying out what holds them. */
void pc_lay_track(struct pc_layout *L, size_t n, const size_t *start, const size_t *end);

/* A run of text to lay out: characters with their source offsets.  Its
 * arrays live in the layout's scratch space until pc_lay_scratch_reset,
 * which a caller runs between blocks so that a long draft's text is not
 * all kept. */
struct pc_text {
	int32_t *cps;
	size_t *src;
	size_t n, cap;
	const struct pc_rgb *color;   /* as a table cell: its text colour, or NULL */
	const struct pc_rgb *fill;    /* and its ground, or NULL */
	const char *link;             /* a cell that opens another PDF (relative), or NULL */
};
void pc_text_add(struct pc_layout *L, struct pc_text *t, const char *s, size_t n, size_t src);
void pc_text_add_plain(struct pc_layout *L, struct pc_text *t, const char *s);
void pc_lay_scratch_reset(struct pc_layout *L);

struct pc_para_style {
	int face;
	float size, leading;        /* leading: line height / size */
	float indent, first;        /* left indent; extra first-line indent */
	float right;                /* right indent */
	struct pc_rgb color;
	bool center, right_align;
	bool justify;               /* lines but the last fill the measure (均等) */
	bool cell;                  /* a table cell: no break inside a katakana or
				     * Latin word or a number */
};

/* Lay out a paragraph at the cursor, breaking pages as needed. */
void pc_lay_para(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st);
/* A list item laid out like a paragraph (st->indent leaves room for the
 * marker); its marker - "1." as the source line writes it, else ・ - is
 * drawn beside the first line rather than laid out with it, so a wrapped
 * line never starts with ・.  line: the item's source line. */
void pc_lay_list_item(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st,
		      const char *line, size_t len);
/* Lay out text into a box [x, x+w) starting at baseline-top y on page; no
 * page breaks; returns the height used.  dry: measure only. */
float pc_lay_box(struct pc_layout *L, const struct pc_text *t, const struct pc_para_style *st,
		 int page, float x, float y, float w, bool dry);

/* Tables: cells are texts.  Column widths come from the content: no
 * column narrower than its longest word or number, the rest shared by
 * what the cells want on one line (a long header wraps rather than widen
 * its column); when even the words do not fit, the table is set smaller
 * (down to 6 points).  Columns of numbers are right-aligned. */
struct pc_table_spec {
	size_t ncols;
	float *weights;             /* unused (widths come from the content) */
	float size;
	bool header;                /* first row is a header: shaded, repeated */
	int *align_right;           /* per column; NULL: numbers found by looking */
	int face;                   /* body cells (headers are Gothic) */
};
void pc_lay_table(struct pc_layout *L, struct pc_text *cells, size_t nrows,
		  const struct pc_table_spec *spec);
/* The same, a row at a time: fill(ctx, r, cells) writes row r's ncols
 * texts (zeroed) and is called twice per row (measuring, then drawing), so
 * a 200,000-row table needs memory for one row. */
typedef void (*pc_row_fn)(struct pc_layout *L, void *ctx, size_t row, struct pc_text *cells);
void pc_lay_table_rows(struct pc_layout *L, size_t nrows, const struct pc_table_spec *spec, pc_row_fn fill,
		       void *ctx);

/* drawing on a page */
void pc_draw_text(struct pc_layout *L, int page, float x, float y, int face, float size,
		  struct pc_rgb c, const char *utf8);
void pc_draw_line(struct pc_layout *L, int page, float x0, float y0, float x1, float y1, float w,
		  struct pc_rgb c);
void pc_draw_rect(struct pc_layout *L, int page, float x, float y, float w, float h, float lw,
		  struct pc_rgb c, bool fill);

struct pc_annot *pc_lay_annot(struct pc_layout *L, enum pc_annkind k, int page);
/* a finding's margin marker: text (its number) at baseline (x, y) */
struct pc_annot *pc_lay_marker(struct pc_layout *L, int page, float x, float y, float size, struct pc_rgb c,
			       const char *text);

/* for pdf_render.c: the faces and metrics in font units */
void *pc_fonts_hb_face(const struct pc_fonts *f, int face);
void *pc_fonts_hb_font(const struct pc_fonts *f, int face);
unsigned pc_fonts_upem(const struct pc_fonts *f, int face);
unsigned pc_glyph_advance(const struct pc_fonts *f, int face, unsigned gid);

/* pdf_render.c, the renderer side: a page is added to the PDF when the
 * layout starts it and written once finished; pc_render_pdf_to writes
 * what is left, the marks, links, outline, labels and fonts and saves the
 * file atomically (to->path) or into to->file; -1 with a message. */
void pc_pdf_page_added(struct pc_layout *L);
void pc_pdf_write_page(struct pc_layout *L, size_t page);
int pc_render_pdf_to(struct pc_layout *L, const struct pc_report_dest *to, char *err, size_t errlen);
int pc_render_pdf(struct pc_layout *L, const char *path, char *err, size_t errlen);
void pc_pdf_free(struct pc_layout *L);

#endif
