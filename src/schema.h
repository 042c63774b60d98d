/*
 * schema.h - a program's plan schema, declared by its pack in
 * rules/<program>/schema.yml (schema.c reads it): every field of the front
 * matter with its key, Japanese label and aliases, type, allowed values,
 * units and when it is required, and the document tables a draft written
 * in Word carries (基本情報, 経費明細, 収益計画, 手続の日程) with the label of
 * each row or column.  C knows only the core keys (plancheck, program,
 * round, frame, topup); everything else comes from the pack.  The typing of
 * a plan (plan.c), the validation of the field paths rule files name, the
 * table reader and the reporters' labels all read this.
 */
#ifndef PC_SCHEMA_H
#define PC_SCHEMA_H

#include "internal.h"

struct pc_ruleset;

enum pc_ftype {
	PC_F_MAP,        /* a record with declared fields */
	PC_F_LIST,       /* a list of records */
	PC_F_TEXT,
	PC_F_INT,
	PC_F_AMOUNT,     /* yen; a bare number may be in a unit field's unit */
	PC_F_DATE,
	PC_F_BOOL,
	PC_F_ENUM,       /* text, one of values (aliases read as their value) */
	PC_F_PERCENT,    /* 12.5% (stored as millionths: 125000) */
	PC_F_UNIT        /* the unit of other amounts: 円, 千円, 万円, 百万円 */
};

/* an allowed value of an enumeration and how else people write it */
struct pc_enum_value {
	const char *value;
	const char **aliases;
	size_t naliases;
};

/* a field is required when every stated part holds (rounds, one of the
 * frames, the top-up); any of a field's conditions makes it required */
struct pc_required {
	long rlo, rhi;              /* -1: open */
	const char **frames;
	size_t nframes;
	const char *topup;
};

struct pc_field {
	const char *key;            /* "employees" */
	const char *path;           /* "applicant.employees"; in a list "expenses[].amount" */
	const char *label;          /* 常勤従業員数 */
	const char *short_label;    /* a column header: 従業員 (else label) */
	const char *description;
	const char **aliases;       /* other labels people write: 従業員数 … */
	size_t naliases;
	enum pc_ftype type;
	enum pc_vtype vtype;        /* what a scalar is read as; PC_V_NONE for maps, lists */
	struct pc_enum_value *values;
	size_t nvalues;
	const char **suffixes;      /* integers: words that may follow the number (人, 名) */
	size_t nsuffixes;
	const char *unit_field;     /* amounts: bare numbers are in this unit field's unit */
	bool has_min;               /* integers and amounts: the least a plan may say (min:) */
	long min;                   /* a count, or yen */
	const char *role;           /* a job the program's C knows by name: see pc_schema_role */
	bool core;                  /* one of C's own keys */
	struct pc_required *required;
	size_t nrequired;
	const char *pack;           /* the pack that declared it (a top-up may add fields) */
	bool rule_required;         /* a field rule words its absence (no plan.required) */
	const struct pc_ynode *at;  /* where schema.yml declares it (NULL: a core key by default) */
	struct pc_doc *file;
	const char **folded;        /* label, short label and aliases, folded */
	size_t nfolded;
	const struct pc_field *parent;
	struct pc_field **children; /* declaration order */
	size_t nchildren, capchildren;
};

/* documents.md §3: a table of a Word draft that carries plan data */
enum pc_table_shape {
	PC_TABLE_LABELS,   /* label | value rows, each label a field */
	PC_TABLE_LIST,     /* one row per item of a list, columns the item's fields */
	PC_TABLE_YEARS     /* one column (or row) per year of a list, rows the item's fields */
};

/* a row label (LABELS) or a column of the item (LIST, YEARS) */
struct pc_table_col {
	const struct pc_field *field;
	const char **aliases;       /* this table's own further labels */
	size_t naliases;
};

struct pc_doc_table {
	const char *name;           /* 収益計画 */
	const char **aliases;       /* 収益計画表, 売上・利益計画 */
	size_t naliases;
	enum pc_table_shape shape;
	const struct pc_field *list;    /* LIST, YEARS: the list field */
	struct pc_table_col *cols;
	size_t ncols;
	const struct pc_field *total;   /* LIST: the field a 合計 row states */
	const char **total_labels;
	size_t ntotal_labels;
	const struct pc_field *year, *kind;   /* YEARS: the item's year and its kind (its
					       * values in time order: before the base
					       * year, the base year, after) */
	const struct pc_field *base;    /* YEARS: the field the base year goes to, or NULL */
	const struct pc_ynode *at;  /* where schema.yml declares it */
	struct pc_doc *file;
};

struct pc_schema {
	const char *program;
	const char *title;
	const char *file;           /* schema.yml it was read from; NULL for the core */
	const char *pack;           /* the pack whose schema.yml declares the fields */
	struct pc_field root;       /* the front matter: a map */
	struct pc_field **all;      /* every field, parents first, in declaration order */
	size_t nall, capall;
	const struct pc_field **slot;  /* path -> field (open addressing) */
	size_t nslot;
	struct pc_doc_table *tables;
	size_t ntables, captables;
	struct pc_schema_build *build;  /* what the loader resolves at the end */
	struct pc_frames *frames;   /* the program's frames by round (frames.h), or NULL */
};

/* the schema of a program's plans in this rule set, or NULL */
const struct pc_schema *pc_schema_of(const struct pc_ruleset *rs, const char *program);
/* the core keys alone: for plans whose program has no schema */
const struct pc_schema *pc_schema_core(void);
/* a field by path ("applicant.employees", "expenses[].amount"); NULL if none */
const struct pc_field *pc_schema_field(const struct pc_schema *s, const char *path);
/* the known path nearest to a wrong one, for a did-you-mean, or NULL */
const char *pc_schema_near_path(const struct pc_schema *s, const char *path);
/* a child of a map or list field by key */
const struct pc_field *pc_schema_child(const struct pc_field *parent, const char *key);
/* the field a label names (its label, short label or an alias, compared
 * folded: NFKC, no spaces, no ※ note or bracketed remark), among the
 * descendants of under (the whole schema when NULL); NULL if none or if
 * two fields share that label */
const struct pc_field *pc_schema_by_label(const struct pc_schema *s, const struct pc_field *under,
					  const char *label);
/* the field with a role ("steps": the map of grant-flow dates; "name":
 * the applicant's name), or NULL */
const struct pc_field *pc_schema_role(const struct pc_schema *s, const char *role);
/* an enumeration's value for what was written (the value or an alias,
 * folded), or NULL */
const char *pc_schema_enum(const struct pc_field *f, const char *written);
/* the nearest allowed value of an enumeration to what was written, for a
 * did-you-mean, or NULL */
const char *pc_schema_enum_near(const struct pc_field *f, const char *written);
/* is the field required for this plan (round, canonical frame, topup)? */
const struct pc_required *pc_schema_required(const struct pc_field *f, long round, const char *frame,
					     const char *topup);

/* the document table a caption names (the table's name or an alias occurs
 * in the folded caption), or NULL */
const struct pc_doc_table *pc_schema_table(const struct pc_schema *s, const char *caption);
/* within a table, the field a row or column label names, or NULL */
const struct pc_field *pc_table_field(const struct pc_doc_table *t, const char *label);

/* the Japanese name of a field's type, for messages: 整数, 金額 … */
const char *pc_ftype_ja(enum pc_ftype t);

/* rules.c: read schema.yml of a pack (root is its YAML map) into the
 * program's schema, creating it or adding to it (a top-up's fields) */
struct pc_loader;
struct pc_pack;
void pc_schema_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root);
/* after every schema.yml is read: the core keys, the index, the tables */
bool pc_schema_finish(struct pc_loader *L, struct pc_schema *s);

#endif
