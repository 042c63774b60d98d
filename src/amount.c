/*
 * amount.c - reading and printing yen amounts as Japanese plans write them.
 * An amount is exact int64 yen: "36000000", "3,600万円", "３６００万",
 * "36,000千円", "１億２,０００万円", "¥36,000,000", "▲1,200" (a loss).  Units
 * must descend (兆 億 万, then 千/百万/千万 on the last group), digit groups
 * must be of three, and a decimal is allowed only where it still lands on a
 * whole yen (1.5億円 yes, 1.5円 no).  No floating point anywhere.
 */
#include "internal.h"

#include <string.h>

struct cursor {
	const char *s;
	size_t n, i;
};

/* Match one of the UTF-8 literals at the cursor; returns its index or -1. */
static int take(struct cursor *c, const char *const *lits, size_t nlits)
{
	for (size_t k = 0; k < nlits; k++) {
		size_t l = strlen(lits[k]);
		if (c->n - c->i >= l && memcmp(c->s + c->i, lits[k], l) == 0) {
			c->i += l;
			return (int)k;
		}
	}
	return -1;
}

static void skip_space(struct cursor *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t'))
		c->i++;
}

/* digits with optional ,-groups and an optional .fraction; the text is
 * already folded to ASCII digits, commas and points */
static enum pc_parse_status read_number(struct cursor *c, int64_t *ip,
					int64_t *frac, int64_t *scale, bool *any)
{
	size_t groups = 0, lastgrp = 0;
	int64_t v = 0;

	*any = false;
	*frac = 0;
	*scale = 1;
	while (c->i < c->n) {
		char ch = c->s[c->i];
		if (ch >= '0' && ch <= '9') {
			if (__builtin_mul_overflow(v, 10, &v) ||
			    __builtin_add_overflow(v, ch - '0', &v))
				return PC_EOVERFLOW;
			lastgrp++;
			*any = true;
			c->i++;
		} else if (ch == ',' && *any && c->i + 1 < c->n &&
			   c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '9') {
			if ((groups == 0 && lastgrp > 3) || (groups > 0 && lastgrp != 3))
				return PC_EGROUPING;
			groups++;
			lastgrp = 0;
			c->i++;
		} else
			break;
	}
	if (!*any)
		return PC_ESYNTAX;
	if (groups > 0 && lastgrp != 3)
		return PC_EGROUPING;
	if (c->i < c->n && c->s[c->i] == '.' && c->i + 1 < c->n &&
	    c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '9') {
		c->i++;
		while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
			if (*scale > INT64_MAX / 100)
				return PC_EOVERFLOW;
			*frac = *frac * 10 + (c->s[c->i] - '0');
			*scale *= 10;
			c->i++;
		}
	}
	*ip = v;
	return PC_OK;
}

/* value = (ip + frac/scale) * mult, exactly, or an error */
static enum pc_parse_status scale_part(int64_t ip, int64_t frac, int64_t scale,
				       int64_t mult, int64_t *out)
{
	int64_t a, b;
	if (__builtin_mul_overflow(ip, mult, &a))
		return PC_EOVERFLOW;
	if (frac) {
		/* frac*mult must be divisible by scale */
		__int128 fm = (__int128)frac * mult;
		if (fm % scale != 0)
			return PC_EFRACTION;
		b = (int64_t)(fm / scale);
	} else
		b = 0;
	if (__builtin_add_overflow(a, b, out))
		return PC_EOVERFLOW;
	return PC_OK;
}

struct part {
	int64_t ip, frac, scale, mult;   /* mult 0: a bare group */
};

enum pc_parse_status pc_amount_parse(const char *s0, size_t n0, int64_t unit_yen,
				     int64_t *yen, int *had_unit)
{
	static const char *const neg[] = {"-", "−", "▲", "△"};
	static const char *const yenmark[] = {"¥", "￥", "\\"};
	/* longest first, so 千万 is not read as 千 */
	static const char *const units[] = {"兆", "億", "千万", "百万", "万", "千"};
	static const int64_t mults[] = {1000000000000LL, 100000000LL, 10000000LL,
					1000000LL, 10000LL, 1000LL};
	/* units must descend; 千万/百万/千 (rank 0) close the number */
	static const int ranks[] = {3, 2, 0, 0, 1, 0};
	static const char *const en[] = {"円"};
	struct pc_arena tmp = {0};
	struct part parts[8];
	size_t n, np = 0;
	char *s = pc_text_fold(&tmp, s0, n0, &n);
	struct cursor c = {s, n, 0};
	enum pc_parse_status st = PC_OK;
	bool negative = false, unit = false;
	int lastrank = 99;

	skip_space(&c);
	if (take(&c, neg, PC_ARRAY_LEN(neg)) >= 0) {
		negative = true;
		skip_space(&c);
	}
	if (take(&c, yenmark, PC_ARRAY_LEN(yenmark)) >= 0) {
		unit = true;
		skip_space(&c);
	}
	while (np < PC_ARRAY_LEN(parts)) {
		struct part *p = &parts[np];
		bool any;
		st = read_number(&c, &p->ip, &p->frac, &p->scale, &any);
		if (st != PC_OK)
			break;
		np++;
		skip_space(&c);
		int u = take(&c, units, PC_ARRAY_LEN(units));
		if (u < 0) {
			p->mult = 0;   /* bare: 36000000, or 1億2,000万3,000円 */
			break;
		}
		if (ranks[u] >= lastrank) {
			st = PC_ESYNTAX;   /* 万 after 万, 億 after 万 */
			break;
		}
		lastrank = ranks[u];
		p->mult = mults[u];
		unit = true;
		skip_space(&c);
		if (ranks[u] == 0 || c.i >= c.n || !(s[c.i] >= '0' && s[c.i] <= '9'))
			break;
	}
	if (st == PC_OK && np == 0)
		st = PC_ESYNTAX;
	if (st == PC_OK) {
		if (take(&c, en, 1) >= 0)
			unit = true;
		skip_space(&c);
		if (c.i != c.n)
			st = PC_ESYNTAX;
	}
	int64_t total = 0;
	for (size_t k = 0; k < np && st == PC_OK; k++) {
		int64_t mult = parts[k].mult ? parts[k].mult : (unit ? 1 : unit_yen);
		int64_t v;
		st = scale_part(parts[k].ip, parts[k].frac, parts[k].scale, mult, &v);
		if (st == PC_OK && __builtin_add_overflow(total, v, &total))
			st = PC_EOVERFLOW;
	}
	pc_arena_release(&tmp);
	if (st != PC_OK)
		return st;
	*yen = negative ? -total : total;
	if (had_unit)
		*had_unit = unit;
	return PC_OK;
}

static void put_grouped(char *out, size_t cap, int64_t v)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)v);
	size_t o = 0;
	for (int i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *pc_amount_format_yen(struct pc_arena *a, int64_t yen)
{
	char g[40];
	uint64_t mag = yen < 0 ? 0 - (uint64_t)yen : (uint64_t)yen;
	if (mag > INT64_MAX)
		return pc_arena_strdup(a, "-9,223,372,036,854,775,808円");
	put_grouped(g, sizeof(g), (int64_t)mag);
	return pc_arena_printf(a, "%s%s円", yen < 0 ? "-" : "", g);
}

char *pc_amount_format(struct pc_arena *a, int64_t yen)
{
	uint64_t mag = yen < 0 ? 0 - (uint64_t)yen : (uint64_t)yen;
	if (mag < 10000 || mag % 10000 != 0 || mag > INT64_MAX)
		return pc_amount_format_yen(a, yen);
	int64_t man = (int64_t)(mag / 10000);
	int64_t cho = man / 100000000, oku = man / 10000 % 10000, rest = man % 10000;
	char buf[96], g[40];
	size_t o = 0;
	buf[0] = '\0';
	if (yen < 0)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "-");
	if (cho) {
		put_grouped(g, sizeof(g), cho);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s兆", g);
	}
	if (oku)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%lld億", (long long)oku);
	if (rest) {
		put_grouped(g, sizeof(g), rest);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s万", g);
	}
	snprintf(buf + o, sizeof(buf) - o, "円");
	return pc_arena_strdup(a, buf);
}
