/*
 * expr.c - the expression language of assert, rows, flow and let rules:
 * exact rational arithmetic (+ - * / on __int128 fractions, overflow
 * detected, never floating point), comparisons, and/or/not, if-then-else,
 * paths into the front matter with list filters
 * (financial_plan.rows[kind == "計画"].value_added), amount literals
 * (3,000万円), dates and month arithmetic, lookup tables and named lets.
 * A value read from a missing or unreadable field is "missing", and
 * anything computed from it is missing too: a rule never fires on a number
 * the plan does not have.
 */
#include "expr.h"
#include "frames.h"
#include "schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- rationals ------------------------------------------------------------ */

static __int128 gcd128(__int128 a, __int128 b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b) {
		__int128 t = a % b;
		a = b;
		b = t;
	}
	return a ? a : 1;
}

static struct pc_rat rat(__int128 n, __int128 d)
{
	if (d < 0) {
		n = -n;
		d = -d;
	}
	__int128 g = gcd128(n, d);
	struct pc_rat r = {n / g, d / g};
	return r;
}

static struct pc_rat rat_int(int64_t v)
{
	struct pc_rat r = {v, 1};
	return r;
}

/* false on overflow */
static bool rat_add(struct pc_rat x, struct pc_rat y, struct pc_rat *out, int sign)
{
	__int128 a, b, n, d;
	if (__builtin_mul_overflow(x.n, y.d, &a) || __builtin_mul_overflow(y.n, x.d, &b) ||
	    __builtin_mul_overflow(x.d, y.d, &d))
		return false;
	if (sign < 0)
		b = -b;
	if (__builtin_add_overflow(a, b, &n))
		return false;
	*out = rat(n, d);
	return true;
}

static bool rat_mul(struct pc_rat x, struct pc_rat y, struct pc_rat *out)
{
	/* cross-reduce first to keep the numbers small */
	__int128 g1 = gcd128(x.n, y.d), g2 = gcd128(y.n, x.d);
	__int128 n, d;
	if (__builtin_mul_overflow(x.n / g1, y.n / g2, &n) ||
	    __builtin_mul_overflow(x.d / g2, y.d / g1, &d))
		return false;
	*out = rat(n, d);
	return true;
}

static int rat_cmp(struct pc_rat x, struct pc_rat y)
{
	__int128 a, b;
	if (__builtin_mul_overflow(x.n, y.d, &a) || __builtin_mul_overflow(y.n, x.d, &b)) {
		double p = pc_rat_double(x), q = pc_rat_double(y);
		return p < q ? -1 : p > q;
	}
	return a < b ? -1 : a > b;
}

static __int128 rat_floor(struct pc_rat x)
{
	__int128 q = x.n / x.d;
	if (x.n % x.d != 0 && x.n < 0)
		q--;
	return q;
}

const char *pc_int128_str(struct pc_arena *a, __int128 v)
{
	char buf[48];
	size_t i = sizeof(buf);
	unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	buf[--i] = '\0';
	do {
		buf[--i] = (char)('0' + (int)(m % 10));
		m /= 10;
	} while (m);
	if (v < 0)
		buf[--i] = '-';
	return pc_arena_strdup(a, buf + i);
}

double pc_rat_double(struct pc_rat r)
{
	return (double)r.n / (double)r.d;
}

/* ---- values ----------------------------------------------------------------- */

static struct pc_val v_missing(void)
{
	struct pc_val v = {.t = X_MISSING};
	return v;
}

static struct pc_val v_error(struct pc_arena *a, const char *msg)
{
	struct pc_val v = {.t = X_ERROR, .s = pc_arena_strdup(a, msg)};
	return v;
}

static struct pc_val v_num(struct pc_rat r, enum pc_unit u)
{
	struct pc_val v = {.t = X_NUM, .r = r, .unit = u};
	return v;
}

static struct pc_val v_bool(bool b)
{
	struct pc_val v = {.t = X_BOOL, .b = b};
	return v;
}

bool pc_val_truthy(const struct pc_val *v)
{
	return v->t == X_BOOL && v->b;
}

/* ---- lexer ----------------------------------------------------------------- */

enum tok {
	T_END, T_NUM, T_STR, T_ID, T_LP, T_RP, T_LB, T_RB, T_COMMA, T_DOT,
	T_PLUS, T_MINUS, T_STAR, T_SLASH, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_BAD
};

struct lexer {
	struct pc_arena *a;
	const char *s;
	size_t n, i;
	enum tok t;
	size_t ts, te;              /* token span */
	struct pc_rat num;
	enum pc_unit unit;
	const char *str;
	const char *err;
	size_t erroff;
	const struct pc_scope *sc;
	const char *row_path;       /* current relative scope */
	int depth;                  /* nesting: parentheses, if, prefix - and not */
	size_t nodes;               /* built so far: capped at PC_EXPR_MAX_NODES */
};

#define PC_EXPR_MAX_DEPTH 200

static bool lit(struct lexer *L, const char *w)
{
	size_t k = strlen(w);
	if (L->n - L->i >= k && memcmp(L->s + L->i, w, k) == 0) {
		L->i += k;
		return true;
	}
	return false;
}

static void fail(struct lexer *L, size_t off, const char *msg)
{
	if (!L->err) {
		L->err = msg;
		L->erroff = off;
	}
}

/* each nesting level (parentheses, if, prefix - and not) is a level of
 * recursion here and in pc_eval: capped, so 10,000 minus signs are an
 * error, not a stack overflow */
static bool deeper(struct lexer *L)
{
	if (L->depth >= PC_EXPR_MAX_DEPTH) {
		fail(L, L->ts, "式の入れ子が深すぎます");
		return false;
	}
	L->depth++;
	return true;
}

static void next(struct lexer *L)
{
	const char *s = L->s;
	if (L->err) {
		/* the first error stands: end here, so that a loop over a chain
		 * of 100,000 terms stops at the one that was too many */
		L->t = T_END;
		L->ts = L->te = L->i;
		return;
	}
	while (L->i < L->n && (s[L->i] == ' ' || s[L->i] == '\t' || s[L->i] == '\n' || s[L->i] == '\r'))
		L->i++;
	L->ts = L->i;
	if (L->i >= L->n) {
		L->t = T_END;
		L->te = L->i;
		return;
	}
	char c = s[L->i];
	if (c >= '0' && c <= '9') {
		/* a number, maybe with ,-groups, a decimal, a % or a yen unit:
		 * the amount reader decides what is well formed */
		size_t j = L->i;
		while (j < L->n) {
			if ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')
				j++;
			else if (s[j] == ',' && j + 3 < L->n &&
				 s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' && s[j + 2] <= '9' &&
				 s[j + 3] >= '0' && s[j + 3] <= '9' &&
				 (j + 4 >= L->n || s[j + 4] < '0' || s[j + 4] > '9'))
				j++;   /* a digit group, not an argument separator */
			else
				break;
		}
		size_t k = j;
		static const char *const units[] = {"兆", "億", "千万", "百万", "万", "千", "円"};
		bool unit = false;
		for (bool more = true; more;) {
			more = false;
			for (size_t u = 0; u < PC_ARRAY_LEN(units); u++) {
				size_t ul = strlen(units[u]);
				if (L->n - k >= ul && memcmp(s + k, units[u], ul) == 0) {
					k += ul;
					unit = more = true;
					/* 1億2,000万円: digits may follow a unit */
					while (k < L->n && ((s[k] >= '0' && s[k] <= '9') ||
							    (s[k] == ',' && k + 1 < L->n && s[k + 1] >= '0' && s[k + 1] <= '9')))
						k++;
				}
			}
		}
		if (unit) {
			int64_t yen;
			int had;
			if (pc_amount_parse(s + L->i, k - L->i, 1, &yen, &had) != PC_OK) {
				fail(L, L->i, "金額の書き方が正しくありません");
				L->t = T_BAD;
				return;
			}
			L->num = rat_int(yen);
			L->unit = U_YEN;
			L->i = k;
		} else {
			/* plain: integer part, optional decimal */
			__int128 n = 0, d = 1;
			bool point = false;
			for (size_t q = L->i; q < j; q++) {
				if (s[q] == ',')
					continue;
				if (s[q] == '.') {
					if (point) {
						fail(L, q, "数値に小数点が2つあります");
						L->t = T_BAD;
						return;
					}
					point = true;
					continue;
				}
				n = n * 10 + (s[q] - '0');
				if (point)
					d *= 10;
				/* d too: "0.000…1" keeps n small while d grows */
				if (n > ((__int128)1 << 100) || d > ((__int128)1 << 100)) {
					fail(L, L->i, n > d ? "数値が大きすぎます" : "小数の桁が多すぎます");
					L->t = T_BAD;
					return;
				}
			}
			L->i = j;
			if (L->i < L->n && s[L->i] == '%') {
				d *= 100;
				L->i++;
			}
			L->num = rat(n, d);
			L->unit = U_NONE;
		}
		L->t = T_NUM;
		L->te = L->i;
		return;
	}
	if (c == '"') {
		size_t j = L->i + 1;
		while (j < L->n && s[j] != '"')
			j++;
		if (j >= L->n) {
			fail(L, L->i, "文字列の閉じの \" がありません");
			L->t = T_BAD;
			return;
		}
		L->str = pc_arena_strndup(L->a, s + L->i + 1, j - L->i - 1);
		L->i = j + 1;
		L->t = T_STR;
		L->te = L->i;
		return;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
		size_t j = L->i;
		while (j < L->n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
				    (s[j] >= '0' && s[j] <= '9') || s[j] == '_'))
			j++;
		L->str = pc_arena_strndup(L->a, s + L->i, j - L->i);
		L->i = j;
		L->t = T_ID;
		L->te = L->i;
		return;
	}
	static const struct {
		const char *w;
		enum tok t;
	} ops[] = {
		{"==", T_EQ}, {"!=", T_NE}, {"<=", T_LE}, {">=", T_GE}, {"≤", T_LE}, {"≥", T_GE},
		{"≠", T_NE}, {"<", T_LT}, {">", T_GT}, {"(", T_LP}, {")", T_RP}, {"[", T_LB},
		{"]", T_RB}, {",", T_COMMA}, {".", T_DOT}, {"+", T_PLUS}, {"-", T_MINUS},
		{"*", T_STAR}, {"/", T_SLASH}, {"×", T_STAR}, {"÷", T_SLASH},
	};
	for (size_t k = 0; k < PC_ARRAY_LEN(ops); k++)
		if (lit(L, ops[k].w)) {
			L->t = ops[k].t;
			L->te = L->i;
			return;
		}
	fail(L, L->i, "式に使えない文字があります");
	L->t = T_BAD;
}

/* ---- functions ---------------------------------------------------------------- */

enum fn {
	F_SUM, F_COUNT, F_MIN, F_MAX, F_FLOOR, F_CEIL, F_ABS, F_FIRST, F_LAST,
	F_PRESENT, F_MONTHS, F_DAYS, F_DATE, F_LOOKUP, F_POW, F_CAGR, F_ONEOF, F_LEN,
	F_PAGES, F_EITHER
};

static const struct {
	const char *name;
	int min, max;
} fns[] = {
	[F_SUM] = {"sum", 1, 16}, [F_COUNT] = {"count", 1, 1}, [F_MIN] = {"min", 1, 16},
	[F_MAX] = {"max", 1, 16}, [F_FLOOR] = {"floor", 1, 1}, [F_CEIL] = {"ceil", 1, 1},
	[F_ABS] = {"abs", 1, 1}, [F_FIRST] = {"first", 1, 1}, [F_LAST] = {"last", 1, 1},
	[F_PRESENT] = {"present", 1, 1}, [F_MONTHS] = {"months", 2, 2},
	[F_DAYS] = {"days", 2, 2}, [F_DATE] = {"date", 1, 1}, [F_LOOKUP] = {"lookup", 2, 5},
	[F_POW] = {"pow", 2, 2}, [F_CAGR] = {"cagr", 3, 3}, [F_ONEOF] = {"oneof", 2, 32},
	[F_LEN] = {"len", 1, 1}, [F_PAGES] = {"pages", 0, 0}, [F_EITHER] = {"either", 2, 16},
};

/* ---- parser ------------------------------------------------------------------- */

static struct pc_expr *parse_expr(struct lexer *L);

static struct pc_expr *node(struct lexer *L, enum pc_eop op)
{
	/* a flat chain is no deeper than one term, but each term is memory
	 * and time in every evaluation: the count is capped too */
	if (++L->nodes > PC_EXPR_MAX_NODES)
		fail(L, L->ts, "式が長すぎます（値と演算子は合わせて 10,000 個までです）");
	struct pc_expr *e = pc_arena_alloc(L->a, sizeof(*e));
	e->op = op;
	e->konst = op == E_NUM || op == E_STR || op == E_BOOL;
	return e;
}

static bool expect(struct lexer *L, enum tok t, const char *what)
{
	if (L->t != t) {
		fail(L, L->ts, what);
		return false;
	}
	next(L);
	return true;
}

static bool is_kw(struct lexer *L, const char *kw)
{
	return L->t == T_ID && strcmp(L->str, kw) == 0;
}

/* schema path of a path expression, for validation: "expenses[].amount" */
static char *schema_path(struct pc_arena *a, const char *prefix, struct pc_pathseg *segs, size_t n)
{
	struct pc_buf b = {0};
	if (prefix) {
		pc_buf_puts(&b, prefix);
	}
	for (size_t i = 0; i < n; i++) {
		if (b.len)
			pc_buf_putc(&b, '.');
		pc_buf_puts(&b, segs[i].name);
		if (segs[i].list && i + 1 < n)
			pc_buf_puts(&b, "[]");
	}
	char *s = pc_arena_strdup(a, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

static struct pc_expr *parse_path(struct lexer *L, const char *first, size_t at)
{
	struct pc_expr *e = node(L, E_PATH);
	size_t cap = 0;
	const char *name = first;
	for (;;) {
		e->segs = pc_grow(L->a, e->segs, &cap, e->nsegs + 1, sizeof(*e->segs));
		struct pc_pathseg *sg = &e->segs[e->nsegs++];
		memset(sg, 0, sizeof(*sg));
		sg->name = name;
		if (L->t == T_LB) {
			next(L);
			sg->list = true;
			if (L->t != T_RB) {
				/* the filter sees the list item as its row */
				const char *saved = L->row_path;
				char *p = schema_path(L->a, NULL, e->segs, e->nsegs);
				const char *rp = e->relative && saved ? pc_arena_printf(L->a, "%s.%s[]", saved, p)
								     : pc_arena_printf(L->a, "%s[]", p);
				L->row_path = rp;
				sg->filter = parse_expr(L);
				L->row_path = saved;
			}
			if (!expect(L, T_RB, "「]」がありません"))
				return NULL;
		}
		if (L->t != T_DOT)
			break;
		next(L);
		if (L->t != T_ID) {
			fail(L, L->ts, "「.」の後に項目名がありません");
			return NULL;
		}
		name = L->str;
		next(L);
		if (e->nsegs == 1 && !e->relative && !sg->list) {
			/* keep going */
		}
	}
	/* validate against the plan schema: relative to the row first */
	const char *abs = schema_path(L->a, NULL, e->segs, e->nsegs);
	if (L->row_path) {
		const char *rel = schema_path(L->a, L->row_path, e->segs, e->nsegs);
		if (pc_schema_field(L->sc->schema, rel)) {
			e->relative = true;
			return e;
		}
	}
	const struct pc_field *fi = pc_schema_field(L->sc->schema, abs);
	if (!fi) {
		const char *near = pc_schema_near_path(L->sc->schema, abs);
		fail(L, at, near ? pc_arena_printf(L->a, "計画書の書式に「%s」という項目はありません（「%s」の書き間違いではありませんか）", abs, near)
			    : pc_arena_printf(L->a, "計画書の書式に「%s」という項目はありません", abs));
		return NULL;
	}
	/* a list must be marked [] before its fields */
	for (size_t i = 0; i + 1 < e->nsegs; i++) {
		const char *p = schema_path(L->a, NULL, e->segs, i + 1);
		const struct pc_field *pf = pc_schema_field(L->sc->schema, p);
		if (pf && pf->type == PC_F_LIST && !e->segs[i].list) {
			fail(L, at, pc_arena_printf(L->a, "「%s」はリストです。「%s[]」と書いてください",
						    e->segs[i].name, e->segs[i].name));
			return NULL;
		}
	}
	return e;
}

static struct pc_expr *parse_primary(struct lexer *L)
{
	size_t at = L->ts;
	if (L->t == T_NUM) {
		struct pc_expr *e = node(L, E_NUM);
		e->num = L->num;
		e->unit = L->unit;
		next(L);
		return e;
	}
	if (L->t == T_STR) {
		struct pc_expr *e = node(L, E_STR);
		e->str = L->str;
		next(L);
		return e;
	}
	if (L->t == T_LP) {
		next(L);
		struct pc_expr *e = parse_expr(L);
		if (!expect(L, T_RP, "「)」がありません"))
			return NULL;
		return e;
	}
	if (L->t == T_ID) {
		const char *name = L->str;
		next(L);
		if (!strcmp(name, "true") || !strcmp(name, "false")) {
			struct pc_expr *e = node(L, E_BOOL);
			e->num = rat_int(!strcmp(name, "true"));
			return e;
		}
		if (L->t == T_LP) {
			struct pc_expr *e = node(L, E_CALL);
			e->str = name;
			e->fn = -1;
			for (size_t k = 0; k < PC_ARRAY_LEN(fns); k++)
				if (!strcmp(fns[k].name, name))
					e->fn = (int)k;
			if (e->fn < 0) {
				fail(L, at, pc_arena_printf(L->a, "不明な関数「%s」です", name));
				return NULL;
			}
			next(L);
			size_t cap = 0;
			if (e->fn == F_LOOKUP) {
				if (L->t != T_ID) {
					fail(L, L->ts, "lookup の最初の引数は表の名前です");
					return NULL;
				}
				for (size_t k = 0; k < L->sc->ntables; k++)
					if (!strcmp(L->sc->tables[k].name, L->str))
						e->table = &L->sc->tables[k];
				if (!e->table) {
					fail(L, L->ts, pc_arena_printf(L->a, "表「%s」は定義されていません", L->str));
					return NULL;
				}
				next(L);
				if (!expect(L, T_COMMA, "lookup の表の後に「,」がありません"))
					return NULL;
			}
			while (L->t != T_RP && !L->err && fns[e->fn].max > 0) {
				struct pc_expr *arg = parse_expr(L);
				if (!arg)
					return NULL;
				e->args = pc_grow(L->a, e->args, &cap, e->nargs + 1, sizeof(*e->args));
				e->args[e->nargs++] = arg;
				if (L->t == T_COMMA)
					next(L);
				else
					break;
			}
			if (!expect(L, T_RP, "関数の「)」がありません"))
				return NULL;
			int total = (int)e->nargs + (e->fn == F_LOOKUP);
			if (total < fns[e->fn].min || total > fns[e->fn].max) {
				fail(L, at, pc_arena_printf(L->a, "関数 %s の引数の数が正しくありません", name));
				return NULL;
			}
			if (e->fn == F_LOOKUP && e->nargs != e->table->nkeys) {
				fail(L, at, pc_arena_printf(L->a, "表「%s」のキーは %zu 個です",
							    e->table->name, e->table->nkeys));
				return NULL;
			}
			e->konst = e->fn != F_PAGES && e->nargs > 0;
			for (size_t k = 0; k < e->nargs; k++)
				e->konst &= e->args[k]->konst;
			return e;
		}
		if ((!strcmp(name, "frame") || !strcmp(name, "frame_m")) && L->t == T_DOT &&
		    (L->sc->frames || !strcmp(name, "frame_m"))) {
			/* a value of the plan's frame (frames.yml), not a field */
			next(L);
			if (L->t != T_ID) {
				fail(L, L->ts, "「.」の後に列の名前がありません");
				return NULL;
			}
			if (!L->sc->frames) {
				fail(L, at, "この program には申請枠の表（frames.yml）がありません");
				return NULL;
			}
			struct pc_expr *e = node(L, E_FRAME);
			e->unconfirmed = name[5] == '_';
			e->str = L->str;
			e->col = pc_frames_col(L->sc->frames, L->str);
			if (e->col == -1) {
				const char *near = pc_frames_near_col(L->sc->frames, L->str);
				fail(L, L->ts, near ? pc_arena_printf(L->a, "申請枠の表に列「%s」はありません（「%s」の書き間違いではありませんか）", L->str, near)
						    : pc_arena_printf(L->a, "申請枠の表に列「%s」はありません", L->str));
				return NULL;
			}
			next(L);
			return e;
		}
		if (L->t != T_DOT && L->t != T_LB) {
			for (size_t k = 0; k < L->sc->nlets; k++)
				if (!strcmp(L->sc->lets[k].name, name)) {
					struct pc_expr *e = node(L, E_LET);
					e->let = k;
					e->str = name;
					return e;
				}
		}
		return parse_path(L, name, at);
	}
	fail(L, L->ts, L->t == T_END ? "式が途中で終わっています" : "ここに値が必要です");
	return NULL;
}

static struct pc_expr *parse_unary(struct lexer *L)
{
	if (L->t == T_MINUS) {
		if (!deeper(L))
			return NULL;
		next(L);
		struct pc_expr *e = node(L, E_NEG);
		e->a = parse_unary(L);
		L->depth--;
		if (!e->a)
			return NULL;
		e->konst = e->a->konst;
		return e;
	}
	return parse_primary(L);
}

/* one more operator of a chain: top is the chain so far (NULL at its
 * first operator); the new node becomes the top and carries the chain's
 * nodes bottom-up, for the evaluator's loop */
static struct pc_expr *binary(struct lexer *L, enum pc_eop op, struct pc_expr *a,
			      struct pc_expr *(*sub)(struct lexer *), size_t *cap)
{
	struct pc_expr *e = node(L, op);
	e->a = a;
	e->b = sub(L);
	if (!e->b)
		return NULL;
	e->konst = a->konst && e->b->konst;
	if (a->nchain && *cap) {
		/* take the chain over from the node below (same level) */
		e->chain = pc_grow(L->a, a->chain, cap, a->nchain + 1, sizeof(*e->chain));
		e->nchain = a->nchain;
		a->chain = NULL;
		a->nchain = 0;
	} else {
		*cap = 0;
		e->chain = pc_grow(L->a, NULL, cap, 1, sizeof(*e->chain));
	}
	e->chain[e->nchain++] = e;
	return e;
}

/* a divisor made of literals that comes to zero: the expression never has
 * a value, so the rule could never fire */
static void check_divisor(struct lexer *L, const struct pc_expr *e, size_t at)
{
	struct pc_val v;
	if (e && e->op == E_DIV && pc_expr_const(L->a, e->b, &v) && v.t == X_NUM && v.r.n == 0)
		fail(L, at, "0 で割っています（この式は値を持たず、規則は決して働きません）");
}

static struct pc_expr *parse_mul(struct lexer *L)
{
	struct pc_expr *e = parse_unary(L);
	size_t cap = 0;
	while (e && (L->t == T_STAR || L->t == T_SLASH)) {
		enum pc_eop op = L->t == T_STAR ? E_MUL : E_DIV;
		next(L);
		size_t at = L->ts;
		e = binary(L, op, e, parse_unary, &cap);
		check_divisor(L, e, at);
	}
	return e;
}

static struct pc_expr *parse_add(struct lexer *L)
{
	struct pc_expr *e = parse_mul(L);
	size_t cap = 0;
	while (e && (L->t == T_PLUS || L->t == T_MINUS)) {
		enum pc_eop op = L->t == T_PLUS ? E_ADD : E_SUB;
		next(L);
		e = binary(L, op, e, parse_mul, &cap);
	}
	return e;
}

static struct pc_expr *parse_cmp(struct lexer *L)
{
	struct pc_expr *e = parse_add(L);
	static const enum pc_eop map[] = {[T_EQ] = E_EQ, [T_NE] = E_NE, [T_LT] = E_LT,
					  [T_LE] = E_LE, [T_GT] = E_GT, [T_GE] = E_GE};
	size_t cap = 0;
	if (e && L->t >= T_EQ && L->t <= T_GE) {
		enum pc_eop op = map[L->t];
		next(L);
		e = binary(L, op, e, parse_add, &cap);
	}
	return e;
}

static struct pc_expr *parse_not(struct lexer *L)
{
	if (is_kw(L, "not")) {
		if (!deeper(L))
			return NULL;
		next(L);
		struct pc_expr *e = node(L, E_NOT);
		e->a = parse_not(L);
		L->depth--;
		if (!e->a)
			return NULL;
		e->konst = e->a->konst;
		return e;
	}
	return parse_cmp(L);
}

static struct pc_expr *parse_and(struct lexer *L)
{
	struct pc_expr *e = parse_not(L);
	size_t cap = 0;
	while (e && is_kw(L, "and")) {
		next(L);
		e = binary(L, E_AND, e, parse_not, &cap);
	}
	return e;
}

static struct pc_expr *parse_or(struct lexer *L)
{
	struct pc_expr *e = parse_and(L);
	size_t cap = 0;
	while (e && is_kw(L, "or")) {
		next(L);
		e = binary(L, E_OR, e, parse_and, &cap);
	}
	return e;
}

static struct pc_expr *parse_expr(struct lexer *L)
{
	if (L->err || !deeper(L))
		return NULL;
	struct pc_expr *e;
	if (is_kw(L, "if")) {
		next(L);
		e = node(L, E_IF);
		e->a = parse_expr(L);
		if (e->a && !is_kw(L, "then"))
			fail(L, L->ts, "if の後に then がありません");
		else if (e->a) {
			next(L);
			e->b = parse_expr(L);
			if (e->b && !is_kw(L, "else"))
				fail(L, L->ts, "then の後に else がありません");
			else if (e->b) {
				next(L);
				e->c = parse_expr(L);
			}
		}
		if (L->err)
			e = NULL;
		else
			e->konst = e->a->konst && e->b->konst && e->c->konst;
	} else
		e = parse_or(L);
	L->depth--;
	return L->err ? NULL : e;
}

struct pc_expr *pc_expr_parse(struct pc_arena *a, const char *src, size_t len,
			      const struct pc_scope *sc, const char **err, size_t *erroff)
{
	struct lexer L = {.a = a, .s = src, .n = len, .sc = sc, .row_path = sc->row_path};
	next(&L);
	struct pc_expr *e = L.err ? NULL : parse_expr(&L);
	if (e && !L.err && L.t != T_END)
		fail(&L, L.ts, "式の後に余分な語があります");
	if (L.err) {
		*err = L.err;
		*erroff = L.erroff;
		return NULL;
	}
	return e;
}

/* ---- evaluation ------------------------------------------------------------- */

static struct pc_val from_node(const struct pc_ynode *n)
{
	struct pc_val v = v_missing();
	if (!n)
		return v;
	switch (n->vtype) {
	case PC_V_TEXT:
		v.t = X_TEXT;
		v.s = n->str;
		break;
	case PC_V_PERCENT:
		v = v_num(rat(n->ival, 1000000), U_NONE);
		break;
	case PC_V_INT:
		v = v_num(rat_int(n->ival), U_NONE);
		break;
	case PC_V_AMOUNT:
		v = v_num(rat_int(n->ival), U_YEN);
		break;
	case PC_V_DATE:
		v.t = X_DATE;
		v.days = n->ival;
		break;
	case PC_V_BOOL:
		v = v_bool(n->ival != 0);
		break;
	default:
		return v;
	}
	v.start = n->start;
	v.end = n->end;
	v.has_span = true;
	return v;
}

/* Where a path's leaves go: a list being built (malloc'd while it grows,
 * copied to the arena once, exactly: growing it in the arena left every
 * smaller copy behind, twice the list in garbage), or a function that
 * sees each leaf and may stop - sum(expenses[].amount) over 150,000 rows
 * needs no list at all. */
struct sink {
	struct pc_val *v;
	size_t n, cap;
	bool (*fn)(void *ctx, const struct pc_val *v);
	void *ctx;
	bool stop;
};

static void sink_put(struct sink *s, struct pc_val v)
{
	if (s->stop)
		return;
	if (s->fn) {
		if (!s->fn(s->ctx, &v))
			s->stop = true;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = v;
}

static struct pc_val sink_list(struct pc_arena *a, struct sink *s)
{
	struct pc_val l = {.t = X_LIST, .n = s->n};
	if (s->n) {
		l.items = pc_arena_alloc(a, s->n * sizeof(*l.items));
		memcpy(l.items, s->v, s->n * sizeof(*l.items));
	}
	free(s->v);
	s->v = NULL;
	return l;
}

/* walk segs[i..] from node n, each leaf to the sink */
static void walk_path(struct pc_eval *ev, const struct pc_expr *e, size_t i,
		      const struct pc_ynode *n, struct sink *out)
{
	for (; i < e->nsegs; i++) {
		const struct pc_pathseg *sg = &e->segs[i];
		n = pc_ymap_get(n, sg->name);
		if (!sg->list)
			continue;
		if (!n || n->kind != PC_Y_SEQ)
			return;
		for (size_t k = 0; k < n->n && !out->stop; k++) {
			const struct pc_ynode *item = n->vals[k];
			if (sg->filter) {
				const struct pc_ynode *saved = ev->row;
				ev->row = item;
				struct pc_val f = pc_eval(ev, sg->filter);
				ev->row = saved;
				if (!pc_val_truthy(&f))
					continue;
			}
			if (i + 1 == e->nsegs) {
				struct pc_val v = v_missing();
				v.start = item->start;
				v.end = item->end;
				v.has_span = true;
				v.t = X_TEXT;      /* the item itself: only count() uses it */
				v.s = "";
				sink_put(out, v);
			} else
				walk_path(ev, e, i + 1, item, out);
		}
		return;
	}
	sink_put(out, from_node(n));
}

/* a path with a list segment gives a list (empty when the list is) */
static bool path_is_list(const struct pc_expr *e)
{
	for (size_t i = 0; i < e->nsegs; i++)
		if (e->segs[i].list)
			return true;
	return false;
}

static struct pc_val eval_path(struct pc_eval *ev, const struct pc_expr *e)
{
	struct sink out = {0};
	const struct pc_ynode *root = e->relative ? ev->row : ev->d->fm;
	if (!root)
		return v_missing();
	walk_path(ev, e, 0, root, &out);
	if (path_is_list(e))
		return sink_list(ev->a, &out);
	struct pc_val v = out.n ? out.v[0] : v_missing();
	free(out.v);
	return v;
}

/* Each value an argument gives, to fn, without building a list when it is
 * a path; *islist says whether it was a list (set before fn is called).
 * False, with *err, when the argument is an error. */
static bool each_value(struct pc_eval *ev, const struct pc_expr *arg, bool (*fn)(void *, const struct pc_val *),
		       void *ctx, bool *islist, struct pc_val *err)
{
	if (arg->op == E_PATH) {
		const struct pc_ynode *root = arg->relative ? ev->row : ev->d->fm;
		struct pc_val miss = v_missing();
		*islist = root && path_is_list(arg);
		if (!root) {
			fn(ctx, &miss);
			return true;
		}
		struct sink out = {.fn = fn, .ctx = ctx};
		walk_path(ev, arg, 0, root, &out);
		return true;
	}
	struct pc_val v = pc_eval(ev, arg);
	if (v.t == X_ERROR) {
		*err = v;
		return false;
	}
	*islist = v.t == X_LIST;
	if (v.t == X_LIST) {
		for (size_t j = 0; j < v.n; j++)
			if (!fn(ctx, &v.items[j]))
				break;
	} else
		fn(ctx, &v);
	return true;
}

static struct pc_val arith(struct pc_eval *ev, enum pc_eop op, struct pc_val x, struct pc_val y)
{
	if (x.t == X_MISSING || y.t == X_MISSING)
		return v_missing();
	if (x.t != X_NUM || y.t != X_NUM)
		return v_error(ev->a, "数値でない値で計算しようとしました");
	struct pc_rat r;
	bool ok = true;
	enum pc_unit u = U_NONE;
	switch (op) {
	case E_ADD:
	case E_SUB:
		ok = rat_add(x.r, y.r, &r, op == E_ADD ? 1 : -1);
		u = x.unit == U_YEN || y.unit == U_YEN ? U_YEN : U_NONE;
		break;
	case E_MUL:
		ok = rat_mul(x.r, y.r, &r);
		u = (x.unit == U_YEN) != (y.unit == U_YEN) ? U_YEN : U_NONE;
		break;
	default: /* E_DIV */
		if (y.r.n == 0)
			return v_missing();   /* a zero base: no ratio to speak of */
		ok = rat_mul(x.r, rat(y.r.d, y.r.n), &r);
		u = x.unit == U_YEN && y.unit != U_YEN ? U_YEN : U_NONE;
		break;
	}
	if (!ok)
		return v_error(ev->a, "計算が桁あふれしました");
	return v_num(r, u);
}

static int compare(struct pc_val x, struct pc_val y, bool *ok)
{
	*ok = true;
	if (x.t == X_NUM && y.t == X_NUM)
		return rat_cmp(x.r, y.r);
	if (x.t == X_DATE && y.t == X_DATE)
		return x.days < y.days ? -1 : x.days > y.days;
	if (x.t == X_TEXT && y.t == X_TEXT)
		return strcmp(x.s, y.s);
	if (x.t == X_BOOL && y.t == X_BOOL)
		return (int)x.b - (int)y.b;
	*ok = false;
	return 0;
}

/* sum, min, max, count, first, last and present over a stream of values */
struct agg {
	struct pc_eval *ev;
	int fn;
	size_t n;
	struct pc_val acc;
	bool missing, bad, incomparable;
};

static bool agg_put(void *ctx, const struct pc_val *v)
{
	struct agg *g = ctx;
	switch (g->fn) {
	case F_PRESENT:
		g->n++;
		return false;   /* one is enough */
	case F_COUNT:
	case F_LAST:
		g->n++;
		g->acc = *v;
		return true;
	case F_FIRST:
		g->n++;
		g->acc = *v;
		return false;
	default:
		break;
	}
	if (v->t == X_MISSING) {
		g->missing = true;
		return false;   /* the answer is missing, whatever follows */
	}
	if (v->t != X_NUM && v->t != X_DATE) {
		g->bad = true;
		return true;    /* a later missing still wins */
	}
	if (g->n++ == 0) {
		g->acc = *v;
		return true;
	}
	if (g->bad || g->incomparable || g->acc.t == X_ERROR)
		return true;
	if (g->fn == F_SUM) {
		g->acc = arith(g->ev, E_ADD, g->acc, *v);
	} else {
		bool ok;
		int c = compare(*v, g->acc, &ok);
		if (!ok)
			g->incomparable = true;
		else if ((g->fn == F_MIN && c < 0) || (g->fn == F_MAX && c > 0))
			g->acc = *v;
	}
	return true;
}

static struct pc_val call(struct pc_eval *ev, const struct pc_expr *e)
{
	struct pc_val err;

	switch ((enum fn)e->fn) {
	case F_PRESENT:
		if (e->args[0]->op == E_PATH && path_is_list(e->args[0])) {
			struct agg g = {.ev = ev, .fn = F_PRESENT};
			bool il;
			each_value(ev, e->args[0], agg_put, &g, &il, &err);
			return v_bool(g.n > 0);
		} else {
			struct pc_val v = pc_eval(ev, e->args[0]);
			if (v.t == X_LIST)
				return v_bool(v.n > 0);
			return v_bool(v.t != X_MISSING && v.t != X_ERROR && !(v.t == X_TEXT && !*v.s));
		}
	case F_COUNT: {
		struct agg g = {.ev = ev, .fn = F_COUNT};
		bool il;
		if (!each_value(ev, e->args[0], agg_put, &g, &il, &err))
			return err;
		return v_num(rat_int(il ? (int64_t)g.n : g.n && g.acc.t != X_MISSING), U_NONE);
	}
	case F_SUM:
	case F_MIN:
	case F_MAX: {
		/* streamed: missing anywhere makes the whole missing, then a
		 * value that is no number an error, then the first overflow */
		struct agg g = {.ev = ev, .fn = e->fn};
		for (size_t k = 0; k < e->nargs && !g.missing; k++) {
			bool il;
			if (!each_value(ev, e->args[k], agg_put, &g, &il, &err))
				return err;
		}
		if (g.missing)
			return v_missing();
		if (g.bad)
			return v_error(ev->a, "数値でない値を集計しようとしました");
		if (g.incomparable)
			return v_error(ev->a, "比べられない値です");
		if (g.n == 0)
			return e->fn == F_SUM ? v_num(rat_int(0), U_NONE) : v_missing();
		if (e->fn == F_SUM && g.acc.t != X_ERROR)
			g.acc.has_span = g.n == 1 && g.acc.has_span;
		return g.acc;
	}
	case F_FIRST:
	case F_LAST: {
		if (e->args[0]->op == E_PATH) {
			struct agg g = {.ev = ev, .fn = e->fn};
			bool il;
			each_value(ev, e->args[0], agg_put, &g, &il, &err);
			return g.n ? g.acc : v_missing();
		}
		struct pc_val v = pc_eval(ev, e->args[0]);
		if (v.t != X_LIST)
			return v;
		if (!v.n)
			return v_missing();
		return v.items[e->fn == F_FIRST ? 0 : v.n - 1];
	}
	case F_FLOOR:
	case F_CEIL:
	case F_ABS: {
		struct pc_val v = pc_eval(ev, e->args[0]);
		if (v.t != X_NUM)
			return v.t == X_MISSING || v.t == X_ERROR ? v : v_error(ev->a, "数値が必要です");
		struct pc_rat r = v.r;
		if (e->fn == F_ABS)
			r.n = r.n < 0 ? -r.n : r.n;
		else {
			__int128 f = rat_floor(r);
			if (e->fn == F_CEIL && f * r.d != r.n)
				f++;
			r = rat(f, 1);
		}
		v.r = r;
		v.has_span = false;
		return v;
	}
	case F_POW: {
		struct pc_val x = pc_eval(ev, e->args[0]), k = pc_eval(ev, e->args[1]);
		if (x.t == X_MISSING || k.t == X_MISSING)
			return v_missing();
		if (x.t != X_NUM || k.t != X_NUM || k.r.d != 1 || k.r.n < 0 || k.r.n > 60)
			return v_error(ev->a, "pow は数値と 0〜60 の整数を取ります");
		struct pc_rat r = rat_int(1);
		for (__int128 i = 0; i < k.r.n; i++)
			if (!rat_mul(r, x.r, &r))
				return v_error(ev->a, "計算が桁あふれしました");
		return v_num(r, U_NONE);
	}
	case F_CAGR: {
		/* display only: (last/base)^(1/n) - 1 to six places; rules
		 * decide with pow(), which is exact */
		struct pc_val b = pc_eval(ev, e->args[0]), z = pc_eval(ev, e->args[1]),
			      n = pc_eval(ev, e->args[2]);
		if (b.t != X_NUM || z.t != X_NUM || n.t != X_NUM)
			return b.t == X_ERROR ? b : z.t == X_ERROR ? z : n.t == X_ERROR ? n : v_missing();
		double bd = pc_rat_double(b.r), zd = pc_rat_double(z.r), nd = pc_rat_double(n.r);
		if (bd <= 0 || zd <= 0 || nd <= 0)
			return v_missing();
		double g = pow(zd / bd, 1.0 / nd) - 1.0;
		return v_num(rat((__int128)llround(g * 1e6), 1000000), U_NONE);
	}
	case F_MONTHS:
	case F_DAYS: {
		struct pc_val dt = pc_eval(ev, e->args[0]), k = pc_eval(ev, e->args[1]);
		if (dt.t == X_MISSING || k.t == X_MISSING)
			return v_missing();
		if (dt.t != X_DATE || k.t != X_NUM || k.r.d != 1)
			return v_error(ev->a, "months/days は日付と整数を取ります");
		/* a deadline is months or days away, not millennia: the
		 * bound keeps the sum in range and the date on the calendar */
		if (k.r.n > (e->fn == F_DAYS ? 3660000 : 120000) || k.r.n < (e->fn == F_DAYS ? -3660000 : -120000))
			return v_error(ev->a, "months/days の数が大きすぎます");
		struct pc_val r = {.t = X_DATE};
		if (e->fn == F_DAYS)
			r.days = dt.days + (int64_t)k.r.n;
		else
			r.days = pc_date_days(pc_date_add_months(pc_date_from_days(dt.days), (int)k.r.n));
		return r;
	}
	case F_DATE: {
		struct pc_val s = pc_eval(ev, e->args[0]);
		if (s.t != X_TEXT)
			return s.t == X_MISSING ? s : v_error(ev->a, "date は文字列を取ります");
		struct pc_date dt;
		if (pc_date_parse(s.s, strlen(s.s), &dt) != PC_OK)
			return v_error(ev->a, "date の日付が読めません");
		struct pc_val r = {.t = X_DATE, .days = pc_date_days(dt)};
		return r;
	}
	case F_LOOKUP: {
		struct pc_val keys[4];
		for (size_t k = 0; k < e->nargs; k++) {
			keys[k] = pc_eval(ev, e->args[k]);
			if (keys[k].t != X_NUM)
				return keys[k].t == X_ERROR ? keys[k] : v_missing();
		}
		for (size_t r = 0; r < e->table->nrows; r++) {
			const struct pc_table_row *row = &e->table->rows[r];
			bool hit = true;
			for (size_t k = 0; k < e->nargs && hit; k++) {
				if (row->lo[k].d && rat_cmp(keys[k].r, row->lo[k]) < 0)
					hit = false;
				if (row->hi[k].d && rat_cmp(keys[k].r, row->hi[k]) > 0)
					hit = false;
			}
			if (hit)
				return row->value;
		}
		/* a value no row covers (-1 employees, a round the table has
		 * not reached) is not "nothing to check": it must be said */
		struct pc_buf b = {0};
		for (size_t k = 0; k < e->nargs; k++)
			pc_buf_printf(&b, "%s%s", k ? "、" : "", pc_val_format(ev->a, &keys[k], NULL));
		struct pc_val v = v_error(ev->a, pc_arena_printf(ev->a, "表「%s」に %s に当たる行がありません",
								 e->table->name, b.s ? b.s : ""));
		pc_buf_free(&b);
		return v;
	}
	case F_ONEOF: {
		struct pc_val x = pc_eval(ev, e->args[0]);
		if (x.t == X_MISSING || x.t == X_ERROR)
			return x;
		for (size_t k = 1; k < e->nargs; k++) {
			struct pc_val y = pc_eval(ev, e->args[k]);
			bool ok;
			if (compare(x, y, &ok) == 0 && ok)
				return v_bool(true);
		}
		return v_bool(false);
	}
	case F_PAGES:
		return v_num(rat_int(pc_body_pages(ev->d)), U_NONE);
	case F_EITHER:
		/* the first that has a value: a frame's figure, else the rule's own */
		for (size_t k = 0; k < e->nargs; k++) {
			struct pc_val v = pc_eval(ev, e->args[k]);
			if (v.t != X_MISSING)
				return v;
		}
		return v_missing();
	case F_LEN: {
		struct pc_val s = pc_eval(ev, e->args[0]);
		if (s.t != X_TEXT)
			return s.t == X_MISSING ? s : v_error(ev->a, "len は文字列を取ります");
		return v_num(rat_int((int64_t)pc_utf8_count(s.s, strlen(s.s))), U_NONE);
	}
	}
	return v_error(ev->a, "不明な関数です");
}

#define PC_EVAL_MAX_STEPS 1000000UL

/* one binary operator over its left operand's value x: an error in x is
 * the answer (the caller stops there) */
static struct pc_val binop(struct pc_eval *ev, const struct pc_expr *e, struct pc_val x)
{
	struct pc_val y;
	bool ok;
	int c;

	switch (e->op) {
	case E_ADD:
	case E_SUB:
	case E_MUL:
	case E_DIV:
		y = pc_eval(ev, e->b);
		if (y.t == X_ERROR)
			return y;
		return arith(ev, e->op, x, y);
	case E_AND:
	case E_OR:
		/* three-valued: false and missing = false; true or missing = true */
		if (x.t == X_BOOL && x.b == (e->op == E_OR))
			return x;
		y = pc_eval(ev, e->b);
		if (y.t == X_ERROR)
			return y;
		if (y.t == X_BOOL && y.b == (e->op == E_OR))
			return y;
		if (x.t == X_MISSING || y.t == X_MISSING)
			return v_missing();
		if (x.t != X_BOOL || y.t != X_BOOL)
			return v_error(ev->a, "and/or には真偽値が必要です");
		return v_bool(e->op == E_AND);
	default:
		break;
	}
	/* comparisons */
	y = pc_eval(ev, e->b);
	if (y.t == X_ERROR)
		return y;
	if (x.t == X_MISSING || y.t == X_MISSING)
		return v_missing();
	c = compare(x, y, &ok);
	if (!ok)
		return v_error(ev->a, "種類の違う値を比べようとしました");
	switch (e->op) {
	case E_EQ:
		return v_bool(c == 0);
	case E_NE:
		return v_bool(c != 0);
	case E_LT:
		return v_bool(c < 0);
	case E_LE:
		return v_bool(c <= 0);
	case E_GT:
		return v_bool(c > 0);
	default:
		return v_bool(c >= 0);
	}
}

static struct pc_val eval_node(struct pc_eval *ev, const struct pc_expr *e);

struct pc_val pc_eval(struct pc_eval *ev, const struct pc_expr *e)
{
	if (ev->depth == 0)
		ev->steps = 0;
	if (++ev->steps > PC_EVAL_MAX_STEPS) {
		/* every node from here on answers at once: the loops above
		 * finish in time linear in what they hold */
		struct pc_val v = {.t = X_ERROR, .s = "式の計算が複雑すぎます（絞り込みの入れ子を減らしてください）"};
		return v;
	}
	if (ev->depth >= PC_EVAL_MAX_DEPTH) {
		/* lets that call lets, filters in filters: deeper than any
		 * sensible rule, and the stack is finite */
		struct pc_val v = {.t = X_ERROR, .s = "式の入れ子が深すぎます（let の参照や絞り込みの入れ子を減らしてください）"};
		return v;
	}
	ev->depth++;
	struct pc_val v = eval_node(ev, e);
	ev->depth--;
	return v;
}

bool pc_expr_const(struct pc_arena *a, const struct pc_expr *e, struct pc_val *out)
{
	if (!e || !e->konst)
		return false;
	struct pc_eval ev = {.a = a};
	*out = pc_eval(&ev, e);
	return true;
}

size_t pc_expr_lets(struct pc_arena *a, const struct pc_expr *e, size_t nlets, size_t **out)
{
	/* an explicit stack: a chain of 10,000 terms is 10,000 levels down
	 * its left side */
	size_t n = 0, cap = 0, sp = 0, scap = 0;
	size_t *found = NULL;
	const struct pc_expr **stack = NULL;
	unsigned char *seen = nlets ? pc_arena_alloc(a, nlets) : NULL;
	*out = NULL;
	if (!e)
		return 0;
	stack = pc_grow(a, NULL, &scap, 16, sizeof(*stack));
	stack[sp++] = e;
	while (sp) {
		const struct pc_expr *x = stack[--sp];
		const struct pc_expr *kids[3] = {x->a, x->b, x->c};
		if (x->op == E_LET && x->let < nlets && !seen[x->let]) {
			seen[x->let] = 1;
			found = pc_grow(a, found, &cap, n + 1, sizeof(*found));
			found[n++] = x->let;
		}
		size_t more = 3 + x->nargs + (x->op == E_PATH ? x->nsegs : 0);
		stack = pc_grow(a, stack, &scap, sp + more, sizeof(*stack));
		for (int k = 2; k >= 0; k--)
			if (kids[k])
				stack[sp++] = kids[k];
		for (size_t k = x->nargs; k-- > 0;)
			stack[sp++] = x->args[k];
		if (x->op == E_PATH)
			for (size_t k = x->nsegs; k-- > 0;)
				if (x->segs[k].filter)
					stack[sp++] = x->segs[k].filter;
	}
	*out = found;
	return n;
}

static struct pc_val eval_node(struct pc_eval *ev, const struct pc_expr *e)
{
	struct pc_val x;

	switch (e->op) {
	case E_NUM:
		return v_num(e->num, e->unit);
	case E_BOOL:
		return v_bool(e->num.n != 0);
	case E_STR: {
		struct pc_val v = {.t = X_TEXT, .s = e->str};
		return v;
	}
	case E_PATH:
		return eval_path(ev, e);
	case E_LET:
		if (ev->letstate[e->let] == 2)
			return ev->letvals[e->let];
		if (ev->letstate[e->let] == 1)
			return v_error(ev->a, "let が自分自身を参照しています");
		ev->letstate[e->let] = 1;
		{
			const struct pc_ynode *saved = ev->row;
			ev->row = NULL;   /* lets are plan-wide */
			x = pc_eval(ev, ev->lets[e->let].e);
			ev->row = saved;
		}
		ev->letvals[e->let] = x;
		ev->letstate[e->let] = 2;
		return x;
	case E_NEG:
		x = pc_eval(ev, e->a);
		if (x.t != X_NUM)
			return x.t == X_MISSING || x.t == X_ERROR ? x : v_error(ev->a, "数値が必要です");
		x.r.n = -x.r.n;
		x.has_span = false;
		return x;
	case E_NOT:
		x = pc_eval(ev, e->a);
		if (x.t != X_BOOL)
			return x.t == X_MISSING || x.t == X_ERROR ? x : v_error(ev->a, "真偽値が必要です");
		return v_bool(!x.b);
	case E_ADD:
	case E_SUB:
	case E_MUL:
	case E_DIV:
	case E_EQ:
	case E_NE:
	case E_LT:
	case E_LE:
	case E_GT:
	case E_GE:
	case E_AND:
	case E_OR: {
		/* a chain (a + b + … + z) is folded in a loop, bottom-up: its
		 * length costs no stack */
		const struct pc_expr *const *ch = (const struct pc_expr *const *)e->chain;
		size_t n = e->nchain;
		if (!n) {
			ch = &e;
			n = 1;
		}
		x = pc_eval(ev, ch[0]->a);
		for (size_t k = 0; k < n && x.t != X_ERROR; k++)
			x = binop(ev, ch[k], x);
		return x;
	}
	case E_IF:
		x = pc_eval(ev, e->a);
		if (x.t != X_BOOL)
			return x.t == X_MISSING || x.t == X_ERROR ? x : v_error(ev->a, "if には真偽値が必要です");
		return pc_eval(ev, x.b ? e->b : e->c);
	case E_CALL:
		return call(ev, e);
	case E_FRAME:
		return ev->d ? pc_frame_value(ev->d, e->col, e->unconfirmed) : v_missing();
	}
	return v_error(ev->a, "不明な式です");
}

const char *pc_val_format(struct pc_arena *a, const struct pc_val *v, const char *how)
{
	switch (v->t) {
	case X_MISSING:
		return "（未記入）";
	case X_ERROR:
		return v->s;
	case X_BOOL:
		return v->b ? "はい" : "いいえ";
	case X_TEXT:
		return v->s;
	case X_DATE:
		return pc_date_format(a, pc_date_from_days(v->days));
	case X_LIST: {
		struct pc_buf b = {0};
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				pc_buf_puts(&b, "、");
			pc_buf_puts(&b, pc_val_format(a, &v->items[i], how));
		}
		const char *s = pc_arena_strdup(a, b.s ? b.s : "");
		pc_buf_free(&b);
		return s;
	}
	case X_NUM:
		break;
	}
	if (how && !strcmp(how, "%"))
		return pc_arena_printf(a, "%.1f%%", pc_rat_double(v->r) * 100.0);
	if (v->r.d == 1 && (v->r.n > INT64_MAX || v->r.n < INT64_MIN)) {
		/* past 64 bits: exact digits, grouped, never floating point */
		const char *digits = pc_int128_str(a, v->r.n);
		struct pc_buf b = {0};
		const char *p = digits;
		if (*p == '-')
			pc_buf_putc(&b, *p++);
		size_t nd = strlen(p);
		for (size_t i = 0; i < nd; i++) {
			if (i && (nd - i) % 3 == 0)
				pc_buf_putc(&b, ',');
			pc_buf_putc(&b, p[i]);
		}
		if (v->unit == U_YEN || (how && !strcmp(how, "yen")))
			pc_buf_puts(&b, "円");
		const char *r = pc_arena_strdup(a, b.s);
		pc_buf_free(&b);
		return r;
	}
	if (v->r.d == 1) {
		int64_t n = (int64_t)v->r.n;
		if (v->unit == U_YEN || (how && !strcmp(how, "yen")))
			return how && !strcmp(how, "yen") ? pc_amount_format_yen(a, n)
							  : pc_amount_format(a, n);
		return pc_arena_printf(a, "%lld", (long long)n);
	}
	if (v->unit == U_YEN)
		return pc_arena_printf(a, "%.2f円", pc_rat_double(v->r));
	return pc_arena_printf(a, "%.4g", pc_rat_double(v->r));
}
