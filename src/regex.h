/*
 * regex.h - PCRE2 behind plancheck's own calls (regex.c) and the prefilter
 * that decides, before PCRE2 runs, whether a pattern can match a document
 * at all (prefilter.c).  Only the rule kinds and the loader include this:
 * the rest of the program never sees pcre2.h.
 */
#ifndef PC_REGEX_H
#define PC_REGEX_H

#include "internal.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* PCRE2 (regex.c): compile with UTF|UCP and JIT; match from start with
 * limits.  pc_re_match returns 1 on a match, 0 on none, -1 when a limit
 * was hit (reported by the caller, never a hang). */
pcre2_code *pc_re_compile(const char *pat, size_t n, char *err, size_t errlen, size_t *erroff);
int pc_re_match(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ms, size_t *me);
bool pc_re_search(const pcre2_code *re, const char *s, size_t n, size_t *ms, size_t *me);
/* a match with its capture groups (ov: 2 per group) */
int pc_re_match_groups(const pcre2_code *re, const char *s, size_t n, size_t start, size_t *ov,
		       size_t maxpairs, size_t *npairs);

/* prefilter.c: the fixed strings a pattern's matches lie on */
struct pc_need {
	size_t n;
	const char **s;
	size_t *len;
};
/* strings one of which the text around every match of pattern p holds
 * (n == 0: none known, the pattern always runs) */
bool pc_re_needs(const char *p, size_t n, struct pc_arena *a, struct pc_need *out);
/* false when none of need's strings can occur in the document: the
 * pattern cannot match.  PLANCHECK_PREFILTER=off: always true */
bool pc_doc_may_match(struct pc_doc *d, const struct pc_need *need);
/* per block: could a match of a pattern with these strings, run on that
 * block's text alone, lie there?  NULL: every block could (no strings, or
 * the prefilter is off) */
const bool *pc_need_blocks(struct pc_doc *d, const struct pc_need *need);

#endif
