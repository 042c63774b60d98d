/*
 * rules.h - the loaded rule packs: packs, rules, their compiled templates
 * and kind-specific data, and the table of rule kinds (check.c).  A rule
 * kind is {name, its own YAML keys, compile, run}, one check_<kind>.c each.
 */
#ifndef PC_RULES_H
#define PC_RULES_H

#include "expr.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct pc_rule;
struct pc_loader;
struct pc_speller;

/* where a pattern or metric rule looks */
enum {
	PC_SCOPE_HEADING = 1, PC_SCOPE_PARA = 2, PC_SCOPE_LIST = 4, PC_SCOPE_TABLE = 8,
	PC_SCOPE_FRONT = 16, PC_SCOPE_PROSE = 2 | 4
};
struct pc_run;

struct pc_kind {
	const char *name;
	const char *const *keys;    /* keys this kind adds to the common ones */
	/* read kind keys from map; report problems through pc_loader_error */
	bool (*compile)(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *map);
	void (*run)(struct pc_run *x, const struct pc_rule *r);
};

/* A message template: text pieces and {expression|format} pieces. */
struct pc_tpl_part {
	const char *text;           /* literal, or NULL for an expression */
	struct pc_expr *e;
	const char *how;            /* "yen", "%", NULL */
};
struct pc_tpl {
	struct pc_tpl_part *parts;
	size_t n;
};

struct pc_example {
	bool pass;
	const char *text;           /* front matter YAML (and body after ---) */
	size_t start;               /* where in the rule file, for messages */
	struct pc_doc *file;
};

struct pc_subsec {
	const char *name;
	pcre2_code *re;
	enum pc_severity level;
};

struct pc_flowreq {
	const char *step;
	const char **prereqs;
	size_t nprereqs;
	size_t start;
};

/* prefilter.c: the fixed strings a pattern's matches lie on */
struct pc_need {
	size_t n;
	const char **s;
	size_t *len;
};

struct pc_rule {
	const char *id;
	const struct pc_kind *kind;
	struct pc_pack *pack;
	struct pc_doc *file;        /* the rule file (for spans) */
	size_t start;               /* the rule's map in that file */
	enum pc_severity level;
	struct pc_tpl message, suggestion;
	const char *message_src;
	const char *cite, *source, *description;
	bool off;                   /* level: off in the pack (a configuration may turn it on) */
	bool level_set;             /* a configuration set the level: every finding has it */

	/* applicability */
	long rlo, rhi;              /* round range, -1 = open */
	const char **frames;
	size_t nframes;
	const char **types;
	size_t ntypes;
	struct pc_expr *when;

	/* assert, rows, flow deadline */
	struct pc_expr *expr, *at, *over, *where;
	/* section */
	pcre2_code *heading;
	const char *heading_src;
	int heading_level, order;
	long min_chars;
	struct pc_subsec *subs, *topics;
	size_t nsubs, ntopics;
	/* field */
	const char *field;
	bool required;
	const char **enums;
	size_t nenums;
	struct pc_rat lo, hi;       /* d == 0: open */
	pcre2_code *pattern;
	/* flow */
	struct pc_flowreq *reqs;
	size_t nreqs;
	const char *step;
	struct pc_expr *not_after, *not_before;

	/* mention */
	pcre2_code *label, *skip_after;
	struct pc_need label_need;
	struct pc_expr *value;
	bool percent;
	long window;
	/* spelling */
	struct pc_speller *speller;
	/* pattern */
	const char *replace;          /* substitution, may hold $1 */
	const char *pattern_src;      /* the pattern as written */
	struct pc_need need;          /* strings one of which every match lies on */
	unsigned scopes;              /* PC_SCOPE_* bits */
	/* metric */
	const char *metric;
	long max;

	struct pc_example *examples;
	size_t nexamples;
	size_t nlocals;             /* rule-local names after the pack's lets */
};

struct pc_pack {
	const char *name, *title, *program, *topup, *dir;
	struct pc_let *lets;
	size_t nlets, caplets;
	struct pc_table *tables;
	size_t ntables, captables;
};

struct pc_ruleset {
	struct pc_arena arena;
	struct pc_config *cfg;      /* the .plancheck.yml over the packs, owned; or NULL */
	struct pc_pack *packs;
	size_t npacks;
	struct pc_rule *rules;
	size_t nrules;
	struct pc_doc **files;
	size_t nfiles;
};

/* names every rule scope has after the pack's lets: set by the kinds */
enum {
	L_STEP, L_PREREQ, L_STEP_DATE, L_PREREQ_DATE, L_SECTION, L_NAME, L_VALUE, L_WRITTEN,
	L_WHERE, L_SUGGEST, L_NLOCALS
};

/* One plan being checked against one rule set. */
struct pc_run {
	struct pc_doc *d;
	const struct pc_ruleset *rs;
	struct pc_eval ev;
	const struct pc_pack *pack;
};

const struct pc_kind *pc_kind_find(const char *name);
const struct pc_kind *const *pc_kinds(size_t *n);
void pc_run_init(struct pc_run *x, struct pc_doc *d, const struct pc_ruleset *rs,
		 const struct pc_pack *p);
/* set a rule-local name (L_STEP …) before formatting a message */
void pc_run_local(struct pc_run *x, int which, struct pc_val v);
/* emit the rule's finding at [start,end) with its message and suggestion */
struct pc_finding *pc_run_emit(struct pc_run *x, const struct pc_rule *r, size_t start,
			       size_t end, enum pc_severity level, const char *override);
/* the span to report at: an expression's value span, else fallback */
bool pc_val_span(const struct pc_val *v, size_t *s, size_t *e);
/* does the rule apply to this plan (round, frame, type, when) */
bool pc_rule_applies(struct pc_run *x, const struct pc_rule *r);
/* load packs from several directories with a configuration's levels and
 * parameters over them (config.h); the set owns cfg (freed with it, or
 * here on failure); NULL after printing every problem */
struct pc_config;
struct pc_ruleset *pc_rules_load_ex(const char *const *dirs, size_t ndirs, struct pc_config *cfg, FILE *errs);
/* run every applicable rule of every applicable pack on d */
void pc_run_rules(struct pc_doc *d, const struct pc_ruleset *rs, const struct pc_rule *only);

/* loader helpers for the kinds */
void pc_loader_error(struct pc_loader *L, const struct pc_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct pc_expr *pc_loader_expr(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n,
			       const char *row_path);
pcre2_code *pc_loader_regex(struct pc_loader *L, const struct pc_ynode *n);
const char *pc_loader_str(struct pc_loader *L, const struct pc_ynode *n, const char *what);
bool pc_loader_int(struct pc_loader *L, const struct pc_ynode *n, long *out);
bool pc_loader_keys(struct pc_loader *L, const struct pc_ynode *map, const char *const *a,
		    const char *const *b, const char *what);
struct pc_arena *pc_loader_arena(struct pc_loader *L);
const char *pc_loader_rules_dir(struct pc_loader *L);
/* spelling: extra words for every speller (--dict); free them at exit */
void pc_rules_add_words(struct pc_ruleset *rs, const char *path);
void pc_speller_free(struct pc_speller *sp);
/* regex.c: a match with its capture groups (ov: 2 per group) */
int pc_re_match_groups(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ov,
		       size_t maxpairs, size_t *npairs);

/* PCRE2 (regex.c): compile with UTF|UCP and JIT; match from start with
 * limits.  pc_re_match returns 1 on a match, 0 on none, -1 when a limit
 * was hit (reported by the caller, never a hang). */
pcre2_code *pc_re_compile(const char *pat, size_t n, char *err, size_t errlen, size_t *erroff);
int pc_re_match(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ms, size_t *me);
bool pc_re_search(const pcre2_code *re, const char *s, size_t n, size_t *ms, size_t *me);
/* prefilter.c: strings one of which the text around every match of
 * pattern p holds (n == 0: none known, the pattern always runs) */
bool pc_re_needs(const char *p, size_t n, struct pc_arena *a, struct pc_need *out);
/* false when none of need's strings can occur in the document: the
 * pattern cannot match.  PLANCHECK_PREFILTER=off: always true */
bool pc_doc_may_match(struct pc_doc *d, const struct pc_need *need);
/* per block: could a match of a pattern with these strings, run on that
 * block's text alone, lie there?  NULL: every block could (no strings, or
 * the prefilter is off) */
const bool *pc_need_blocks(struct pc_doc *d, const struct pc_need *need);

/* book.c: the printed manual and handbook, and the cite check */
int pc_book_manual(const char *datadir, const char *path, FILE *toc, FILE *lines, char *err, size_t errlen);
int pc_book_handbook(const char *datadir, const struct pc_ruleset *rs, const char *path, FILE *toc, FILE *lines,
		     char *err, size_t errlen);
int pc_book_check_cites(const char *datadir, const struct pc_ruleset *rs, FILE *out);

int pc_rules_selftest(const struct pc_ruleset *rs, FILE *out, int verbose);
const struct pc_rule *pc_rules_find(const struct pc_ruleset *rs, const char *id);
/* tasks.c: "第6回〜" and the like; `rules --format json` (and GET /api/rules) */
void pc_rule_rounds(const struct pc_rule *r, char *buf, size_t n);
void pc_rules_json(const struct pc_ruleset *rs, FILE *out);

#endif
