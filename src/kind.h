/*
 * kind.h - what a rule kind (check_<kind>.c) and the loader share: each
 * kind's own compiled data (union pc_rule_as, as cmark keeps node->as.*),
 * the run context of one plan against one pack, and the loader helpers a
 * kind's compile calls.  Includes PCRE2 (regex.h) and the expression
 * language (expr.h); nothing outside the engine needs to.
 */
#ifndef PC_KIND_H
#define PC_KIND_H

#include "expr.h"
#include "regex.h"
#include "rules.h"

struct pc_speller;
struct pc_field;

/* where a pattern or metric rule looks */
enum {
	PC_SCOPE_HEADING = 1, PC_SCOPE_PARA = 2, PC_SCOPE_LIST = 4, PC_SCOPE_TABLE = 8,
	PC_SCOPE_FRONT = 16, PC_SCOPE_PROSE = 2 | 4
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

/* assert: one expression over the plan; rows: the same for each item of
 * the list `field` */
struct pc_assert_as {
	struct pc_expr *expr, *at, *over, *where;
	const char *field;
};

struct pc_section_as {
	pcre2_code *heading;
	const char *heading_src;
	int heading_level, order;
	long min_chars;
	struct pc_subsec *subs, *topics;
	size_t nsubs, ntopics;
};

struct pc_field_as {
	const char *field;
	bool required;
	const char **enums;
	size_t nenums;
	struct pc_rat lo, hi;       /* d == 0: open */
	pcre2_code *pattern;
	pcre2_code *forbid;         /* the value must NOT match */
	bool fold;                  /* match the NFKC-folded value (ＰＣ, ﾉｰﾄPC) */
	const char *where_key;      /* only items whose sibling where_key ... */
	pcre2_code *where;          /* ... matches this */
};

struct pc_flow_as {
	struct pc_flowreq *reqs;
	size_t nreqs;
	const char *step;
	struct pc_expr *not_after, *not_before;
};

struct pc_mention_as {
	pcre2_code *label, *skip_after;
	struct pc_need label_need;
	struct pc_expr *value;      /* a figure, or a list of them (any may be meant) */
	bool percent;
	long window;
	long off_by;                /* > 1: only an amount this many times one of them, or 1/this (円 for 千円) */
};

struct pc_spelling_as {
	struct pc_speller *speller;
};

struct pc_pattern_as {
	pcre2_code *pattern;
	const char *replace;          /* substitution, may hold $1 */
	const char *pattern_src;      /* the pattern as written */
	struct pc_need need;          /* strings one of which every match lies on */
	unsigned scopes;              /* PC_SCOPE_* bits */
};

struct pc_metric_as {
	const char *metric;
	long max;
};

/* frame: the plan's frame against the program's frames by round */
struct pc_frame_as {
	struct pc_tpl other_round;  /* a frame of other rounds ({where}: its rounds) */
	struct pc_tpl subtype;      /* a frame with 類型, none written ({suggest}: them) */
	int subtype_level;          /* its pc_severity + 1 when not the rule's (0: the rule's) */
};

/* check_morpheme.c: token sequences, doubled particles, repeated
 * conjunctions (its own struct, malloc'd, freed by its release) */
struct pc_morph;
struct pc_morpheme_as {
	struct pc_morph *morph;
};

/* check_calendar.c: date patterns and weekday names */
struct pc_calendar;
struct pc_calendar_as {
	struct pc_calendar *cal;
};

/* check_schedule.c: the body's work schedule against a flow date */
struct pc_schedule;
struct pc_schedule_as {
	struct pc_schedule *sch;
};

union pc_rule_as {
	struct pc_assert_as assert;   /* assert and rows */
	struct pc_section_as section;
	struct pc_field_as field;
	struct pc_flow_as flow;
	struct pc_mention_as mention;
	struct pc_spelling_as spelling;
	struct pc_pattern_as pattern;
	struct pc_metric_as metric;
	struct pc_morpheme_as morpheme;
	struct pc_calendar_as calendar;
	struct pc_schedule_as schedule;
	struct pc_frame_as frame;
};

/* the kinds (check.c lists them) */
extern const struct pc_kind pc_kind_section, pc_kind_field, pc_kind_assert,
	pc_kind_rows, pc_kind_flow, pc_kind_mention, pc_kind_spelling, pc_kind_pattern,
	pc_kind_metric, pc_kind_morpheme, pc_kind_calendar, pc_kind_schedule, pc_kind_frame;

/* names every rule scope has after the pack's lets: set by the kinds */
enum {
	L_STEP, L_PREREQ, L_STEP_DATE, L_PREREQ_DATE, L_SECTION, L_NAME, L_VALUE, L_WRITTEN,
	L_WHERE, L_SUGGEST, L_NLOCALS
};

/* One plan being checked against one pack. */
struct pc_run {
	struct pc_doc *d;
	const struct pc_ruleset *rs;
	struct pc_eval ev;
	const struct pc_pack *pack;
};

void pc_run_init(struct pc_run *x, struct pc_doc *d, const struct pc_ruleset *rs,
		 const struct pc_pack *p);
/* set a rule-local name (L_STEP …) before formatting a message */
void pc_run_local(struct pc_run *x, int which, struct pc_val v);
/* emit the rule's finding at [start,end) with its message and suggestion */
struct pc_finding *pc_run_emit(struct pc_run *x, const struct pc_rule *r, size_t start,
			       size_t end, enum pc_severity level, const char *override);
/* a message template filled in against the plan */
const char *pc_run_render(struct pc_run *x, const struct pc_tpl *t);
/* the span to report at: an expression's value span, else fallback */
bool pc_val_span(const struct pc_val *v, size_t *s, size_t *e);
/* does the rule apply to this plan (round, frame, type, when) */
bool pc_rule_applies(struct pc_run *x, const struct pc_rule *r);

/* loader helpers for the kinds */
void pc_loader_error(struct pc_loader *L, const struct pc_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct pc_expr *pc_loader_expr(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n,
			       const char *row_path);
/* figures.c: a pack's `figures:` and `charts:` (root: a rule file's map);
 * once every pack is read, their order and the summaries' columns; per
 * draft, after a pack's rules, its figures and charts into d */
void pc_figures_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root);
void pc_figures_finish(struct pc_loader *L);
void pc_figures_eval(struct pc_run *x);
/* a value as JSON: exact integers, numbers, true/false, "2023-04-05",
 * strings quoted; percent: a fraction even when whole */
const char *pc_val_json(struct pc_arena *a, const struct pc_val *v, bool percent);
pcre2_code *pc_loader_regex(struct pc_loader *L, const struct pc_ynode *n);
const char *pc_loader_str(struct pc_loader *L, const struct pc_ynode *n, const char *what);
/* a further message template a kind keeps (besides message and suggestion) */
bool pc_loader_tpl(struct pc_loader *L, struct pc_rule *r, const struct pc_ynode *n, struct pc_tpl *t);
bool pc_loader_int(struct pc_loader *L, const struct pc_ynode *n, long *out);
bool pc_loader_keys(struct pc_loader *L, const struct pc_ynode *map, const char *const *a,
		    const char *const *b, const char *what);
struct pc_arena *pc_loader_arena(struct pc_loader *L);
struct pc_ruleset *pc_loader_ruleset(struct pc_loader *L);
/* the rule file being read (errors are reported in it) */
struct pc_doc *pc_loader_file(struct pc_loader *L);
void pc_loader_set_file(struct pc_loader *L, struct pc_doc *file);
/* the schema field a rule names, in the schema of the pack being read;
 * NULL (and no error reported) when there is none */
const struct pc_field *pc_loader_field(struct pc_loader *L, const char *path);
/* the known path nearest to a wrong one (did-you-mean), or NULL */
const char *pc_loader_near_path(struct pc_loader *L, const char *path);
/* the schema of the pack being read (the core keys' for a pack of every program) */
const struct pc_schema *pc_loader_schema(struct pc_loader *L);
const char *pc_loader_rules_dir(struct pc_loader *L);

#endif
