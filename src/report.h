/*
 * report.h - the inside of the reporter seam (plancheck.h has the outside):
 * a format is a class of three calls - begin, one document, end - over a
 * reporter that holds the destination, the options and the format's own
 * state.  Each report_*.c defines one class; report.c lists them.
 */
#ifndef PC_REPORT_H
#define PC_REPORT_H

#include "internal.h"
#include "rules.h"

struct pc_reporter;

struct pc_reporter_class {
	const char *name;           /* the format: "json" */
	bool wants_doc;             /* needs the parsed document, not only its summary */
	bool own_file;              /* writes its destination itself (PDF): no FILE is opened */
	/* state: set r->state; 0, or -1 with a message */
	int (*begin)(struct pc_reporter *r, char *err, size_t errlen);
	/* d is NULL for summary formats given only a summary; s is never
	 * NULL for them (made from d when the caller gave none) */
	void (*doc)(struct pc_reporter *r, struct pc_doc *d, const struct pc_summary *s);
	/* write what is left and free the state; 0 or -1 with a message */
	int (*end)(struct pc_reporter *r, char *err, size_t errlen);
};

struct pc_reporter {
	const struct pc_reporter_class *cls;
	FILE *out;                  /* NULL for own_file classes */
	struct pc_report_dest to;
	struct pc_report_opts opts;
	struct pc_atomic *atomic;   /* when writing to->path */
	size_t ndocs;               /* documents seen so far */
	struct pc_arena arena;      /* summaries made here, the state's strings */
	void *state;
};

extern const struct pc_reporter_class pc_reporter_text, pc_reporter_json, pc_reporter_sarif,
	pc_reporter_csv, pc_reporter_summary_json, pc_reporter_summary_pdf;

/* the batch summaries' shared views: which figures a summary keeps (key,
 * CSV heading, whether the CSV shows the display form), and how many
 * drafts trip each rule */
/* the summaries' figure columns, as the packs of rs declare them (none
 * without rules) */
const struct pc_column *pc_summary_columns(const struct pc_ruleset *rs, size_t *n);
const struct pc_figure_val *pc_summary_fig(const struct pc_summary *s, const char *key);

struct pc_rulecount {
	const char *id;
	size_t drafts;
	enum pc_severity level;     /* the highest it was found at */
};
/* the rules the summaries trip, most drafts first (then by id); malloc'd */
struct pc_rulecount *pc_summary_count_rules(const struct pc_summary *const *rows, size_t n,
					    const struct pc_ruleset *rs, size_t *nout);

/* a rule in Japanese, for a reader: a pack rule's description (its last
 * 。 dropped), a parser rule's name, else the id (report_sarif.c holds
 * the parser rules' names) */
const char *pc_rule_name(struct pc_arena *a, const struct pc_ruleset *rs, const char *id);
const char *pc_parser_rule_text(const char *id, enum pc_severity *level);

/* a growable list of summaries kept until end (summary formats) */
struct pc_summary_list {
	const struct pc_summary **v;
	size_t n, cap;
};
void pc_summary_list_add(struct pc_reporter *r, struct pc_summary_list *l, const struct pc_summary *s);

#endif
