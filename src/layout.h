/*
 * layout.h - the page layout engine shared by the feedback report, the
 * manual and the handbook.  It knows nothing of libharu: it measures text
 * with HarfBuzz, breaks Japanese lines with ICU, flows blocks onto A4 pages
 * and records a display list (text, rules, boxes, annotations, links,
 * outline entries) that pdf_render.c replays.  Every laid-out text line
 * keeps the source byte offset of each character, so a finding's span
 * becomes exact rectangles on the page.
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
	int face;
	struct pc_rgb color;
	const char *text;           /* UTF-8, arena */
};

enum pc_annkind { AN_HIGHLIGHT, AN_SQUIGGLY, AN_NOTE, AN_LINK };

struct pc_annot {
	enum pc_annkind kind;
	int page;
	float x0, y0, x1, y1;       /* rect */
	float *quads;               /* 8 per quad: UL, UR, LL, LR (Acrobat order) */
	size_t nquads;
	const char *text;           /* note contents (UTF-8) */
	int dest;                   /* AN_LINK: destination id */
	struct pc_rgb color;
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

/* one laid-out text line, for highlights and the 禁則 check */
struct pc_tline {
	int page;
	float y, size;              /* baseline */
	int face;
	size_t n;                   /* characters */
	int32_t *cps;
	size_t *src;                /* source byte offset of each, or PC_NOSRC */
	float *xs;                  /* x of each character, and xs[n] = end */
};

struct pc_fonts;   /* HarfBuzz faces for measuring; loaded once, shared */

struct pc_layout {
	struct pc_arena arena;
	const struct pc_fonts *fonts;
	float pw, ph, ml, mr, mt, mb;   /* page and margins, points */
	int page;                       /* current page, -1 before the first */
	float y;                        /* cursor: top of the next block */
	struct pc_op **ops;             /* per page */
	size_t *nops, *capops;
	size_t npages, cappages;
	struct pc_annot *annots;
	size_t nannots, capannots;
	struct pc_dest *dests;
	size_t ndests, capdests;
	struct pc_outline *outline;
	size_t noutline, capoutline;
	struct pc_tline *lines;
	size_t nlines, caplines;
	uint8_t used[PC_NFACES][0x10000 / 8];   /* code points drawn, per face */
	const char *header;             /* running header text */
	const char *title, *author, *subject;
	bool footer_numbers;
	int first_numbered_page;        /* page numbers start here (after a cover) */
	long long date;                 /* document date (Unix time); 0: now or
					 * $SOURCE_DATE_EPOCH */
	void *brk;                      /* ICU line break iterator, reused */
	uint16_t *u16;                  /* its text buffer */
	size_t capu16;
};

/* fonts: PLANCHECK_FONT_GOTHIC / PLANCHECK_FONT_MINCHO override the
 * fonts-ipaexfont paths.  NULL and *err set when a font is missing. */
const struct pc_fonts *pc_fonts_load(char **err);
const char *pc_font_path(int face);
float pc_text_width(const struct pc_fonts *f, int face, float size, const char *s, size_t n);
float pc_cp_advance(const struct pc_fonts *f, int face, float size, int32_t cp);

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

/* A run of text to lay out: characters with their source offsets. */
struct pc_text {
	int32_t *cps;
	size_t *src;
	size_t n, cap;
};
void pc_text_add(struct pc_layout *L, struct pc_text *t, const char *s, size_t n, size_t src);
void pc_text_add_plain(struct pc_layout *L, struct pc_text *t, const char *s);

struct pc_para_style {
	int face;
	float size, leading;        /* leading: line height / size */
	float indent, first;        /* left indent; extra first-line indent */
	float right;                /* right indent */
	struct pc_rgb color;
	bool center, right_align;
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

/* Tables: cells are texts; widths are fitted to the content. */
struct pc_table_spec {
	size_t ncols;
	float *weights;             /* optional minimum share per column */
	float size;
	bool header;                /* first row is a header: shaded, repeated */
	int *align_right;           /* per column, for numbers */
	int face;                   /* body cells (headers are Gothic) */
};
void pc_lay_table(struct pc_layout *L, struct pc_text *cells, size_t nrows,
		  const struct pc_table_spec *spec);

/* drawing on a page */
void pc_draw_text(struct pc_layout *L, int page, float x, float y, int face, float size,
		  struct pc_rgb c, const char *utf8);
void pc_draw_line(struct pc_layout *L, int page, float x0, float y0, float x1, float y1, float w,
		  struct pc_rgb c);
void pc_draw_rect(struct pc_layout *L, int page, float x, float y, float w, float h, float lw,
		  struct pc_rgb c, bool fill);

/* Rectangles covering source bytes [s, e) on laid-out lines: returns the
 * number of line pieces, writes up to max of them (page, x0, y0, x1, y1). */
struct pc_piece {
	int page;
	float x0, y0, x1, y1;
};
size_t pc_lay_find(const struct pc_layout *L, size_t s, size_t e, struct pc_piece *out, size_t max);
struct pc_annot *pc_lay_annot(struct pc_layout *L, enum pc_annkind k, int page);

/* the 禁則 check reads this: one line of text per laid-out line */
void pc_lay_dump_lines(const struct pc_layout *L, FILE *out);

/* pdf_render.c: write the display list as a PDF, atomically. */
int pc_render_pdf(struct pc_layout *L, const char *path, char *err, size_t errlen);

#endif
