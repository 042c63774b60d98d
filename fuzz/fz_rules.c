/*
 * fz_rules.c - libFuzzer target: a rule file as a user might write it,
 * through the loader and validator (and, when it loads, its own examples).
 */
#include "rules.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64];
	char path[128];
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/pc-fz-rules-%d", (int)getpid());
		mkdir(dir, 0700);
		snprintf(path, sizeof(path), "%s/p", dir);
		mkdir(path, 0700);
	}
	snprintf(path, sizeof(path), "%s/p/r.yml", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	FILE *errs = fopen("/dev/null", "w");
	struct pc_ruleset *rs = pc_rules_load(dir, errs);
	if (rs) {
		pc_rules_selftest(rs, errs, 0);
		pc_rules_free(rs);
	}
	fclose(errs);
	return 0;
}
