/*
 * rules.h - the loaded rule packs as the rest of the program sees them:
 * packs, rules (their id, level, applicability, messages and examples)
 * and the rule set.  What a rule kind holds for itself (patterns,
 * expressions, a speller) is behind `as`, defined in kind.h together with
 * the engine's run context; this header needs neither PCRE2 nor the
 * expression language.  Reporters, commands and the books include this.
 */
#ifndef PC_RULES_H
#define PC_RULES_H

#include "internal.h"

struct pc_rule;
struct pc_loader;
struct pc_run;
struct pc_expr;
struct pc_let;
struct pc_table;
struct pc_config;
struct pc_schema;
struct pc_frames;
union pc_rule_as;               /* kind.h: each kind's own data */

/* A rule kind: {name, its own YAML keys, compile, run, release}, one
 * check_<kind>.c each (the table is in check.c). */
struct pc_kind {
	const char *name;
	const char *const *keys;    /* keys this kind adds to the common ones */
	/* read kind keys from map into r->as; report problems through
	 * pc_loader_error */
	bool (*compile)(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *map);
	void (*run)(struct pc_run *x, const struct pc_rule *r);
	/* free what the kind holds outside the arena (compiled patterns, a
	 * speller); NULL when it holds nothing.  Called once per compiled
	 * rule, also for a rule refused after compile. */
	void (*release)(struct pc_rule *r);
	/* extra fields for `rules --format json` (", \"key\": value" …), or NULL */
	void (*json)(const struct pc_rule *r, FILE *out);
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
	/* set by a kind whose messages read a list item's fields by bare
	 * name ("financial_plan.rows[]" for rows rules), else NULL */
	const char *row_path;

	union pc_rule_as *as;       /* the kind's own data (kind.h) */

	struct pc_example *examples;
	size_t nexamples;
	size_t nlocals;             /* rule-local names after the pack's lets */
};

/* figures.c: what a pack declares the reports show (`figures:` and
 * `charts:`), compiled; evaluated into d->figures and d->charts */
struct pc_figure_decl;
struct pc_chart_decl;

/* a column of the batch summaries (summary.csv/json/pdf): a computed
 * figure by its key, under a heading; `text` shows it as displayed
 * (a percentage) rather than as a number */
struct pc_column {
	const char *key, *heading;
	bool text;
};

struct pc_pack {
	const char *name, *title, *program, *topup, *dir;
	const char *short_title;    /* the name a cover prints beside the program's, or NULL */
	const struct pc_schema *schema; /* its program's (the core keys' for a pack of every program) */
	struct pc_let *lets;
	size_t nlets, caplets;
	struct pc_table *tables;
	size_t ntables, captables;
	struct pc_figure_decl *figures;
	size_t nfigures, capfigures;
	struct pc_chart_decl *charts;
	size_t ncharts, capcharts;
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
	struct pc_schema **schemas; /* one per program (schema.h) */
	size_t nschemas, capschemas;
	struct pc_frames **frames;  /* one per program (frames.h) */
	size_t nframes, capframes;
	/* the summaries' figure columns, every pack's in the order of the
	 * packs' figures (figures.c) */
	struct pc_column *columns;
	size_t ncolumns;
};

/* load packs from several directories with a configuration's levels and
 * parameters over them (config.h); the set owns cfg (freed with it, or
 * here on failure); NULL after printing every problem */
struct pc_ruleset *pc_rules_load_ex(const char *const *dirs, size_t ndirs, struct pc_config *cfg, FILE *errs);
/* `rules --write-cache`: the next loads read every rule file's YAML and,
 * when they load without error, keep the trees in DIR/.plancheck-parsed;
 * failed: one of those files could not be written */
void pc_rules_cache_write(bool on);
bool pc_rules_cache_failed(void);
const struct pc_kind *pc_kind_find(const char *name);
const struct pc_kind *const *pc_kinds(size_t *n);
/* run every applicable rule of every applicable pack on d (only: that
 * rule alone, as `rules --test` does) */
void pc_run_rules(struct pc_doc *d, const struct pc_ruleset *rs, const struct pc_rule *only);
/* does a pack apply to this plan (program, topup) */
bool pc_pack_applies(const struct pc_pack *p, const struct pc_doc *d);
/* check_section.c: headings as people type them - numbered lines, a
 * heading at another level, a close wording of a required heading - read
 * as the packs' sections, each with a note (plan.heading-form); called
 * by pc_run_rules before any rule */
void pc_sections_recognise(struct pc_doc *d, const struct pc_ruleset *rs);
int pc_rules_selftest(const struct pc_ruleset *rs, FILE *out, int verbose);
const struct pc_rule *pc_rules_find(const struct pc_ruleset *rs, const char *id);
/* spelling: extra words for every speller (--dict) */
void pc_rules_add_words(struct pc_ruleset *rs, const char *path);
/* tasks.c: "第6回〜" and the like; `rules --format json` (and GET /api/rules) */
void pc_rule_rounds(const struct pc_rule *r, char *buf, size_t n);
void pc_rules_json(const struct pc_ruleset *rs, FILE *out);

#endif
