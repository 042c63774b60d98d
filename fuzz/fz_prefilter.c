/*
 * fz_prefilter.c - libFuzzer target: the prefilter must never skip what
 * PCRE2 would find.  The input's first line is a pattern, the rest a
 * plan.  When the pattern compiles and matches the plan's text,
 * pc_doc_may_match must say it may; when it matches a paragraph's text
 * alone, pc_need_blocks must have marked that paragraph.  Anything else
 * aborts: a prefilter that is wrong loses findings silently.
 */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	if (!nl)
		return 0;
	size_t plen = (size_t)(nl - in);
	struct pc_arena a = {0};
	struct pc_need need = {0};
	pc_re_needs(in, plen, &a, &need);
	char err[256];
	size_t eoff;
	pcre2_code *re = pc_re_compile(in, plen, err, sizeof(err), &eoff);
	if (!re) {
		pc_arena_release(&a);
		return 0;
	}
	struct pc_doc *d = pc_doc_from_mem("fuzz.md", nl + 1, size - plen - 1, NULL);
	size_t ms, me;
	if (pc_re_match(re, d->text, d->len, 0, &ms, &me) == 1 && !pc_doc_may_match(d, &need))
		abort();   /* PCRE2 matches, the prefilter said it cannot */
	const bool *cand = pc_need_blocks(d, &need);
	for (size_t b = 0; cand && b < d->nblocks; b++) {
		const struct pc_block *bl = &d->blocks[b];
		if (!cand[b] && bl->tend > bl->tstart &&
		    pc_re_match(re, d->text, bl->tend, bl->tstart, &ms, &me) == 1)
			abort();   /* a paragraph matches that was not marked */
	}
	pcre2_code_free(re);
	pc_doc_free(d);
	pc_arena_release(&a);
	return 0;
}
