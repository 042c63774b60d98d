/*
 * arena.c - the per-document bump allocator and a growable byte buffer.
 * A document's nodes, strings and findings all come from one arena and are
 * released together, so no code frees individual nodes.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct pc_chunk {
	struct pc_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("plancheck: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* n bytes, not cleared: for copies that overwrite them at once */
static void *arena_raw(struct pc_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct pc_chunk *c = a->head;

	n = (n + align - 1) / align * align;
	if (!c || c->cap - c->used < n) {
		size_t cap = 64 * 1024;
		if (n > cap / 4)
			cap = n;   /* big blocks get a chunk of their own */
		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		if (a->head && n == cap) {
			/* keep filling the current chunk: link the big one behind it */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += cap;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	/* the padding after a copied string is cleared: PCRE2's JIT reads
	 * a subject in aligned blocks, past its end (harmless, but an
	 * uninitialised byte there is a valgrind error) */
	if (n)
		memset((char *)p + n - align, 0, align);
	return p;
}

void *pc_arena_alloc(struct pc_arena *a, size_t n)
{
	void *p = arena_raw(a, n);
	memset(p, 0, n);
	return p;
}

/* n bytes for a string, packed after the last one: rounding each to 16
 * bytes cost a big plan's scalars four times their size.  The chunks are
 * zeroed and end 16 bytes early, so whatever reads past a string (PCRE2's
 * JIT reads a subject in blocks) reads initialised bytes of this chunk. */
static char *arena_str(struct pc_arena *a, size_t n)
{
	const size_t slack = 16, cap = 64 * 1024;
	if (n > cap / 4)
		return arena_raw(a, n);   /* big: a chunk of its own, padded */
	struct pc_chunk *c = a->strs;
	if (!c || c->cap - c->used < n + slack) {
		c = calloc(1, sizeof(*c) + cap);
		if (!c) {
			fputs("plancheck: out of memory\n", stderr);
			abort();
		}
		c->cap = cap;
		c->next = a->strs;
		a->strs = c;
		a->total += cap;
	}
	char *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *pc_arena_strndup(struct pc_arena *a, const char *s, size_t n)
{
	char *p = arena_str(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pc_arena_strdup(struct pc_arena *a, const char *s)
{
	return pc_arena_strndup(a, s, strlen(s));
}

char *pc_arena_printf(struct pc_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return pc_arena_strdup(a, "");
	if ((size_t)n < sizeof(small))
		return pc_arena_strndup(a, small, (size_t)n);
	char *p = arena_str(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static void free_chunks(struct pc_chunk *c)
{
	while (c) {
		struct pc_chunk *next = c->next;
		free(c);
		c = next;
	}
}

void pc_arena_release(struct pc_arena *a)
{
	free_chunks(a->head);
	free_chunks(a->strs);
	a->head = a->strs = NULL;
	a->total = 0;
}

static void splice(struct pc_chunk **dst, struct pc_chunk *list)
{
	if (!list)
		return;
	if (!*dst) {
		*dst = list;
		return;
	}
	struct pc_chunk *last = list;
	while (last->next)
		last = last->next;
	last->next = (*dst)->next;
	(*dst)->next = list;
}

void pc_arena_adopt(struct pc_arena *into, struct pc_arena *from)
{
	/* behind into's current chunks, which go on being filled */
	splice(&into->head, from->head);
	splice(&into->strs, from->strs);
	into->total += from->total;
	from->head = from->strs = NULL;
	from->total = 0;
}

/* empty the arena but keep its newest chunk: for scratch space reused
 * block after block */
void pc_arena_reset(struct pc_arena *a)
{
	struct pc_chunk *keep = a->head;
	if (!keep)
		return;
	for (struct pc_chunk *c = keep->next, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	keep->next = NULL;
	keep->used = 0;
	free_chunks(a->strs);
	a->strs = NULL;
	a->total = keep->cap;
}

void *pc_grow(struct pc_arena *a, void *arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return arr;
	/* from 4: a plan's maps hold a handful of keys, and 16 slots each
	 * (twice: keys and values) were a big plan's third largest cost */
	size_t ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	size_t old = arr ? *cap * elem : 0;
	if (old > 16 * 1024) {
		/* a big array has a chunk of its own: grow that chunk in place
		 * (realloc) instead of leaving every smaller copy behind - the
		 * lines, blocks and sentences of a big draft were twice their
		 * size in dead copies */
		struct pc_chunk **link = &a->head;
		while (*link && (void *)(*link)->data != arr)
			link = &(*link)->next;
		struct pc_chunk *c = *link;
		if (c && c->used == c->cap) {
			size_t ncapb = (ncap * elem + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
			struct pc_chunk *nc = realloc(c, sizeof(*nc) + ncapb);
			if (!nc) {
				fputs("plancheck: out of memory\n", stderr);
				abort();
			}
			a->total += ncapb - nc->cap;
			nc->cap = nc->used = ncapb;
			*link = nc;
			memset((char *)nc->data + old, 0, ncap * elem - old);
			*cap = ncap;
			return nc->data;
		}
	}
	/* the old elements are copied, only the new ones cleared */
	char *p = arena_raw(a, ncap * elem);
	if (old)
		memcpy(p, arr, old);
	memset(p + old, 0, ncap * elem - old);
	*cap = ncap;
	return p;
}

/* ---- pc_buf --------------------------------------------------------------- */

static void buf_reserve(struct pc_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		fputs("plancheck: out of memory\n", stderr);
		abort();
	}
	b->s = s;
	b->cap = cap;
}

void pc_buf_add(struct pc_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void pc_buf_puts(struct pc_buf *b, const char *s)
{
	pc_buf_add(b, s, strlen(s));
}

void pc_buf_putc(struct pc_buf *b, char c)
{
	pc_buf_add(b, &c, 1);
}

void pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void pc_buf_free(struct pc_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
