/*
 * regex.c - the one place plancheck calls PCRE2.  Patterns compile with
 * PCRE2_UTF|PCRE2_UCP and are JIT-compiled; matches run with match and
 * depth limits (a rule's pattern must not hang on a hostile draft) and
 * with PCRE2_NO_UTF_CHECK, because the source layer has already made the
 * text valid UTF-8 (bad bytes become '?'): PCRE2's own check would rescan
 * the whole subject at every call of a match loop (tech-notes §5).
 */
#include "kind.h"

#include <pthread.h>
#include <stdlib.h>

#define PC_RE_MATCH_LIMIT 1000000
#define PC_RE_DEPTH_LIMIT 10000

static pcre2_match_context *mctx;
static pthread_once_t mctx_once = PTHREAD_ONCE_INIT;

static void make_mctx(void)
{
	mctx = pcre2_match_context_create(NULL);
	if (!mctx)
		abort();
	pcre2_set_match_limit(mctx, PC_RE_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, PC_RE_DEPTH_LIMIT);
}

pcre2_code *pc_re_compile(const char *pat, size_t n, char *err, size_t errlen, size_t *erroff)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, n, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	if (!re) {
		pcre2_get_error_message(code, (PCRE2_UCHAR *)err, errlen);
		*erroff = off;
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* one match data block per thread, reused: creating one per call was a
 * malloc and a free for each of ~26,000 calls a draft */
static _Thread_local pcre2_match_data *tmd;

/* a key whose destructor frees the block when a review worker exits:
 * thread-local storage alone would drop the pointer with the thread */
static pthread_key_t md_key;
static pthread_once_t md_key_once = PTHREAD_ONCE_INIT;

static void md_free(void *p)
{
	pcre2_match_data_free(p);
}

static void make_md_key(void)
{
	if (pthread_key_create(&md_key, md_free) != 0)
		abort();
}

static pcre2_match_data *md_get(void)
{
	if (!tmd) {
		pthread_once(&md_key_once, make_md_key);
		tmd = pcre2_match_data_create(32, NULL);
		if (!tmd)
			abort();
		pthread_setspecific(md_key, tmd);
	}
	return tmd;
}

int pc_re_match(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ms, size_t *me)
{
	size_t ov[2], np;
	int r = pc_re_match_groups(re, s, n, start, ov, 1, &np);
	if (r == 1) {
		if (ms)
			*ms = ov[0];
		if (me)
			*me = ov[1];
	}
	return r;
}

bool pc_re_search(const pcre2_code *re, const char *s, size_t n, size_t *ms, size_t *me)
{
	return pc_re_match(re, s, n, 0, ms, me) == 1;
}

int pc_re_match_groups(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ov,
		       size_t maxpairs, size_t *npairs)
{
	pthread_once(&mctx_once, make_mctx);
	pcre2_match_data *md = md_get();
	int rc = pcre2_match(re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, md, mctx);
	int r = 0;
	*npairs = 0;
	if (rc > 0) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
		size_t k = (size_t)rc < maxpairs ? (size_t)rc : maxpairs;
		for (size_t i = 0; i < 2 * k; i++)
			ov[i] = v[i] == PCRE2_UNSET ? (size_t)-1 : v[i];
		*npairs = k;
		r = 1;
	} else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
		   rc == PCRE2_ERROR_JIT_STACKLIMIT)
		r = -1;
	return r;
}
