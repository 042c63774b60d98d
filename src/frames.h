/*
 * frames.h - a program's application frames (申請枠) by round, declared by
 * its pack in rules/<program>/frames.yml (frames.c reads it): one row per
 * frame (and 類型) and range of rounds, with its source and the values the
 * rules read as frame.<column> - rates, caps, growth and wage targets,
 * periods, 事前着手, entry requirements.  A value may depend on the plan
 * (the company's size, its employees, whether it claims the 大規模な賃上げ
 * uplift): a cell is then split `by:` a dimension the pack declares.  A
 * value whose source is not confirmed is read only as frame_m.<column>, so
 * that an error rule never rests on it.  C knows no frame, column or
 * figure: only how to match a plan's round and frame to a row and how to
 * resolve a cell.
 */
#ifndef PC_FRAMES_H
#define PC_FRAMES_H

#include "expr.h"

struct pc_loader;
struct pc_pack;
struct pc_schema;

enum pc_ctype { PC_C_FRACTION, PC_C_AMOUNT, PC_C_PERCENT, PC_C_INT, PC_C_BOOL, PC_C_DATE, PC_C_TEXT };

struct pc_frame_col {
	const char *name;           /* cap */
	const char *label;          /* 補助上限額 */
	enum pc_ctype type;
	const char *description;
};

/* what a cell may be split by: a field of the plan */
struct pc_frame_dim {
	const char *name;           /* employees */
	const char *field;          /* applicant.employees */
	const char *unit;           /* 人: how a range is printed */
	const char *label;          /* 従業員数 */
	struct pc_val dflt;         /* the value when the plan has none (X_MISSING: no value) */
	const char *yes, *no;       /* how true and false are printed */
	bool numeric, boolean;      /* the field's kind: ranges, true/false, or values */
	const char **values;        /* an enumeration's (or true, false) */
	size_t nvalues;
};

struct pc_fcell;
struct pc_fcase {
	const char *key;            /* a value (中小企業, true) or a range as written */
	struct pc_rat lo, hi;       /* a range over a number (d == 0: open) */
	bool range;
	struct pc_fcell *cell;
};

struct pc_fcell {
	int dim;                    /* -1: the value v; else split on dims[dim] */
	struct pc_val v;
	struct pc_fcase *cases;
	size_t ncases;
	struct pc_fcell *otherwise; /* else: */
};

struct pc_frame {
	const char *name;           /* 成長分野進出枠 */
	const char *subtype;        /* 通常類型, or NULL */
	const char *label;          /* 成長分野進出枠（通常類型）: name and subtype */
	const char **aliases;       /* how else plans write it */
	size_t naliases;
	const char **folded;        /* label, name+subtype, aliases: folded */
	size_t nfolded;
	long rlo, rhi;              /* rounds, inclusive (-1 open) */
	const char *source;
	const char *note;
	struct pc_fcell **cells;    /* per column; NULL: not stated */
	bool *unconfirmed;          /* per column: read only as frame_m */
	const struct pc_ynode *at;
	struct pc_doc *file;
};

struct pc_frames {
	const char *program;
	const struct pc_ynode *root; /* frames.yml, read once the schema is finished */
	struct pc_doc *file;
	const struct pc_pack *pack;
	size_t capdims, capcols;
	const char *subtype_field;  /* a field naming the 類型 when the frame does not */
	struct pc_frame_dim *dims;
	size_t ndims;
	struct pc_frame_col *cols;
	size_t ncols;
	struct pc_frame *rows;
	size_t nrows;
};

/* how a plan's frame was matched */
enum pc_frame_how {
	PC_FRAME_NONE,          /* no frame or no round written, or no table */
	PC_FRAME_FOUND,
	PC_FRAME_UNKNOWN,       /* no frame of any round has that name */
	PC_FRAME_OTHER_ROUND,   /* a frame of other rounds */
	PC_FRAME_NEEDS_SUBTYPE  /* a frame with 類型, none said */
};

/* rules.c: read a pack's frames.yml (root is its map) */
void pc_frames_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root);
/* after the schema is finished: dimensions' fields checked against it */
void pc_frames_finish(struct pc_loader *L, struct pc_frames *f, const struct pc_schema *s);

/* a column by name, or -1; the nearest name for a did-you-mean */
int pc_frames_col(const struct pc_frames *f, const char *name);
const char *pc_frames_near_col(const struct pc_frames *f, const char *name);
/* is name a frame's name or label (for a rule's frame: list)? the nearest otherwise */
bool pc_frames_known(const struct pc_frames *f, const char *name);
const char *pc_frames_near(const struct pc_frames *f, const char *name, long round);

/* match the plan's round and frame (pc_run_rules calls this once, after
 * typing): sets d->frame, d->frame_how; a written alias reads as the
 * frame's label from then on */
void pc_frames_resolve(struct pc_doc *d, const struct pc_frames *f);
/* "第6〜9回、第10〜11回": the rounds a frame name exists in */
const char *pc_frames_rounds_of(struct pc_arena *a, const struct pc_frames *f, const char *name);
/* the names of a round's frames, "、" between */
const char *pc_frames_of_round(struct pc_arena *a, const struct pc_frames *f, long round);

/* the value of a column for this plan's frame: missing when the frame is
 * not known, the column not stated, a dimension's value missing, or the
 * value unconfirmed (unconfirmed: only then) */
struct pc_val pc_frame_value(const struct pc_doc *d, int col, bool unconfirmed);
/* built-in columns: frame.name, frame.subtype, frame.source */
enum { PC_FRAME_COL_NAME = -2, PC_FRAME_COL_SUBTYPE = -3, PC_FRAME_COL_SOURCE = -4 };

/* a cell as people read it: "中小企業 2/3・中堅企業 1/2" */
const char *pc_fcell_format(struct pc_arena *a, const struct pc_frames *f, const struct pc_frame_col *c,
			    const struct pc_fcell *cell);
/* "第6〜9回": a row's rounds */
const char *pc_frame_rounds(struct pc_arena *a, const struct pc_frame *r);
/* the table by round (only > 0: that round), as text or JSON: `rules --frames` */
void pc_frames_print(FILE *out, const struct pc_frames *f, long only, bool json);
/* the table as a section of the books, in the plan body format: "## N 公募回
 * ごとの申請枠", a table of each round's frames, then a table per frame
 * (malloc'd) */
char *pc_frames_markdown(const struct pc_frames *f, const char *number);
/* a value of a column type: 2/3, 3,000万円, 4.0%, はい */
const char *pc_fval_format(struct pc_arena *a, enum pc_ctype t, const struct pc_val *v);

#endif
