/*
 * expr.h - the rule expression language: values, the parsed tree, and the
 * evaluation context.  Shared by rules.c (which compiles and validates
 * expressions) and the check_*.c kinds (which evaluate them).
 */
#ifndef PC_EXPR_H
#define PC_EXPR_H

#include "internal.h"

/* An exact rational; the denominator is positive and the pair reduced. */
struct pc_rat {
	__int128 n, d;
};

enum pc_xt { X_MISSING, X_NUM, X_DATE, X_BOOL, X_TEXT, X_LIST, X_ERROR };
enum pc_unit { U_NONE, U_YEN };

struct pc_val {
	enum pc_xt t;
	enum pc_unit unit;
	struct pc_rat r;            /* X_NUM */
	int64_t days;               /* X_DATE */
	bool b;                     /* X_BOOL */
	const char *s;              /* X_TEXT; X_ERROR message */
	struct pc_val *items;       /* X_LIST */
	size_t n;
	size_t start, end;          /* where in the plan it was read (0,0 if computed) */
	bool has_span;
};

enum pc_eop {
	E_NUM, E_STR, E_BOOL, E_PATH, E_LET, E_NEG, E_NOT, E_ADD, E_SUB, E_MUL,
	E_DIV, E_EQ, E_NE, E_LT, E_LE, E_GT, E_GE, E_AND, E_OR, E_IF, E_CALL,
	E_FRAME                     /* frame.<column> / frame_m.<column> of the plan's frame */
};

struct pc_pathseg {
	const char *name;
	bool list;                  /* name[] or name[filter] */
	struct pc_expr *filter;     /* evaluated with the item as row */
};

struct pc_expr {
	enum pc_eop op;
	struct pc_expr *a, *b, *c;
	struct pc_rat num;
	enum pc_unit unit;
	const char *str;            /* string literal, function or let name */
	struct pc_pathseg *segs;    /* E_PATH */
	size_t nsegs;
	bool relative;              /* E_PATH: starts at the current row */
	struct pc_expr **args;
	size_t nargs;
	int fn;                     /* E_CALL: index in the function table */
	const struct pc_table *table;   /* lookup() */
	size_t let;                 /* E_LET index */
	int col;                    /* E_FRAME: the column (frames.h) */
	bool unconfirmed;           /* E_FRAME: frame_m, the values not confirmed */
	bool konst;                 /* literals only: its value is known when loaded */
	/* the top of a run of same-precedence binary operators (a + b - c,
	 * x and y and z): the nodes bottom-up, so that pc_eval folds a chain
	 * of any length in a loop instead of recursing down it */
	struct pc_expr **chain;
	size_t nchain;
};

struct pc_table_row {
	struct pc_rat lo[4], hi[4]; /* inclusive; d == 0 means open */
	struct pc_val value;
};

struct pc_table {
	const char *name;
	size_t nkeys;
	struct pc_table_row *rows;
	size_t nrows;
};

struct pc_let {
	const char *name;
	struct pc_expr *e;
	const char *computed;       /* name under "computed", or NULL */
	const char *label;          /* Japanese label for the 計算結果 block */
	bool percent;
	const struct pc_ynode *at;  /* its name in the rule file (loader messages) */
	struct pc_doc *file;
};

/* What names an expression may use while it is compiled. */
struct pc_scope {
	const struct pc_let *lets;
	size_t nlets;
	const struct pc_table *tables;
	size_t ntables;
	const char *row_path;       /* "financial_plan.rows[]" in rows rules */
	const struct pc_schema *schema; /* the plan's fields paths are checked against */
	const struct pc_frames *frames; /* the program's frames: frame.<column> */
};

/* Parse src into an expression; on error returns NULL and sets *err (an
 * arena string) and *erroff (byte offset in src). */
struct pc_expr *pc_expr_parse(struct pc_arena *a, const char *src, size_t len,
			      const struct pc_scope *sc, const char **err, size_t *erroff);
/* Limits a rule's expression is held to when it is loaded: nodes of one
 * expression, and how deep one evaluation may recurse (lets calling lets,
 * filters inside filters); past the latter a value is an error, never a
 * stack overflow. */
#define PC_EXPR_MAX_NODES 10000
#define PC_EVAL_MAX_DEPTH 1000
/* The lets an expression names, each once, in order of first use (an
 * arena array; iterative, so any tree the parser built is walked). */
size_t pc_expr_lets(struct pc_arena *a, const struct pc_expr *e, size_t nlets, size_t **out);

struct pc_eval {
	struct pc_doc *d;
	const struct pc_let *lets;
	size_t nlets;
	struct pc_val *letvals;     /* memo, per doc */
	char *letstate;             /* 0 not yet, 1 computing, 2 done */
	const struct pc_ynode *row; /* current item */
	struct pc_arena *a;         /* scratch for values: the doc's arena */
	/* work done by the outermost pc_eval under way: filters nested in
	 * filters multiply, so a budget (not the depth cap) bounds them */
	unsigned depth;
	unsigned long steps;
};

struct pc_val pc_eval(struct pc_eval *ev, const struct pc_expr *e);
/* Format a value as people read it: 3,600万円, 5.1%, 2023年4月5日. */
const char *pc_val_format(struct pc_arena *a, const struct pc_val *v, const char *how);
double pc_rat_double(struct pc_rat r);
/* exact decimal digits of a 128-bit integer */
const char *pc_int128_str(struct pc_arena *a, __int128 v);
bool pc_val_truthy(const struct pc_val *v);
/* The value of an expression made of literals only (konst); false when it
 * depends on the plan. */
bool pc_expr_const(struct pc_arena *a, const struct pc_expr *e, struct pc_val *out);

#endif
