/*
 * docx.c - the Word reader: a .docx (WordprocessingML in a zip, read with
 * libzip through zipfile.c and libxml2 here, the only file that includes
 * it) becomes the same Markdown-like text the body parser reads, with a
 * map from every stretch of that text back to a place a Word user can
 * find: the heading path, the paragraph number within the section, or
 * the table, row and column.
 *
 * Read: body paragraphs; headings by outline level (the paragraph's own,
 * else its style chain's) or by a style named heading N / 見出し N; list
 * and heading numbers as Word draws them (numbering.xml); tables with
 * merged cells (gridSpan: the cell once, then empty cells; vMerge: the
 * first cell's text again, placed at that cell); text boxes after the
 * paragraph that anchors them (one of mc:AlternateContent's versions);
 * the text as it would print (insertions and moves kept, deletions, moved
 * away text, hidden text and field codes dropped).  Left out, and counted
 * in one note: comments, headers and footers, footnotes and endnotes,
 * images and charts, equations, the table of contents.
 */
#include "internal.h"

#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"

/* ---- libxml2 helpers --------------------------------------------------- */

static bool is_ns(const xmlNode *n, const char *href)
{
	return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, href);
}

/* a WordprocessingML element named name (transitional or strict) */
static bool is_w(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
	       (is_ns(n, W_NS) || is_ns(n, W_NS_STRICT));
}

static bool is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* an attribute by its local name, whatever its prefix (w:val) */
static const char *attr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* an on/off property (w:vanish, w:tblHeader): present and not "0"/"false" */
static bool on(const xmlNode *n)
{
	const char *v = attr(n, "val");
	return n && (!v || (strcmp(v, "0") && strcmp(v, "false") && strcmp(v, "off")));
}

static int int_attr(const xmlNode *n, const char *name, int dflt)
{
	const char *v = attr(n, name);
	return v ? atoi(v) : dflt;
}

/* an integer attribute held to [lo, hi]: a file may say anything, and
 * spans, grid offsets and start numbers are added up */
static int int_attr_in(const xmlNode *n, const char *name, int dflt, int lo, int hi)
{
	const char *v = attr(n, name);
	if (!v)
		return dflt;
	long l = strtol(v, NULL, 10);
	return l < lo ? lo : l > hi ? hi : (int)l;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
	xmlInitParser();
}

/* a part of the package as a tree; NULL when absent, too large or not XML */
static xmlDoc *read_part(struct pc_zip *z, const char *name, size_t limit, enum pc_zip_status *st)
{
	char *buf;
	size_t len;
	*st = pc_zip_read(z, name, limit, &buf, &len);
	if (*st != PC_ZIP_OK)
		return NULL;
	/* no network, no entity expansion (the default), no messages on
	 * stderr: XML_PARSE_NOERROR does not cover the encoding converter's
	 * ("encoding error : input conversion failed"), which goes to the
	 * thread's generic handler */
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	xmlDoc *x = xmlReadMemory(buf, (int)(len > 0x7fffffff ? 0x7fffffff : len), name, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	free(buf);
	if (!x)
		*st = PC_ZIP_BROKEN;
	return x;
}

/* ---- styles and numbering ------------------------------------------------- */

struct style {
	const char *id, *name, *based;
	size_t seq;         /* its place in styles.xml */
	int outline;        /* 0..8, -1 unset */
	int numid, ilvl;    /* -1 unset */
	bool toc;
};

enum numfmt { NF_DECIMAL, NF_BULLET, NF_NONE, NF_FULLWIDTH, NF_CIRCLE, NF_UPPER, NF_LOWER, NF_UROMAN, NF_LROMAN,
	      NF_AIUEO, NF_IROHA, NF_KANJI };

struct lvl {
	enum numfmt fmt;
	const char *text;   /* "%1." */
	int start;
};

struct absnum {
	int id;
	size_t seq;
	struct lvl lv[9];
	int count[9];       /* the numbers drawn so far */
	int last;           /* the level drawn last */
};

struct num {
	int id, abs;
	size_t seq;
};

struct dx {
	struct pc_doc *d;
	struct pc_buf out;
	struct style *styles;
	size_t nstyles, capstyles;
	struct absnum *abs;
	size_t nabs, capabs;
	struct num *nums;
	size_t nnums, capnums;
	size_t capplaces;
	/* where the text is now: the heading path and the paragraph count */
	const char *heads[7];
	int para;
	int ntables;
	bool in_textbox;
	const xmlNode **boxes;     /* text boxes anchored in the paragraph being read */
	size_t nboxes, capboxes;
	int field;                 /* complex fields: 1 inside the code, 2 inside the result */
	/* what is left out */
	size_t comments, notes, images, equations, toc, other, cut_cells;
};

/* styles and numbering are looked up once or more per paragraph: sorted
 * by id (the first of equal ids first, as Word takes it) and searched, so
 * a file with many styles costs n log n, not styles x paragraphs */
static int style_cmp(const void *a, const void *b)
{
	const struct style *p = a, *q = b;
	int c = strcmp(p->id, q->id);
	return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

static const struct style *style_of(const struct dx *x, const char *id)
{
	if (!id)
		return NULL;
	size_t lo = 0, hi = x->nstyles;
	while (lo < hi) {   /* the first whose id is not below id */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->styles[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nstyles && !strcmp(x->styles[lo].id, id) ? &x->styles[lo] : NULL;
}

static enum numfmt parse_fmt(const char *v)
{
	static const struct {
		const char *name;
		enum numfmt f;
	} t[] = {{"bullet", NF_BULLET}, {"none", NF_NONE}, {"decimalFullWidth", NF_FULLWIDTH},
		 {"decimalFullWidth2", NF_FULLWIDTH}, {"decimalEnclosedCircle", NF_CIRCLE},
		 {"decimalEnclosedCircleChinese", NF_CIRCLE}, {"upperLetter", NF_UPPER}, {"lowerLetter", NF_LOWER},
		 {"upperRoman", NF_UROMAN}, {"lowerRoman", NF_LROMAN}, {"aiueoFullWidth", NF_AIUEO},
		 {"aiueo", NF_AIUEO}, {"irohaFullWidth", NF_IROHA}, {"iroha", NF_IROHA},
		 {"japaneseCounting", NF_KANJI}, {"ideographDigital", NF_KANJI}};
	for (size_t i = 0; v && i < PC_ARRAY_LEN(t); i++)
		if (!strcmp(v, t[i].name))
			return t[i].f;
	return NF_DECIMAL;
}

static void read_styles(struct dx *x, xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *s = root ? root->children : NULL; s; s = s->next) {
		if (!is_w(s, "style"))
			continue;
		const char *type = attr(s, "type"), *id = attr(s, "styleId");
		if (!id || (type && strcmp(type, "paragraph")))
			continue;
		x->styles = pc_grow(&x->d->arena, x->styles, &x->capstyles, x->nstyles + 1, sizeof(*x->styles));
		struct style *st = &x->styles[x->nstyles++];
		memset(st, 0, sizeof(*st));
		st->id = pc_arena_strdup(&x->d->arena, id);
		st->seq = x->nstyles;
		st->outline = st->numid = st->ilvl = -1;
		const char *nm = attr(child(s, "name"), "val");
		st->name = pc_arena_strdup(&x->d->arena, nm ? nm : id);
		const char *b = attr(child(s, "basedOn"), "val");
		st->based = b ? pc_arena_strdup(&x->d->arena, b) : NULL;
		const xmlNode *ppr = child(s, "pPr");
		if (child(ppr, "outlineLvl"))
			st->outline = int_attr(child(ppr, "outlineLvl"), "val", -1);
		const xmlNode *np = child(ppr, "numPr");
		if (np) {
			st->numid = int_attr(child(np, "numId"), "val", -1);
			st->ilvl = int_attr(child(np, "ilvl"), "val", -1);
		}
		/* "toc 1" … and "TOC Heading": the table of contents */
		st->toc = !strncasecmp(st->name, "toc ", 4) || !strcasecmp(st->name, "toc heading") ||
			  !strncmp(st->name, "目次", strlen("目次"));
	}
	if (x->nstyles > 1)
		qsort(x->styles, x->nstyles, sizeof(*x->styles), style_cmp);
}

static int num_cmp(const void *a, const void *b)
{
	const struct num *p = a, *q = b;
	return p->id != q->id ? (p->id > q->id) - (p->id < q->id) : (p->seq > q->seq) - (p->seq < q->seq);
}

static int abs_cmp(const void *a, const void *b)
{
	const struct absnum *p = a, *q = b;
	return p->id != q->id ? (p->id > q->id) - (p->id < q->id) : (p->seq > q->seq) - (p->seq < q->seq);
}

static void read_numbering(struct dx *x, xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (is_w(n, "abstractNum")) {
			x->abs = pc_grow(&x->d->arena, x->abs, &x->capabs, x->nabs + 1, sizeof(*x->abs));
			struct absnum *a = &x->abs[x->nabs++];
			memset(a, 0, sizeof(*a));
			a->id = int_attr(n, "abstractNumId", -1);
			a->seq = x->nabs;
			a->last = -1;
			for (int k = 0; k < 9; k++)
				a->lv[k].start = 1;
			for (const xmlNode *l = n->children; l; l = l->next) {
				if (!is_w(l, "lvl"))
					continue;
				int il = int_attr(l, "ilvl", -1);
				if (il < 0 || il > 8)
					continue;
				a->lv[il].fmt = parse_fmt(attr(child(l, "numFmt"), "val"));
				const char *lt = attr(child(l, "lvlText"), "val");
				a->lv[il].text = lt ? pc_arena_strdup(&x->d->arena, lt) : NULL;
				/* Word's own range; counting on from INT_MAX would overflow */
				a->lv[il].start = int_attr_in(child(l, "start"), "val", 1, 0, 32767);
			}
		} else if (is_w(n, "num")) {
			x->nums = pc_grow(&x->d->arena, x->nums, &x->capnums, x->nnums + 1, sizeof(*x->nums));
			x->nums[x->nnums] = (struct num){int_attr(n, "numId", -1), int_attr(child(n, "abstractNumId"), "val", -1),
							 x->nnums};
			x->nnums++;
		}
	}
	if (x->nnums > 1)
		qsort(x->nums, x->nnums, sizeof(*x->nums), num_cmp);
	if (x->nabs > 1)
		qsort(x->abs, x->nabs, sizeof(*x->abs), abs_cmp);
}

/* the first entry of a sorted array whose int key (at offset off) is not
 * below key */
static size_t lower_bound(const void *arr, size_t n, size_t size, size_t off, int key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k;
		memcpy(&k, (const char *)arr + mid * size + off, sizeof(k));
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct absnum *absnum_of(struct dx *x, int numid)
{
	size_t i = lower_bound(x->nums, x->nnums, sizeof(*x->nums), offsetof(struct num, id), numid);
	if (i >= x->nnums || x->nums[i].id != numid)
		return NULL;
	size_t k = lower_bound(x->abs, x->nabs, sizeof(*x->abs), offsetof(struct absnum, id), x->nums[i].abs);
	return k < x->nabs && x->abs[k].id == x->nums[i].abs ? &x->abs[k] : NULL;
}

/* a number as a numbering format draws it */
static void put_number(struct pc_buf *b, enum numfmt f, int n)
{
	static const char *const kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ",
					   "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト"};
	static const char *const iroha[] = {"イ", "ロ", "ハ", "ニ", "ホ", "ヘ", "ト", "チ", "リ", "ヌ"};
	static const char *const kanji[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
	char tmp[32];
	if (n < 0)
		n = 0;
	switch (f) {
	case NF_FULLWIDTH:
		snprintf(tmp, sizeof(tmp), "%d", n);
		for (char *p = tmp; *p; p++) {
			char u[4];
			size_t l = pc_utf8_put(u, 0xFF10 + (*p - '0'));
			pc_buf_add(b, u, l);
		}
		return;
	case NF_CIRCLE:
		if (n >= 1 && n <= 20) {
			char u[4];
			pc_buf_add(b, u, pc_utf8_put(u, 0x2460 + n - 1));
			return;
		}
		break;
	case NF_UPPER:
	case NF_LOWER:
		if (n >= 1 && n <= 26) {
			pc_buf_putc(b, (char)((f == NF_UPPER ? 'A' : 'a') + n - 1));
			return;
		}
		break;
	case NF_UROMAN:
	case NF_LROMAN:
		if (n >= 1 && n <= 20) {
			for (const char *p = roman[n - 1]; *p; p++)
				pc_buf_putc(b, f == NF_UROMAN ? *p : (char)(*p - 'A' + 'a'));
			return;
		}
		break;
	case NF_AIUEO:
		if (n >= 1 && n <= 20) {
			pc_buf_puts(b, kana[n - 1]);
			return;
		}
		break;
	case NF_IROHA:
		if (n >= 1 && n <= 10) {
			pc_buf_puts(b, iroha[n - 1]);
			return;
		}
		break;
	case NF_KANJI:
		if (n >= 0 && n <= 10) {
			pc_buf_puts(b, kanji[n]);
			return;
		}
		if (n < 20) {
			pc_buf_puts(b, "十");
			pc_buf_puts(b, kanji[n - 10]);
			return;
		}
		break;
	default:
		break;
	}
	snprintf(tmp, sizeof(tmp), "%d", n);
	pc_buf_puts(b, tmp);
}

/* The label Word draws before a numbered paragraph ("1.", "（１）", "①"),
 * counting as Word does: a level's number goes up, the deeper levels start
 * again.  *bullet when it is a bullet (then no label).  NULL when none. */
static const char *number_label(struct dx *x, int numid, int ilvl, bool *bullet)
{
	*bullet = false;
	if (numid <= 0 || ilvl < 0 || ilvl > 8)
		return NULL;
	struct absnum *a = absnum_of(x, numid);
	if (!a)
		return NULL;
	const struct lvl *lv = &a->lv[ilvl];
	if (lv->fmt == NF_BULLET) {
		*bullet = true;
		return NULL;
	}
	if (lv->fmt == NF_NONE && (!lv->text || !strchr(lv->text, '%')))
		return lv->text && *lv->text ? pc_arena_strdup(&x->d->arena, lv->text) : NULL;
	for (int k = ilvl + 1; k < 9; k++)
		a->count[k] = 0;
	a->count[ilvl] = a->count[ilvl] ? a->count[ilvl] + (a->count[ilvl] < INT_MAX) : a->lv[ilvl].start;
	for (int k = 0; k < ilvl; k++)
		if (!a->count[k])
			a->count[k] = a->lv[k].start;
	a->last = ilvl;
	struct pc_buf b = {0};
	const char *t = lv->text ? lv->text : "%1.";
	for (const char *p = t; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			put_number(&b, a->lv[k].fmt == NF_BULLET ? NF_DECIMAL : a->lv[k].fmt, a->count[k]);
			p++;
		} else
			pc_buf_putc(&b, *p);
	}
	const char *s = pc_arena_strdup(&x->d->arena, b.s ? b.s : "");
	pc_buf_free(&b);
	return *s ? s : NULL;
}

/* ---- paragraphs ------------------------------------------------------------ */

/* the heading level of a paragraph (1..6), 0 for body text; *toc when it
 * is a line of the table of contents */
static int heading_level(const struct dx *x, const xmlNode *ppr, bool *toc)
{
	*toc = false;
	const xmlNode *ol = child(ppr, "outlineLvl");
	int outline = ol ? int_attr(ol, "val", 9) : -1;
	const struct style *st = style_of(x, attr(child(ppr, "pStyle"), "val"));
	if (!st)
		st = style_of(x, "Normal");
	for (int depth = 0; st && depth < 16; depth++) {
		if (st->toc)
			*toc = true;
		if (outline < 0 && st->outline >= 0)
			outline = st->outline;
		if (outline < 0) {
			/* the name: "heading 3" (Word keeps the English name
			 * whatever the interface language), "見出し 3", "Heading3" */
			const char *nm = st->name;
			int lv = 0;
			if (!strncasecmp(nm, "heading", 7))
				lv = atoi(nm + 7 + (nm[7] == ' '));
			else if (!strncmp(nm, "見出し", strlen("見出し")))
				lv = atoi(nm + strlen("見出し") + (nm[strlen("見出し")] == ' '));
			if (lv >= 1 && lv <= 9)
				outline = lv - 1;
		}
		st = style_of(x, st->based);
	}
	if (outline < 0 || outline >= 9)
		return 0;
	return outline + 1 > 6 ? 6 : outline + 1;
}

/* the numbering of a paragraph: its own numPr, else its style chain's */
static void numbering_of(const struct dx *x, const xmlNode *ppr, int *numid, int *ilvl)
{
	*numid = -1;
	*ilvl = -1;
	const xmlNode *np = child(ppr, "numPr");
	if (np) {
		*numid = int_attr(child(np, "numId"), "val", -1);
		*ilvl = int_attr(child(np, "ilvl"), "val", -1);
	}
	const struct style *st = style_of(x, attr(child(ppr, "pStyle"), "val"));
	for (int depth = 0; st && depth < 16 && (*numid < 0 || *ilvl < 0); depth++) {
		if (*numid < 0 && st->numid >= 0)
			*numid = st->numid;
		if (*ilvl < 0 && st->ilvl >= 0)
			*ilvl = st->ilvl;
		st = style_of(x, st->based);
	}
	if (*numid >= 0 && *ilvl < 0)
		*ilvl = 0;
}

/* a text box's content inside a drawing or a VML shape */
static void find_boxes(struct dx *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "txbxContent")) {
			x->boxes = pc_grow(&x->d->arena, x->boxes, &x->capboxes, x->nboxes + 1, sizeof(*x->boxes));
			x->boxes[x->nboxes++] = c;
			continue;
		}
		if (is_el(c, "AlternateContent") && is_ns(c, MC_NS)) {
			/* the same shape twice (DrawingML and VML): the first version */
			for (const xmlNode *v = c->children; v; v = v->next)
				if (v->type == XML_ELEMENT_NODE) {
					find_boxes(x, v);
					break;
				}
			continue;
		}
		find_boxes(x, c);
	}
}

/* does a drawing hold a picture or a chart (not only a text box)? */
static bool has_picture(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "blip") || is_el(c, "imagedata") || is_el(c, "chart") || is_el(c, "relIds"))
			return true;
		if (is_w(c, "txbxContent"))
			continue;
		if (is_el(c, "AlternateContent")) {
			for (const xmlNode *v = c->children; v; v = v->next)
				if (v->type == XML_ELEMENT_NODE)
					return has_picture(v);
			continue;
		}
		if (has_picture(c))
			return true;
	}
	return false;
}

/* the text of a paragraph's runs, as it would print; brk: what a line
 * break becomes */
static void collect(struct dx *x, const xmlNode *n, struct pc_buf *b, const char *brk)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "r")) {
			if (on(child(child(c, "rPr"), "vanish")))
				continue;   /* hidden text does not print */
			for (const xmlNode *e = c->children; e; e = e->next) {
				if (e->type != XML_ELEMENT_NODE)
					continue;
				if (is_w(e, "fldChar")) {
					const char *t = attr(e, "fldCharType");
					if (t && !strcmp(t, "begin"))
						x->field = 1;
					else if (t && !strcmp(t, "separate"))
						x->field = 2;
					else if (t && !strcmp(t, "end"))
						x->field = 0;
				} else if (x->field == 1) {
					continue;   /* a field's code, not its result */
				} else if (is_w(e, "t")) {
					for (const xmlNode *tn = e->children; tn; tn = tn->next)
						if ((tn->type == XML_TEXT_NODE || tn->type == XML_CDATA_SECTION_NODE) && tn->content)
							pc_buf_puts(b, (const char *)tn->content);
				} else if (is_w(e, "tab") || is_w(e, "ptab")) {
					pc_buf_putc(b, ' ');
				} else if (is_w(e, "br") || is_w(e, "cr")) {
					const char *ty = attr(e, "type");
					if (!ty || !strcmp(ty, "textWrapping"))
						pc_buf_puts(b, brk);
				} else if (is_w(e, "noBreakHyphen")) {
					pc_buf_putc(b, '-');
				} else if (is_w(e, "sym")) {
					const char *ch = attr(e, "char");
					long cp = ch ? strtol(ch, NULL, 16) : 0;
					/* a character, not a private-use symbol font glyph,
					 * a surrogate or beyond Unicode (not UTF-8 then) */
					if (cp >= 0x20 && (cp < 0xD800 || (cp > 0xDFFF && cp < 0xE000) ||
							   (cp > 0xF8FF && cp <= 0x10FFFF))) {
						char u[4];
						pc_buf_add(b, u, pc_utf8_put(u, (int32_t)cp));
					}
				} else if (is_w(e, "drawing") || is_w(e, "pict") || is_w(e, "object") ||
					   (is_el(e, "AlternateContent") && is_ns(e, MC_NS))) {
					/* of mc:AlternateContent's versions of one shape, the first */
					const xmlNode *v = e;
					if (is_el(e, "AlternateContent"))
						for (v = e->children; v && v->type != XML_ELEMENT_NODE;)
							v = v->next;
					if (!v)
						continue;
					size_t before = x->nboxes;
					find_boxes(x, v);
					if (has_picture(v) || (x->nboxes == before && !is_w(v, "pict")))
						x->images++;
				} else if (is_w(e, "commentReference")) {
					x->comments++;
				} else if (is_w(e, "footnoteReference") || is_w(e, "endnoteReference")) {
					x->notes++;
				}
			}
		} else if (is_w(c, "del") || is_w(c, "moveFrom")) {
			continue;   /* deleted in tracked changes */
		} else if (is_w(c, "fldSimple") || is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "hyperlink") ||
			   is_w(c, "smartTag") || is_w(c, "customXml") || is_w(c, "dir") || is_w(c, "bdo")) {
			collect(x, c, b, brk);
		} else if (is_w(c, "sdt")) {
			const xmlNode *sc = child(c, "sdtContent");
			if (sc)
				collect(x, sc, b, brk);
		} else if (is_el(c, "oMath") || is_el(c, "oMathPara")) {
			x->equations++;
		} else if (is_el(c, "AlternateContent") && is_ns(c, MC_NS)) {
			for (const xmlNode *v = c->children; v; v = v->next)
				if (v->type == XML_ELEMENT_NODE) {
					collect(x, v, b, brk);
					break;
				}
		}
	}
}

/* spaces (and U+3000) at both ends of [s, e) of the buffer */
static void trim(const struct pc_buf *b, size_t *s, size_t *e)
{
	for (;;) {
		if (*s < *e && (b->s[*s] == ' ' || b->s[*s] == '\t'))
			(*s)++;
		else if (*e - *s >= 3 && !memcmp(b->s + *s, "\u3000", 3))
			*s += 3;
		else
			break;
	}
	for (;;) {
		if (*e > *s && (b->s[*e - 1] == ' ' || b->s[*e - 1] == '\t' || b->s[*e - 1] == '\n'))
			(*e)--;
		else if (*e - *s >= 3 && !memcmp(b->s + *e - 3, "\u3000", 3))
			*e -= 3;
		else
			break;
	}
}

static const char *head_path(struct dx *x)
{
	struct pc_buf b = {0};
	for (int k = 1; k <= 6; k++)
		if (x->heads[k]) {
			if (b.len)
				pc_buf_puts(&b, " › ");
			pc_buf_puts(&b, x->heads[k]);
		}
	const char *s = b.len ? pc_arena_strdup(&x->d->arena, b.s) : NULL;
	pc_buf_free(&b);
	return s;
}

static struct pc_place *add_place(struct dx *x, size_t start, size_t end)
{
	struct pc_doc *d = x->d;
	d->places = pc_grow(&d->arena, d->places, &x->capplaces, d->nplaces + 1, sizeof(*d->places));
	struct pc_place *p = &d->places[d->nplaces++];
	memset(p, 0, sizeof(*p));
	p->start = start;
	p->end = end;
	p->heading = head_path(x);
	p->textbox = x->in_textbox;
	return p;
}

static void blocks(struct dx *x, const xmlNode *parent);

static void paragraph(struct dx *x, const xmlNode *p)
{
	const xmlNode *ppr = child(p, "pPr");
	bool toc;
	int level = heading_level(x, ppr, &toc);
	size_t box0 = x->nboxes;
	struct pc_buf t = {0};
	x->field = 0;
	collect(x, p, &t, level ? " " : "\n");
	if (toc) {
		x->toc += t.len > 0;
		pc_buf_free(&t);
		return;
	}
	int numid, ilvl;
	numbering_of(x, ppr, &numid, &ilvl);
	bool bullet = false;
	const char *label = number_label(x, numid, ilvl, &bullet);
	size_t s = 0, e = t.len;
	if (t.s)
		trim(&t, &s, &e);
	struct pc_buf *o = &x->out;
	if (e > s) {
		if (level) {
			for (int k = level; k <= 6; k++)
				x->heads[k] = NULL;
			for (int k = 0; k < level; k++)
				pc_buf_putc(o, '#');
			pc_buf_putc(o, ' ');
			size_t ts = o->len;
			if (label) {
				pc_buf_puts(o, label);
				pc_buf_putc(o, ' ');
			}
			pc_buf_add(o, t.s + s, e - s);
			x->heads[level] = pc_arena_strndup(&x->d->arena, o->s + ts, o->len - ts);
			struct pc_place *pl = add_place(x, ts, o->len);
			pl->is_heading = true;
			x->para = 0;
		} else {
			x->para++;
			size_t ps = o->len;
			if (bullet)
				pc_buf_puts(o, "- ");
			else if (label) {
				/* "1." stays a Markdown list item; "（１）", "①" lead the text */
				size_t ll = strlen(label);
				bool md = ll >= 2 && (label[ll - 1] == '.' || label[ll - 1] == ')') && label[0] >= '0' &&
					  label[0] <= '9';
				pc_buf_puts(o, label);
				pc_buf_putc(o, ' ');
				(void)md;
			} else if (t.s[s] == '#' || !strncmp(t.s + s, "\uFF03", 3) || t.s[s] == '|')
				pc_buf_putc(o, ' ');   /* typed text, not a heading or a table row */
			/* a line break inside the paragraph must not start a
			 * heading or a table row either */
			for (size_t i = s; i < e; i++) {
				pc_buf_putc(o, t.s[i]);
				if (t.s[i] == '\n' && i + 1 < e && (t.s[i + 1] == '#' || t.s[i + 1] == '|'))
					pc_buf_putc(o, ' ');
			}
			struct pc_place *pl = add_place(x, ps, o->len);
			pl->para = x->para;
		}
		pc_buf_puts(o, "\n\n");
	}
	pc_buf_free(&t);
	/* text boxes anchored here, in reading order after it */
	size_t box1 = x->nboxes;
	for (size_t k = box0; k < box1; k++) {
		bool was = x->in_textbox;
		x->in_textbox = true;
		blocks(x, x->boxes[k]);
		x->in_textbox = was;
	}
	x->nboxes = box0;
}

/* ---- tables ---------------------------------------------------------------- */

/* the elements named name under n, looking through content controls and
 * custom XML (rows and cells may be wrapped in them), appended to *out
 * (grown in the arena: a table may have any number of rows) */
static void gather(struct dx *x, const xmlNode *n, const char *name, const xmlNode ***out, size_t *k, size_t *cap)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, name)) {
			*out = pc_grow(&x->d->arena, *out, cap, *k + 1, sizeof(**out));
			(*out)[(*k)++] = c;
		} else if (is_w(c, "sdt") && child(c, "sdtContent"))
			gather(x, child(c, "sdtContent"), name, out, k, cap);
		else if (is_w(c, "customXml"))
			gather(x, c, name, out, k, cap);
	}
}

/* a cell's text: its paragraphs (and nested tables' cells) joined by spaces */
static void cell_text(struct dx *x, const xmlNode *n, struct pc_buf *b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "p")) {
			struct pc_buf t = {0};
			x->field = 0;
			size_t box0 = x->nboxes;
			collect(x, c, &t, " ");
			x->nboxes = box0;
			int numid, ilvl;
			bool bullet;
			numbering_of(x, child(c, "pPr"), &numid, &ilvl);
			const char *label = number_label(x, numid, ilvl, &bullet);
			size_t s = 0, e = t.len;
			if (t.s)
				trim(&t, &s, &e);
			if (e > s) {
				if (b->len)
					pc_buf_putc(b, ' ');
				if (label) {
					pc_buf_puts(b, label);
					pc_buf_putc(b, ' ');
				}
				for (size_t i = s; i < e; i++) {
					if (t.s[i] == '|')
						pc_buf_putc(b, '\\');
					pc_buf_putc(b, t.s[i] == '\n' ? ' ' : t.s[i]);
				}
			}
			pc_buf_free(&t);
		} else if (is_w(c, "tbl") || is_w(c, "tr") || is_w(c, "tc") || is_w(c, "sdtContent") ||
			   is_w(c, "customXml")) {
			cell_text(x, c, b);
		} else if (is_w(c, "sdt")) {
			cell_text(x, c, b);
		}
	}
}

struct gridcell {
	const char *text;
	size_t len;
	int row, col, span;   /* where the text is in Word (a merged cell: its first) */
};

/* Word makes at most 63 columns; a table wider than this is not a
 * draft's, and its cells past the edge are counted as left out */
#define MAX_COLS 256

static void table(struct dx *x, const xmlNode *tbl)
{
	const xmlNode **rows = NULL, **cells = NULL;
	size_t nrows = 0, caprows = 0, capcells = 0;
	gather(x, tbl, "tr", &rows, &nrows, &caprows);
	if (!nrows)
		return;
	int ncols = 0;
	for (const xmlNode *g = child(child(tbl, "tblGrid"), "gridCol"); g && ncols < MAX_COLS; g = g->next)
		ncols += is_w(g, "gridCol");
	/* the widest row, when the grid says less */
	for (size_t r = 0; r < nrows && ncols < MAX_COLS; r++) {
		size_t nc = 0;
		gather(x, rows[r], "tc", &cells, &nc, &capcells);
		const xmlNode *trpr = child(rows[r], "trPr");
		int w = int_attr_in(child(trpr, "gridBefore"), "val", 0, 0, MAX_COLS) +
			int_attr_in(child(trpr, "gridAfter"), "val", 0, 0, MAX_COLS);
		for (size_t c = 0; c < nc && w < MAX_COLS; c++)
			w += int_attr_in(child(child(cells[c], "tcPr"), "gridSpan"), "val", 1, 1, 64);
		if (w > ncols)
			ncols = w;
	}
	if (ncols <= 0)
		return;
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	x->ntables++;
	struct pc_arena *a = &x->d->arena;
	struct gridcell *above = pc_arena_alloc(a, (size_t)ncols * sizeof(*above));
	struct gridcell *line = pc_arena_alloc(a, (size_t)ncols * sizeof(*line));
	struct pc_buf *o = &x->out;
	const char *path = head_path(x);
	for (size_t r = 0; r < nrows; r++) {
		memset(line, 0, (size_t)ncols * sizeof(*line));
		size_t nc = 0;
		gather(x, rows[r], "tc", &cells, &nc, &capcells);
		int col = int_attr_in(child(child(rows[r], "trPr"), "gridBefore"), "val", 0, 0, MAX_COLS);
		for (size_t c = 0; c < nc; c++) {
			if (col >= ncols) {
				x->cut_cells += nc - c;
				break;
			}
			const xmlNode *tcpr = child(cells[c], "tcPr");
			int sp = int_attr_in(child(tcpr, "gridSpan"), "val", 1, 1, MAX_COLS);
			const xmlNode *vm = child(tcpr, "vMerge");
			const char *vv = attr(vm, "val");
			if (vm && (!vv || !strcmp(vv, "continue")) && above[col].text) {
				/* a cell merged with the one above: its text again, at that cell */
				line[col] = above[col];
			} else {
				struct pc_buf b = {0};
				cell_text(x, cells[c], &b);
				line[col].text = pc_arena_strndup(a, b.s ? b.s : "", b.len);
				line[col].len = b.len;
				line[col].row = (int)r + 1;
				line[col].col = col + 1;
				line[col].span = sp;
				pc_buf_free(&b);
			}
			for (int k = 1; k < sp && col + k < ncols; k++)
				line[col + k] = (struct gridcell){"", 0, (int)r + 1, col + k + 1, 0};
			col += sp;
		}
		/* the row as "| a | b |", each cell's text placed */
		pc_buf_putc(o, '|');
		for (int k = 0; k < ncols; k++) {
			pc_buf_putc(o, ' ');
			size_t cs = o->len;
			if (line[k].text)
				pc_buf_add(o, line[k].text, line[k].len);
			if (line[k].len) {
				struct pc_place *pl = add_place(x, cs, o->len);
				pl->heading = path;
				pl->table = x->ntables;
				pl->row = line[k].row;
				pl->col = line[k].col;
			}
			pc_buf_puts(o, " |");
			above[k] = line[k];
		}
		pc_buf_putc(o, '\n');
		if (r == 0) {
			pc_buf_putc(o, '|');
			for (int k = 0; k < ncols; k++)
				pc_buf_puts(o, "---|");
			pc_buf_putc(o, '\n');
		}
	}
	pc_buf_putc(o, '\n');
}

/* ---- the body ------------------------------------------------------------------ */

static bool is_toc_sdt(const xmlNode *sdt)
{
	const xmlNode *pr = child(sdt, "sdtPr");
	const char *g = attr(child(child(pr, "docPartObj"), "docPartGallery"), "val");
	return g && !strcmp(g, "Table of Contents");
}

static void blocks(struct dx *x, const xmlNode *parent)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "p"))
			paragraph(x, c);
		else if (is_w(c, "tbl"))
			table(x, c);
		else if (is_w(c, "sdt")) {
			if (is_toc_sdt(c))
				x->toc++;
			else if (child(c, "sdtContent"))
				blocks(x, child(c, "sdtContent"));
		} else if (is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo"))
			blocks(x, c);
		else if (is_el(c, "AlternateContent") && is_ns(c, MC_NS)) {
			for (const xmlNode *v = c->children; v; v = v->next)
				if (v->type == XML_ELEMENT_NODE) {
					blocks(x, v);
					break;
				}
		} else if (is_w(c, "altChunk"))
			x->other++;
	}
}

/* the main part's name, from the package relationships */
static const char *main_part(struct pc_doc *d, struct pc_zip *z)
{
	enum pc_zip_status st;
	xmlDoc *rels = read_part(z, "_rels/.rels", 1u << 20, &st);
	const char *name = "word/document.xml";
	for (const xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
		const char *type = attr(r, "Type"), *target = attr(r, "Target");
		size_t tl = type ? strlen(type) : 0;
		if (target && tl > 15 && !strcmp(type + tl - 15, "/officeDocument")) {
			while (*target == '/')
				target++;
			if (*target && !strstr(target, ".."))
				name = pc_arena_strdup(&d->arena, target);
			break;
		}
	}
	if (rels)
		xmlFreeDoc(rels);
	return name;
}

/* a draft whose text cannot be read, with the reason */
static void unreadable(struct pc_doc *d, bool too_large)
{
	d->text = pc_arena_strdup(&d->arena, "");
	d->len = 0;
	d->nplaces = 0;
	d->unreadable = true;
	pc_finding_add(d, "plan.format", PC_ERROR, 0, 0, "%s",
		       too_large ? "Word ファイルの本文が大きすぎて読めません"
				 : "Word ファイル（.docx）ですが、壊れているため本文を読めません")
		->suggestion = too_large ? "事業計画書だけを別のファイルに保存してください（上限は --max-size で変更できます）"
					 : "Word で開けるか確かめ、.docx 形式で保存し直してください";
}

void pc_read_docx(struct pc_doc *d, const char *bytes, size_t n)
{
	pthread_once(&xml_once, xml_init);
	d->source = PC_SRC_DOCX;
	d->enc = PC_ENC_UTF8;
	struct pc_zip *z = pc_zip_open(bytes, n);
	enum pc_zip_status st = PC_ZIP_BROKEN;
	/* the XML of a draft is some times larger than its zip: a cap of
	 * twice the size limit, so a zip bomb costs no more */
	size_t cap = d->opts.max_size * 2;
	xmlDoc *doc = z ? read_part(z, main_part(d, z), cap, &st) : NULL;
	if (!doc) {
		unreadable(d, st == PC_ZIP_TOO_LARGE);
		pc_zip_close(z);
		return;
	}
	struct dx x = {.d = d};
	xmlDoc *styles = read_part(z, "word/styles.xml", cap, &st);
	if (styles) {
		read_styles(&x, styles);
		xmlFreeDoc(styles);
	}
	xmlDoc *numbering = read_part(z, "word/numbering.xml", cap, &st);
	if (numbering) {
		read_numbering(&x, numbering);
		xmlFreeDoc(numbering);
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *body = child(root, "body");
	if (body)
		blocks(&x, body);
	xmlFreeDoc(doc);
	size_t headers = pc_zip_count(z, "word/header", ".xml") + pc_zip_count(z, "word/footer", ".xml");
	pc_zip_close(z);
	if (x.out.len > d->opts.max_size) {
		/* the same limit as a text draft's (the XML may be twice it) */
		pc_buf_free(&x.out);
		unreadable(d, true);
		return;
	}

	d->text = pc_arena_strndup(&d->arena, x.out.s ? x.out.s : "", x.out.len);
	d->len = x.out.len;
	pc_buf_free(&x.out);

	/* what was left out, in one note */
	struct pc_buf b = {0};
	struct {
		size_t n;
		const char *what;
	} left[] = {{x.comments, "コメント %zu 件"},      {headers, "ヘッダー・フッター %zu か所"},
		    {x.notes, "脚注 %zu 件"},             {x.images, "画像・図 %zu 点"},
		    {x.equations, "数式 %zu 個"},         {x.toc, "目次 %zu 行"},
		    {x.other, "埋め込まれた文書 %zu 個"},  {x.cut_cells, "表の 257 列目から先のセル %zu 個"}};
	for (size_t i = 0; i < PC_ARRAY_LEN(left); i++) {
		if (!left[i].n)
			continue;
		if (b.len)
			pc_buf_puts(&b, "、");
		pc_buf_printf(&b, left[i].what, left[i].n);
	}
	struct pc_finding *f = pc_finding_add(d, "plan.docx", PC_INFO, 0, 0, "Word ファイル（.docx）の本文を読みました%s%s%s",
					      b.len ? "（" : "", b.len ? b.s : "", b.len ? "は検査の対象外です）" : "");
	f->suggestion = "見出しには Word の「見出し 1」「見出し 2」スタイルを使うと、構成を正しく読み取れます";
	pc_buf_free(&b);
}

/* ---- places -------------------------------------------------------------------- */

const struct pc_place *pc_doc_place(const struct pc_doc *d, size_t off)
{
	size_t lo = 0, hi = d->nplaces;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->places[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return d->nplaces ? &d->places[0] : NULL;
	const struct pc_place *p = &d->places[lo - 1];
	/* between two places (a line end, a table's rule): the next one */
	if (off >= p->end && lo < d->nplaces && off >= p->end + 1)
		return &d->places[lo];
	return p;
}

const char *pc_place_where(struct pc_arena *a, const struct pc_doc *d, size_t start, size_t end)
{
	const struct pc_place *p = pc_doc_place(d, start);
	if (!p)
		return NULL;
	if (start == 0 && end == 0)
		return "文書全体";   /* a finding about the draft, not a place in it */
	const char *in = p->heading ? pc_arena_printf(a, "「%s」", p->heading) : "文書の冒頭";
	if (p->table)
		return p->heading ? pc_arena_printf(a, "表 %d の %d 行 %d 列（%sの中）", p->table, p->row, p->col, in)
				  : pc_arena_printf(a, "表 %d の %d 行 %d 列", p->table, p->row, p->col);
	if (p->is_heading)
		return pc_arena_printf(a, "見出し%s", in);
	return pc_arena_printf(a, "%sの %d 段落目%s", in, p->para, p->textbox ? "（テキストボックス）" : "");
}

const char *pc_place_quote(struct pc_arena *a, const struct pc_doc *d, size_t start, size_t end)
{
	const struct pc_place *p = pc_doc_place(d, start);
	if (!p)
		return NULL;
	if (start == 0 && end == 0)
		return "";
	size_t s = start, e = end;
	if (e <= s) {   /* nothing flagged: the start of its paragraph or cell */
		s = p->start;
		e = p->end;
	}
	if (s > d->len)
		s = d->len;
	if (e > d->len)
		e = d->len;
	/* a word or two: with some of its paragraph around it, to find it by */
	if (pc_utf8_count(d->text + s, e - s) < 8) {
		for (int k = 0; k < 10 && s > p->start && s > 0; k++) {
			s--;
			while (s > p->start && ((unsigned char)d->text[s] & 0xC0) == 0x80)
				s--;
		}
		for (int k = 0; k < 10 && e < p->end && e < d->len; k++)
			(void)pc_u8(d->text, d->len, &e);
	}
	/* at most 40 characters, cut at a character */
	size_t k = s, n = 0;
	while (k < e && n < 40) {
		(void)pc_u8(d->text, e, &k);
		n++;
	}
	return pc_arena_printf(a, "%.*s%s", (int)(k - s), d->text + s, k < e ? "…" : "");
}
