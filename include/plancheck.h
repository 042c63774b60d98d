/*
 * plancheck.h - the one public header of plancheck, a checker for Japanese
 * business-restructuring plans (事業再構築補助金 事業計画書).
 *
 * A plan is read into a `struct pc_doc`, which owns an arena holding the
 * source bytes, the parsed front matter, the body blocks and the findings.
 * Everything a doc hands out (strings, nodes, findings) lives until
 * pc_doc_free().  Positions are byte offsets into pc_doc.text; they become a
 * 1-based line and a character column only when printed (pc_doc_linecol).
 *
 * Typical use:
 *
 *     struct pc_doc *d = pc_doc_open("plan.md", &opts, &err);
 *     if (!d) { fprintf(stderr, "%s\n", err); return 2; }
 *     pc_check(d, rules);            // rule findings; parser ones are already in
 *     pc_findings_finish(d);         // waivers, then the stable sort
 *     pc_reporter_doc(reporter, d, NULL);   // text, JSON, SARIF, …
 *     pc_doc_free(d);
 */
#ifndef PLANCHECK_H
#define PLANCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PC_VERSION "0.1.0"

/* ---- arena ------------------------------------------------------------ */

/* A bump allocator: many small allocations, one release.  Out of memory
 * aborts with a message (as cmark and jq do): a checker that runs out of
 * memory cannot report anything useful. */
struct pc_arena {
	struct pc_chunk *head;
	size_t total;
	struct pc_chunk *strs;      /* strings, packed byte by byte */
};

void *pc_arena_alloc(struct pc_arena *a, size_t n);      /* zeroed */
char *pc_arena_strndup(struct pc_arena *a, const char *s, size_t n);
char *pc_arena_strdup(struct pc_arena *a, const char *s);
char *pc_arena_printf(struct pc_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pc_arena_release(struct pc_arena *a);
void pc_arena_reset(struct pc_arena *a);   /* release all but one chunk, keep the arena */

/* A growable byte buffer (malloc-backed, for output and scratch). */
struct pc_buf {
	char *s;
	size_t len, cap;
};
void pc_buf_add(struct pc_buf *b, const void *p, size_t n);
void pc_buf_puts(struct pc_buf *b, const char *s);
void pc_buf_putc(struct pc_buf *b, char c);
void pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pc_buf_free(struct pc_buf *b);

/* ---- text helpers --------------------------------------------------------- */

/* Decode one UTF-8 code point at s[*i] (advancing *i); -1 on a bad sequence
 * (then *i advances by one byte). */
int32_t pc_utf8_next(const char *s, size_t len, size_t *i);
size_t pc_utf8_put(char *out, int32_t cp);
/* Characters (code points) in s[0..n). */
size_t pc_utf8_count(const char *s, size_t n);
/* Terminal columns of a code point: 2 for East Asian wide/full-width. */
int pc_cp_width(int32_t cp);
/* NFKC-lite for numbers and headings: full-width ASCII to ASCII, the
 * ideographic, no-break and typographic spaces to a space, invisible
 * characters (BOM, zero-width spaces and joiners, word joiner, soft
 * hyphen) dropped.  Returns an arena copy. */
char *pc_text_fold(struct pc_arena *a, const char *s, size_t n, size_t *outlen);
/* the same into out, which holds n + 1 bytes (folding never lengthens) */
char *pc_text_fold_into(char *out, const char *s, size_t n, size_t *outlen);

/* ---- amounts and dates ---------------------------------------------------- */

enum pc_parse_status {
	PC_OK = 0,
	PC_ESYNTAX,     /* not an amount / date at all */
	PC_EOVERFLOW,   /* does not fit in int64 yen */
	PC_EFRACTION,   /* a fraction of a yen */
	PC_EGROUPING,   /* digit groups not of three: 12,00万円 */
	PC_ENODATE,     /* well formed but not on the calendar: 2023-02-30 */
	PC_EERA         /* era year 0, or past the era's end */
};

/* Read an amount as written in a plan (36000000, 3,600万円, ３６００万,
 * 36,000千円, １億２,０００万円, ¥36,000,000).  A bare number is multiplied by
 * unit_yen (1 for 円, 1000 for 千円, 10000 for 万円).  The result is exact
 * yen; *had_unit says whether the text named its own unit. */
enum pc_parse_status pc_amount_parse(const char *s, size_t n, int64_t unit_yen,
				     int64_t *yen, int *had_unit);
/* Format yen the way people write it: "3,600万円", "1億2,000万円", or
 * "36,000,000円" when it is not a round number of 万. */
char *pc_amount_format(struct pc_arena *a, int64_t yen);
/* Always "36,000,000円". */
char *pc_amount_format_yen(struct pc_arena *a, int64_t yen);

/* A calendar date as days since 1970-01-01 (proleptic Gregorian). */
struct pc_date {
	int y, m, d;
};
enum pc_parse_status pc_date_parse(const char *s, size_t n, struct pc_date *out);
int pc_date_valid(int y, int m, int d);
int64_t pc_date_days(struct pc_date dt);
struct pc_date pc_date_from_days(int64_t days);
/* Add months the way deadlines do: 2022-11-15 + 12 months = 2023-11-15,
 * 2023-01-31 + 1 month = 2023-02-28 (clamped to the month's end). */
struct pc_date pc_date_add_months(struct pc_date dt, int months);
char *pc_date_format(struct pc_arena *a, struct pc_date dt);   /* 2023年4月5日 */

/* ---- findings -------------------------------------------------------------- */

enum pc_severity { PC_INFO = 0, PC_WARNING = 1, PC_ERROR = 2 };
const char *pc_severity_name(enum pc_severity s);   /* "error", … */

struct pc_finding {
	const char *rule;          /* "plan.yaml", "saikouchiku.expense-sum" */
	enum pc_severity severity;
	size_t start, end;         /* byte span in pc_doc.text; end >= start */
	const char *message;       /* Japanese, one line */
	const char *suggestion;    /* or NULL */
	const char *cite;          /* manual section id, or NULL */
	const char *waiver;        /* reason when waived, else NULL */
	const char *replacement;   /* text that `fix` puts over [start,end), or NULL */
	int waived;
	unsigned seq;              /* insertion order: last sort key */
};

/* ---- documents -------------------------------------------------------------- */

enum pc_encoding {
	PC_ENC_UTF8, PC_ENC_UTF8_BOM, PC_ENC_CP932,
	PC_ENC_UTF16LE, PC_ENC_UTF16BE, PC_ENC_EUCJP, PC_ENC_ISO2022JP
};
/* "utf-8", "utf-8-bom", "cp932", "utf-16le", "utf-16be", "euc-jp", "iso-2022-jp" */
const char *pc_encoding_name(enum pc_encoding e);

struct pc_open_opts {
	size_t max_size;        /* bytes; 0 = PC_DEFAULT_MAX_SIZE */
	int max_depth;          /* YAML nesting; 0 = PC_DEFAULT_MAX_DEPTH */
	int lang_en;            /* findings in English where we have them */
	int raw;                /* read only: no plan parsing (rule files) */
	int fix;                /* keep every replacement, past PC_MAX_FINDINGS too (fix) */
	/* the rules the plan will be checked against, or NULL: with them
	 * the front matter is typed against its program's schema as it is
	 * read, without them pc_check types it */
	const struct pc_ruleset *rules;
	/* when set and it becomes non-zero, checking stops at the next rule
	 * (the draft's findings are then incomplete: d->stopped says so);
	 * serve sets it when a request runs past its time limit */
	const _Atomic int *stop;
	/* when not both 0: the device and inode the file must have (review
	 * walked the folder before reading; a draft replaced meanwhile, by
	 * a link out of the folder say, is refused, not read) */
	unsigned long long expect_dev, expect_ino;
};
#define PC_DEFAULT_MAX_SIZE (16u * 1024 * 1024)
#define PC_DEFAULT_MAX_DEPTH 32
#define PC_MAX_FINDINGS 5000

struct pc_doc;   /* defined in src/internal.h */
struct pc_ruleset;

/* Read and parse a plan ("-" reads standard input).  Returns NULL only
 * when the file cannot be read at all (missing, a directory, permission):
 * then *err holds a malloc'd message the caller frees with free().
 * Anything wrong *inside* the file becomes a finding. */
struct pc_doc *pc_doc_open(const char *path, const struct pc_open_opts *o,
			   char **err);
/* Parse a plan already in memory (tests, fuzzers, `rules --test`, uploads
 * to the web server); the bytes are copied and sniffed exactly as a file's
 * are (name is only what reports call it). */
struct pc_doc *pc_doc_from_mem(const char *name, const char *bytes, size_t n,
			       const struct pc_open_opts *o);
void pc_doc_free(struct pc_doc *d);

/* 1-based line and character column of a byte offset. */
void pc_doc_linecol(const struct pc_doc *d, size_t off, size_t *line, size_t *col);
/* the end of 1-based line `line`, before its \r\n, \n or \r */
size_t pc_doc_line_end(const struct pc_doc *d, size_t line);

/* Add a finding (printf-style message).  Returns it so callers can attach a
 * suggestion or cite.  Past PC_MAX_FINDINGS further findings are counted but
 * dropped, and one finding says so. */
struct pc_finding *pc_finding_add(struct pc_doc *d, const char *rule,
				  enum pc_severity sev, size_t start, size_t end,
				  const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Apply waivers and sort (file order, then rule). */
void pc_findings_finish(struct pc_doc *d);
size_t pc_findings_count(const struct pc_doc *d, enum pc_severity sev, int waived);

/* ---- rules ----------------------------------------------------------------- */

/* Where dicts/, templates/ and manual/ live: set once at start-up by the
 * command line (it finds them beside the binary or from $PLANCHECK_DATA);
 * read by the speller when a rule pack has no dicts/ of its own. */
void pc_data_dir_set(const char *dir);
const char *pc_data_dir_get(void);

struct pc_ruleset;   /* src/rules.c */

/* Load every pack under dir (rules/<pack>/NAME.yml).  NULL on a broken pack:
 * the messages ("file:line:col: …") were written to errs. */
struct pc_ruleset *pc_rules_load(const char *dir, FILE *errs);
void pc_rules_free(struct pc_ruleset *rs);
/* Run the packs that apply to this plan (program, round, frame, topup). */
void pc_check(struct pc_doc *d, const struct pc_ruleset *rs);

/* ---- reports ---------------------------------------------------------------- */

enum pc_format { PC_FMT_TEXT, PC_FMT_JSON, PC_FMT_SARIF };

struct pc_report_opts {
	int color;              /* ANSI colours (only on a TTY, never with NO_COLOR) */
	int quiet;              /* -q: errors only */
	int lang_en;
	const struct pc_ruleset *rules;   /* for cite titles; may be NULL */
	long long date;         /* PDFs: document date (Unix time); 0 = now or
				 * $SOURCE_DATE_EPOCH */
	int screen_rows;        /* text: a document whose findings take more lines
				 * than this starts with a summary; 0 = never */
};
/* the rows of the terminal stdout is ($LINES first), 0 when it is not one */
int pc_screen_rows(void);

/* Text findings of one document (the "text" reporter's body; rule-file
 * errors use it directly). */
void pc_report_text(struct pc_doc *d, FILE *out, const struct pc_report_opts *o);

/* One draft as the batch summaries know it: what `review` keeps per draft
 * for the whole run and stores for --resume.  Strings live in the arena
 * given to pc_summary_of (or wherever the caller put them). */
struct pc_figure_val {
	const char *key;        /* national_requested */
	const char *json;       /* 20000000, 0.051; NULL when the draft has none */
	const char *display;    /* 2,000万円, 5.1% */
};
struct pc_summary {
	const char *path;       /* the draft as found: DIR/sub/x.md */
	const char *name;       /* review's output base name (sub_x), or NULL */
	int unreadable;         /* nothing could be judged */
	const char *why;        /* then why, else NULL */
	const char *applicant, *program, *frame;
	long round;             /* -1 when not given */
	size_t errors, warnings, infos;   /* not waived */
	struct pc_figure_val *figs;       /* the figures summaries show, in order */
	size_t nfigs;
	const char **hit;       /* rules with an unwaived warning or error, sorted */
	unsigned char *hit_level;   /* each one's highest severity in the draft */
	size_t nhit;
	const char *first_fix;  /* 最初に直すこと: the first error's message, or why
				 * the draft could not be read; NULL when none */
	const char *pdf;        /* its PDF beside the summaries (a relative path),
				 * or NULL */
};
/* The summary of a checked draft (d after pc_findings_finish), or of one
 * that could not be opened (d NULL: why says so), copied into a. */
struct pc_summary *pc_summary_of(struct pc_arena *a, const struct pc_doc *d, const char *path,
				 const char *why);
/* the verdict a summary shows: 提出可, 要修正, 読めない */
const char *pc_summary_verdict(const struct pc_summary *s);

/* ---- reporters: every output format behind one interface ----------------
 *
 *     struct pc_reporter *r = pc_reporter_open("json", &to, &ropts, err, sizeof(err));
 *     for each draft: pc_reporter_doc(r, d, NULL);      // or (NULL, summary)
 *     pc_reporter_close(r, err, sizeof(err));           // -1: not written
 *
 * Formats: "text", "json", "sarif" (one entry per document; they need d),
 * and the batch summaries "csv", "summary-json", "summary-pdf" (they need
 * only the summary, made from d when not given; a summary handed in must
 * stay valid until close).  A new format is one file (report_*.c) and
 * one line in report.c's table. */
struct pc_report_dest {
	FILE *file;             /* write here (stdout, a memory stream; the caller
				 * flushes and closes it), or */
	const char *path;       /* into this file, atomically */
	int durable;            /* path: fsync before the rename */
};
struct pc_reporter;
/* NULL with a message in err: unknown format, or the file cannot be made */
struct pc_reporter *pc_reporter_open(const char *format, const struct pc_report_dest *to,
				     const struct pc_report_opts *o, char *err, size_t errlen);
void pc_reporter_doc(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s);
/* finish and free; 0, or -1 with a message in err when the output could
 * not be written (then a path destination is left as it was) */
int pc_reporter_close(struct pc_reporter *r, char *err, size_t errlen);
/* the reporter name of a --format value */
const char *pc_format_name(enum pc_format f);

/* The annotated feedback PDF: cover with the verdict and the figures, the
 * front matter as tables, the draft with every finding highlighted where
 * it is, and the findings list.  Written atomically.  lines, when given,
 * receives the laid-out text one line per line (the 禁則 check reads it).
 * 0, or -1 with a message in err. */
int pc_report_pdf(struct pc_doc *d, const char *path, const struct pc_report_opts *o, FILE *lines,
		  char *err, size_t errlen);
/* the same to a destination: a file (atomically; durable or not) or a
 * FILE the caller owns */
int pc_report_pdf_to(struct pc_doc *d, const struct pc_report_dest *to, const struct pc_report_opts *o, FILE *lines,
		     char *err, size_t errlen);

#endif
