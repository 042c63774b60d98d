/*
 * unit.h - the smallest test harness: OK(cond), INT_EQ, STR_EQ record a
 * pass or a failure with file:line, and unit_done() prints the closing
 * "N passed, N failed" line the suite runner adds up.
 */
#ifndef PC_UNIT_H
#define PC_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_pass, unit_fail;

#define OK(cond, ...)                                                       \
	do {                                                                \
		if (cond)                                                   \
			unit_pass++;                                        \
		else {                                                      \
			unit_fail++;                                        \
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)

#define INT_EQ(a, b, what) \
	OK((long long)(a) == (long long)(b), "%s: got %lld, want %lld", what, (long long)(a), (long long)(b))
#define STR_EQ(a, b, what) \
	OK(strcmp((a), (b)) == 0, "%s: got \"%s\", want \"%s\"", what, (a), (b))

static int unit_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, unit_pass, unit_fail);
	return unit_fail ? 1 : 0;
}

#endif
