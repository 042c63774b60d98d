/*
 * internal.h - structures shared by plancheck's modules but not part of the
 * public API: the document (source bytes, line map, front-matter tree, body
 * blocks, findings) and the YAML node tree used for both plans and rule
 * files.  Every pointer here points into the owning document's arena.
 */
#ifndef PC_INTERNAL_H
#define PC_INTERNAL_H

#include "plancheck.h"
#include <stdatomic.h>
#include <stdbool.h>

#define PC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The UTF-8 decoder every scanning loop calls, inline: ASCII and the
 * three-byte characters that make up most of a Japanese plan are decided
 * here; everything else (and every error) goes to pc_utf8_next. */
static inline int32_t pc_u8(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] >= 0xE1 && p[0] <= 0xEC && len - *i >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*i += 3;
		return ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	return pc_utf8_next(s, len, i);
}

/* FNV-1a over n bytes, continuing from h (PC_FNV_SEED to start): the
 * hash behind the spelling cache, the field index and SARIF fingerprints */
#define PC_FNV_SEED 1469598103934665603ULL
/* a file's contents, eight bytes at a time (the rule cache's check that a
 * file or a stored tree is the one it was: not for hash tables) */
uint64_t pc_hash64(const char *s, size_t n);
uint64_t pc_fnv1a(const char *s, size_t n, uint64_t h);

/* ---- YAML tree (yaml.c) ------------------------------------------------ */

enum pc_ykind { PC_Y_SCALAR, PC_Y_MAP, PC_Y_SEQ, PC_Y_NULL };

/* What a scalar was read as, once the plan schema has typed it. */
enum pc_vtype {
	PC_V_NONE = 0,  /* untyped (rule files) or failed to read */
	PC_V_TEXT,
	PC_V_INT,
	PC_V_AMOUNT,    /* yen */
	PC_V_DATE,      /* days since 1970-01-01 */
	PC_V_BOOL,
	PC_V_PERCENT    /* millionths of one: 12.5% is 125000 */
};

/* (the small fields together: 80 bytes, not 96 - a big front matter is
 * mostly these) */
struct pc_ynode {
	enum pc_ykind kind;
	enum pc_vtype vtype;        /* typed value, filled by the plan schema */
	size_t start, end;          /* byte span in the source text */
	/* scalar */
	const char *str;            /* NUL-terminated copy of the value */
	size_t len;
	int64_t ival;               /* int, amount (yen), date (days), bool, percent */
	bool plain;                 /* unquoted: may be a number/bool/null */
	bool reported;              /* an error names it already: not typed again */
	/* map: keys[i] -> vals[i]; seq: vals[i] */
	size_t n;
	struct pc_ynode **keys, **vals;
};

/* values (scalars, maps, lists) one YAML document may hold: far past any
 * plan or rule file, and what keeps a tree's memory bounded */
#define PC_YAML_MAX_NODES 200000

struct pc_yaml_opts {
	int max_depth;
	bool refuse_aliases;
	const char *rule_prefix;    /* "plan" or "rules": finding ids */
};

/* Parse text[start..end) (a YAML document) into a tree; problems become
 * findings on d.  Returns the root (may be NULL on an early error). */
struct pc_ynode *pc_yaml_parse(struct pc_doc *d, size_t start, size_t end,
			       const struct pc_yaml_opts *o);
struct pc_ynode *pc_ymap_get(const struct pc_ynode *m, const char *key);
bool pc_yscalar_is(const struct pc_ynode *n, const char *s);
/* a tree as a YAML document (block style, Japanese as it is), appended to
 * out; 0, or -1 when libyaml refuses it */
int pc_yaml_emit(const struct pc_ynode *root, struct pc_buf *out);
/* a parsed tree as bytes and back (the rule files' cache, rules.c): the
 * format's name (changes with this code and with libyaml), a tree
 * appended to out, and one read from *p into d's arena (NULL when the
 * bytes are not such a tree) */
const char *pc_ytree_format(void);
void pc_ytree_store(const struct pc_ynode *n, struct pc_buf *out);
struct pc_ynode *pc_ytree_load(struct pc_doc *d, const char **p, const char *end, int depth);
/* eight bytes from *p (not past end) into v, *p moved on; false when short */
bool pc_take_u64(const char **p, const char *end, uint64_t *v);

/* ---- body (body.c) ------------------------------------------------------ */

enum pc_block_kind {
	PC_B_HEADING,
	PC_B_PARA,
	PC_B_LIST,       /* one list item */
	PC_B_TABLE,      /* one table row (cells below) */
	PC_B_COMMENT,    /* an HTML comment, incl. waivers */
	PC_B_OTHER       /* code fences, rules, anything else kept as text */
};

struct pc_cell {
	size_t start, end;
};

struct pc_block {
	enum pc_block_kind kind;
	size_t start, end;          /* whole block in the source */
	size_t tstart, tend;        /* its text, markers stripped */
	int level;                  /* heading level 1..6 */
	int section;                /* index into doc->sections, -1 before the first */
	const char *title;          /* heading: normalised title (arena) */
	const char *shown;          /* heading: as written, numbering stripped */
	const char *id;             /* heading: its {#id}, or NULL */
	bool check;                 /* heading: {#id .check} */
	struct pc_cell *cells;      /* table row */
	size_t ncells;
	bool table_sep;             /* |---|---| */
	bool data;                  /* a row or caption of a table that carries plan data (tables.c) */
	size_t nchars;              /* code points of its text */
};

struct pc_section {
	int level;
	int parent;                 /* index of the enclosing section or -1 */
	size_t block;               /* its heading block */
	size_t start, end;          /* heading start .. next same-or-higher heading */
	const char *title;          /* normalised: matched by the rules */
	const char *shown;          /* as written, numbering stripped: for messages */
	const char *id;             /* {#id} at the end of the heading, or NULL */
	bool check;                 /* {#id .check}: describes a check */
	size_t nchars;              /* characters of text below it (incl. subsections) */
};

struct pc_sentence {
	size_t start, end;
	size_t block;
	size_t nchars;              /* code points, line breaks excluded (textlint's count) */
	size_t ncommas;             /* 読点: 、 and ， */
};

struct pc_waiver {
	size_t start, end;          /* byte range silenced */
	const char *rules;          /* space separated ids, or "*" */
	const char *reason;         /* NULL when missing */
};

/* ---- morphology (mecab.c) ---------------------------------------------- */

/* A dictionary entry's features, split once per draft: where each of the
 * nine fields starts and how long it is, and each one's pc_tok_hash. */
struct pc_tokfields {
	const char *feature;
	uint8_t fstart[9], flen[9];
	bool unknown;               /* an unknown-word entry (unk.dic) */
	uint32_t hash[9];
};

/* One token of the prose as MeCab read it.  f->feature is IPAdic's CSV:
 * 品詞,細分類1,細分類2,細分類3,活用型,活用形,原形,読み,発音 (unknown words
 * stop after 活用形, and f->unknown is set); it points into the
 * dictionary, mapped until exit.  Small on purpose (24 bytes): a draft has
 * a token for every two characters. */
struct pc_token {
	uint32_t start, end;        /* byte span in pc_doc.text */
	uint32_t sentence;          /* index into doc->sentences */
	uint32_t shash;             /* pc_tok_hash of the surface */
	const struct pc_tokfields *f;
};

struct pc_tokens {
	struct pc_token *v;         /* malloc'd (freed with the document) */
	size_t n, cap;
	bool done, ok;
	struct pc_tokfields **tab;  /* the entries met, by feature pointer (arena) */
	size_t tabcap, tabn;
};

/* an entry of the dictionary: its length in bytes and its features */
struct pc_lex_entry {
	size_t len;
	const char *feature;
};

/* Load the dictionary once for the process (thread-safe).  false, and
 * *err a message in Japanese saying where it looked and how to install
 * one, when no UTF-8 IPAdic is found. */
bool pc_mecab_ready(const char **err);
/* the dictionary directory in use, or NULL */
const char *pc_mecab_dictionary(void);
/* Free every thread's tagger and the dictionary (at exit, after the
 * worker threads are joined). */
void pc_mecab_shutdown(void);
/* The tokens of every sentence of the paragraphs and list items, made on
 * first use and kept with the document; NULL without a dictionary. */
const struct pc_tokens *pc_doc_tokens(struct pc_doc *d);
/* Give the tokens' memory back once the rules are done with them (a
 * report's layout needs the room); a later pc_doc_tokens makes them again. */
void pc_doc_tokens_release(struct pc_doc *d);
/* field k (0-based) of a token's features, *len bytes long ("" past the end) */
const char *pc_tok_field(const struct pc_token *t, int k, size_t *len);
bool pc_tok_is(const struct pc_token *t, int k, const char *s);
/* the hash of a surface or a field (FNV-1a, 32 bits): rules compare those
 * first; pc_tok_hash_of(t, 0) is the surface's, 1..9 the fields' */
uint32_t pc_tok_hash(const char *s, size_t n);
static inline uint32_t pc_tok_hash_of(const struct pc_token *t, int k)
{
	return k ? t->f->hash[k - 1] : t->shash;
}
/* the dictionary entries that s[0..n) starts with (common-prefix search),
 * at most max, each length once */
size_t pc_lex_prefixes(const char *s, size_t n, struct pc_lex_entry *out, size_t max);
/* is s[0..n) itself an entry */
bool pc_lex_has(const char *s, size_t n);

/* ---- the document --------------------------------------------------------- */

/* what a draft was read from (reader.c) */
enum pc_source_kind { PC_SRC_TEXT, PC_SRC_DOCX };

/* A place in a Word document a writer can find: the text d->text[start,
 * end) came from a paragraph (its number within its heading's section) or
 * a table cell (table number in the document, row, column, 1-based). */
struct pc_place {
	size_t start, end;
	const char *heading;        /* the heading path "1. … › （2）…", NULL before the first */
	int para;                   /* paragraph number in that section; 0 in a table or a heading */
	int table, row, col;        /* 0 outside tables */
	bool is_heading;            /* the heading itself */
	bool textbox;               /* inside a text box */
};

/* a stretch NFC changed: [nstart, nstart+nlen) of the text was
 * [ostart, ostart+olen) of the text as written */
struct pc_nfc_seg {
	size_t nstart, nlen, ostart, olen;
};

struct pc_doc {
	struct pc_arena arena;
	const char *path;
	const char *raw;            /* original bytes */
	size_t raw_len;
	char *text;                 /* UTF-8, NUL-terminated, BOM removed */
	size_t len;
	size_t bom;                 /* bytes of BOM dropped (0, 2 or 3) */
	enum pc_encoding enc;
	enum pc_source_kind source;
	const char *orig;           /* the decoded text before NFC, when NFC changed it */
	size_t orig_len;
	struct pc_nfc_seg *nfc;     /* the changed stretches, in order */
	size_t nnfc;
	struct pc_place *places;    /* a Word document's places, by start */
	size_t nplaces;
	bool tables_read;           /* the body's data tables were read (tables.c) */
	bool crlf;
	bool lone_cr;   /* lines end in a lone \r, read as \n */
	bool unreadable;            /* nothing could be parsed */
	bool stopped;               /* opts.stop was set: not every rule ran */
	struct pc_open_opts opts;

	size_t *lines;              /* byte offset of each line start */
	size_t nlines;
	size_t *colcache;           /* characters at each 4 KiB of one long line */
	size_t capcolcache, colcache_line;
	uint64_t *cpset, *pairset;  /* characters and pairs present (prefilter.c), lazily */
	bool prefilter_off;         /* PLANCHECK_PREFILTER=off, read with them */

	/* front matter */
	bool has_fm;
	size_t fm_start, fm_end;    /* YAML text between the --- lines */
	struct pc_ynode *fm;        /* root map or NULL */
	int64_t unit_yen;           /* the schema's first unit field (1: 円) */
	int typed;                  /* 0 not yet, 1 core keys, 2 the program's schema */
	const struct pc_schema *schema; /* what it was typed against, or NULL */
	const struct pc_frame *frame;   /* the row of its frame and round (frames.h), or NULL */
	int frame_how;              /* enum pc_frame_how */
	/* when its program has no pack: the one program's schema, by which a
	 * report still names the applicant and lays out the front matter's
	 * lists (nothing is typed or judged by it); else NULL */
	const struct pc_schema *shown_schema;

	/* body */
	size_t body_start;
	struct pc_block *blocks;
	size_t nblocks, capblocks;
	struct pc_section *sections;
	size_t nsections, capsections;
	struct pc_sentence *sentences;
	size_t nsentences, capsentences;
	struct pc_waiver *waivers;
	size_t nwaivers, capwaivers;
	struct pc_tokens tokens;    /* the prose as MeCab reads it, lazily (mecab.c) */

	/* findings */
	struct pc_finding *findings;
	size_t nfindings, capfindings;
	size_t dropped;             /* over PC_MAX_FINDINGS */
	unsigned seq;
	/* replacements past the cap, kept when opts.fix: no message, only
	 * what fix writes (waivers apply to them as to findings) */
	struct pc_finding *edits;
	size_t nedits, capedits;

	/* deadlines the flow rules computed (for the report's timeline) */
	struct pc_deadline *deadlines;
	size_t ndeadlines, capdeadlines;
	/* steps a flow rule needs before a step the plan has, but which the
	 * plan lacks (the timeline draws them as missing) */
	const char **missing_steps;
	size_t nmissing_steps, capmissing_steps;

	/* computed figures, filled by the rule engine: name -> display */
	struct pc_computed *computed;
	size_t ncomputed, capcomputed;
	/* the figures and charts the packs declare for the cover (and the
	 * page), evaluated, in the order the packs give */
	struct pc_figure *figures;
	size_t nfigures, capfigures;
	struct pc_chart *charts;
	size_t ncharts, capcharts;
	const char *program;        /* front matter program, round */
	long round;
};

/* opts.stop was raised (serve's time limit): the caller will not use what
 * is left to do, so loops over rules or sentences end early */
static inline bool pc_doc_stopped(struct pc_doc *d)
{
	if (!d->stopped && d->opts.stop && atomic_load_explicit(d->opts.stop, memory_order_relaxed))
		d->stopped = true;
	return d->stopped;
}

struct pc_deadline {
	const char *step;           /* timeline key */
	int64_t days;               /* the limit */
	bool after;                 /* not_before rather than not_after */
	const char *rule;
};

struct pc_computed {
	const char *key;            /* JSON key: national_max */
	const char *label;          /* 国補助金の上限 */
	const char *display;        /* 2,000万円, 5.1% */
	const char *json;           /* 20000000, 0.051, "2023-04-05" */
};

/* report.c: the schema a report reads a plan's names and lists by
 * (d->schema, else d->shown_schema), and the plan's value of the field
 * with a role (schema.yml role:) under it, or NULL */
const struct pc_schema *pc_doc_shown_schema(const struct pc_doc *d);
const struct pc_ynode *pc_shown_role(const struct pc_doc *d, const char *role);

/* A figure a pack declares for the cover: its row as the reports print
 * it, every cell already formatted (no renderer parses a number back). */
struct pc_figure {
	const char *key;            /* the pack's key for it */
	const char *label;          /* 項目 */
	const char *display;        /* what the plan says (or what was computed) */
	const char *json;           /* the value as JSON */
	const char *compare;        /* what it is compared with, as shown; NULL: nothing */
	const char *compare_json;   /* that value as JSON, or NULL */
	const char *verdict;        /* 判定, or NULL when the pack gives none */
	bool failed;                /* the verdict is a failure: the row is drawn red */
	unsigned order;             /* place among every pack's figures */
};

/* A bar chart a pack declares for the cover: one bar per list item, a
 * line through some of them (a target), a base bar and plan bars. */
struct pc_chart_bar {
	const char *label;          /* under the bar (a year) */
	const char *shown;          /* above it, in the chart's unit */
	double value;
	int style;                  /* 0 other, 1 base, 2 plan */
	bool has_line;
	double line;                /* the target line's height here */
};
struct pc_chart {
	const char *key, *title;
	struct pc_chart_bar *bars;
	size_t nbars;
	double base;                /* the base bar's value, or -1 */
};

/* What a plan's figure can mean: an amount past 1,000兆円 (Japan's GDP is
 * about 600兆円) or an integer (a count, a year, a round) past 100,000,000
 * or below zero is an error at the value; a computed figure past the
 * amount bound is an error too.  Below these, sums of every amount a 16 MB
 * plan can hold stay exact in the evaluator's 128-bit rationals. */
#define PC_AMOUNT_MAX 1000000000000000LL
#define PC_INT_MAX 100000000LL

/* Move from's memory into into (from is left empty): what was built in a
 * scratch arena and is kept. */
void pc_arena_adopt(struct pc_arena *into, struct pc_arena *from);

/* Grow an arena-backed array: *cap doubles, old contents copied. */
void *pc_grow(struct pc_arena *a, void *arr, size_t *cap, size_t need, size_t elem);

/* source.c, reader.c: the readers fill d->text (UTF-8, NUL-terminated),
 * d->enc, d->source and the position maps; then the line map is built */
void pc_source_init(struct pc_doc *d, const char *bytes, size_t n);
void pc_lines_build(struct pc_doc *d);
bool pc_utf8_valid(const char *s, size_t n, size_t *bad);
/* reader_text.c */
void pc_read_text(struct pc_doc *d, const char *bytes, size_t n);
bool pc_text_looks_binary(const char *s, size_t n);
void pc_text_finish(struct pc_doc *d);      /* NULs, CRs */
void pc_text_note(struct pc_doc *d);        /* "read as Shift_JIS" */
const char *pc_encoding_iconv(enum pc_encoding e);   /* iconv's name */
/* docx.c: the Word reader (libxml2), and the place of an offset */
void pc_read_docx(struct pc_doc *d, const char *bytes, size_t n);
const struct pc_place *pc_doc_place(const struct pc_doc *d, size_t off);
/* "「1. … › （2）…」の 3 段落目", "表 2 の 3 行 2 列（「4. 収益計画」）"; NULL
 * for a text draft; "文書全体" for a finding at [0, 0).  quote: the
 * flagged text, widened to a few words, in at most 40 characters */
const char *pc_place_where(struct pc_arena *a, const struct pc_doc *d, size_t start, size_t end);
const char *pc_place_quote(struct pc_arena *a, const struct pc_doc *d, size_t start, size_t end);
/* nfc.c: normalise d->text to NFC, keeping the map to the text as written */
void pc_nfc(struct pc_doc *d);
size_t pc_doc_orig_off(const struct pc_doc *d, size_t off);
/* a label folded for comparison (schema labels, table captions): NFKC,
 * spaces removed, a ※ note and bracketed remarks （…） (…) 【…】 removed */
char *pc_label_fold(struct pc_arena *a, const char *s, size_t n);
/* the same, keeping what the brackets hold (only the brackets go): names
 * a bracket tells apart, such as a frame's 類型 */
char *pc_name_fold(struct pc_arena *a, const char *s, size_t n);
/* tables.c: the body's tables that carry data (documents.md §3) read
 * into the plan: the plan itself when there is no front matter, else
 * checked against it.  Once per draft; pc_check calls it. */
struct pc_ruleset;
void pc_tables_read(struct pc_doc *d, const struct pc_ruleset *rs);
/* import.c: the draft as plan-format text (front matter + body, UTF-8,
 * LF) appended to out; 0, or -1 with a message */
int pc_import(struct pc_doc *d, struct pc_buf *out, char *err, size_t errlen);
/* zipfile.c: members of a zip held in memory (libzip) */
struct pc_zip;
enum pc_zip_status { PC_ZIP_OK, PC_ZIP_ABSENT, PC_ZIP_BROKEN, PC_ZIP_TOO_LARGE };
struct pc_zip *pc_zip_open(const char *bytes, size_t n);
void pc_zip_close(struct pc_zip *z);
bool pc_zip_has(struct pc_zip *z, const char *name);
/* members whose names start with prefix and end with suffix */
size_t pc_zip_count(struct pc_zip *z, const char *prefix, const char *suffix);
/* a member whole (malloc'd, NUL-terminated), at most limit bytes */
enum pc_zip_status pc_zip_read(struct pc_zip *z, const char *name, size_t limit, char **out, size_t *len);
/* a zip of n members, in memory (appended to out); 0 or -1 */
int pc_zip_build(const char *const *names, const char *const *data, const size_t *lens, size_t n,
		 struct pc_buf *out);

/* plan.c */
void pc_plan_parse(struct pc_doc *d);
/* Type the front matter against a program's schema (schema.h; NULL: the
 * core keys only, and nothing said of other keys).  Called when the plan
 * is read if its rules were given (pc_open_opts.rules), else by pc_check;
 * a second call only adds what the first could not. */
struct pc_schema;
void pc_plan_type(struct pc_doc *d, const struct pc_schema *s);
/* the front-matter node at a dotted path outside lists, or NULL */
const struct pc_ynode *pc_plan_node(const struct pc_doc *d, const char *path);
/* the node of the field with that role in the plan's schema ("steps": the
 * grant-flow dates; "name": the applicant's name), or NULL */
const struct pc_ynode *pc_plan_role(const struct pc_doc *d, const char *role);

/* body.c */
void pc_body_parse(struct pc_doc *d);
/* sections, sentences and character counts from the blocks (again after
 * a block became a heading) */
void pc_body_structure(struct pc_doc *d);
/* the level a one-line paragraph's numbering gives it as a heading ("1.",
 * "■", "【1】": 1; "（１）", "①": 2), 0 when it does not look like one */
int pc_heading_candidate(const struct pc_doc *d, const struct pc_block *b);
/* the same for any text: the level its leading numbering means, or 0 */
int pc_numbering_level(const char *text, size_t len);
/* make a paragraph or list item a heading of this level (then
 * pc_body_structure) */
void pc_body_promote(struct pc_doc *d, struct pc_block *b, int level);
void pc_fm_waivers(struct pc_doc *d);
/* estimated A4 pages of the body as the secretariat counts them: 40
 * characters a line, 36 lines a page, a heading two lines, a table row one */
int64_t pc_body_pages(const struct pc_doc *d);
/* the last block starting at or before byte off (the one holding it, if
 * any does), by binary search; NULL before the first */
const struct pc_block *pc_doc_block_at(const struct pc_doc *d, size_t off);
const char *pc_heading_normalise(struct pc_arena *a, const char *s, size_t n);

/* finding.c */
void pc_findings_sort(struct pc_doc *d);
/* true once the doc holds PC_MAX_FINDINGS: a check may skip building a
 * message nobody will read (it counts the drop with pc_finding_drop) */
bool pc_findings_full(const struct pc_doc *d);
void pc_finding_drop(struct pc_doc *d);
/* a replacement past the cap (opts.fix): kept without a message */
void pc_edit_add(struct pc_doc *d, const char *rule, size_t start, size_t end, const char *replacement);

/* json.c: a minimal JSON string writer */
void pc_json_str(FILE *out, const char *s);
void pc_json_strn(FILE *out, const char *s, size_t n);

/* output.c: write a whole file atomically (temp + fsync + rename); -1 and a
 * message on failure, and then no partial file is left */
int pc_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);
int pc_write_atomic_ex(const char *path, const void *data, size_t len, bool durable, char *err, size_t errlen);
bool pc_same_file(const char *a, const char *b);
/* the same, the new file taking like's permissions and owner (fix's .bak
 * takes its draft's: a mode-600 plan must not leave a 644 backup) */
struct stat;
int pc_write_atomic_like(const char *path, const void *data, size_t len, const struct stat *like, char *err,
			 size_t errlen);
/* a file with other hard links rewritten in its own inode (a rename would
 * leave the other names with the old text); not atomic: the caller keeps
 * a copy first */
int pc_write_through(const char *path, const void *data, size_t len, char *err, size_t errlen);
/* why no file can be made at path (errno e), in words */
void pc_cannot_create(const char *path, int e, char *err, size_t errlen);
/* streamed: open a temporary file beside path, write to pc_atomic_file(),
 * then commit (rename) - or, on any error, nothing is left behind */
struct pc_atomic;
struct pc_atomic *pc_atomic_open(const char *path, char *err, size_t errlen);
FILE *pc_atomic_file(struct pc_atomic *a);
int pc_atomic_commit(struct pc_atomic *a, bool durable, char *err, size_t errlen);
/* give up: close and remove the temporary file, leave the destination */
void pc_atomic_abandon(struct pc_atomic *a);

/* tasks.c: what a command does once it has its input, shared by the
 * command line and `serve`.  pc_fix_apply appends the draft with its
 * replacements applied, in its own encoding, BOM and line ends, to out
 * (each change logged to log when given); -1 and a message when the result
 * cannot be written in that encoding.  pc_template_read appends
 * templates/<program>[-<topup>].md of the data directory to out, with the
 * round and frame (either may be NULL) written in; -1 when there is none (or
 * a name is not plain letters, digits, - and _), -2 for a round that is not
 * a number, -3 for a frame YAML would not read as one plain value, -4 when
 * program is NULL and there is not exactly one program's template; path
 * receives the file it looked for. */
int pc_fix_apply(struct pc_doc *d, struct pc_buf *out, FILE *log, size_t *applied, char *err, size_t errlen);
int pc_template_read(const char *program, const char *topup, const char *round, const char *frame,
		     struct pc_buf *out, char *path, size_t pathlen);
/* the templates there are (the .md files in templates/ of the data folder), their
 * names without .md, sorted; NULL and 0 when there is no such folder */
char **pc_template_names(size_t *n);
void pc_template_names_free(char **v, size_t n);

/* text.c: cut a string's last character if a bounded printf split it; the
 * first max characters of s, with "…" when there were more */
void pc_utf8_trim(char *s);
const char *pc_quote_short(struct pc_arena *a, const char *s, size_t max);
/* s without control characters (C0, DEL, C1, bidi overrides and
 * isolates, the BOM) or bytes that are not UTF-8; one_line turns line
 * breaks and tabs into one space, else they stay.  An arena copy. */
char *pc_strip_controls(struct pc_arena *a, const char *s, size_t n, bool one_line);
/* A file name as it may be printed in any format: itself when it is UTF-8
 * without control characters; else its CP932 reading (names from Windows
 * zips) when that is clean; else with \xNN for each byte that is not
 * UTF-8, \xNN / \uNNNN for control characters and \\ for a backslash.
 * s itself or an arena copy. */
const char *pc_display_name(struct pc_arena *a, const char *s);

/* cite.c: a manual section as the printed manual shows it (its number
 * and title, the page it starts on), from manual/index.tsv; NULL when the
 * id is not there or the index is missing */
struct pc_cite {
	const char *id;
	const char *title;          /* "1.4 補助上限額" */
	int page;                   /* as printed; 0 unknown */
	const char *file;           /* its chapter in manual/, or NULL */
};
const struct pc_cite *pc_cite_lookup(const char *id);
/* "マニュアル …" material: "1.4 補助上限額（12ページ）", or the bare id */
const char *pc_cite_text(struct pc_arena *a, const char *id);

/* levenshtein over code points, for did-you-mean */
size_t pc_edit_distance(const char *a, const char *b);

#endif
