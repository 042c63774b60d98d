/*
 * fz_amount.c - libFuzzer target: the amount and date readers, with two
 * properties checked on every input: an amount that parses formats back to
 * text that parses to the same yen, and a date that parses is a real
 * calendar date whose day number converts back to it.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int64_t yen, again;
	int had;
	struct pc_arena a = {0};
	for (int64_t unit = 1; unit <= 10000; unit *= 10) {
		if (pc_amount_parse(s, size, unit, &yen, &had) == PC_OK) {
			const char *f1 = pc_amount_format(&a, yen), *f2 = pc_amount_format_yen(&a, yen);
			if (pc_amount_parse(f1, strlen(f1), 1, &again, NULL) != PC_OK || again != yen)
				abort();
			if (pc_amount_parse(f2, strlen(f2), 1, &again, NULL) != PC_OK || again != yen)
				abort();
		}
	}
	struct pc_date dt;
	if (pc_date_parse(s, size, &dt) == PC_OK) {
		if (!pc_date_valid(dt.y, dt.m, dt.d))
			abort();
		struct pc_date back = pc_date_from_days(pc_date_days(dt));
		if (back.y != dt.y || back.m != dt.m || back.d != dt.d)
			abort();
		pc_date_format(&a, pc_date_add_months(dt, (int)(size % 30)));
	}
	pc_arena_release(&a);
	return 0;
}
