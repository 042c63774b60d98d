/*
 * fz_plan.c - libFuzzer target: the whole path a draft takes through
 * `check` - encoding detection, front matter, body, every rule of the real
 * packs, waivers, the sort, and every reporter that writes to a stream.
 */
#include "rules.h"

#include <stdlib.h>

static struct pc_ruleset *rs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!rs) {
		const char *dd = getenv("PLANCHECK_DATA");
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/rules", dd ? dd : ".");
		pc_data_dir_set(dd ? dd : ".");
		rs = pc_rules_load(dir, stderr);
		if (!rs)
			abort();
	}
	struct pc_doc *d = pc_doc_from_mem("fuzz.md", (const char *)data, size, NULL);
	pc_check(d, rs);
	pc_findings_finish(d);
	FILE *out = fopen("/dev/null", "w");
	struct pc_report_opts ro = {.rules = rs};
	struct pc_report_dest to = {.file = out};
	static const char *const formats[] = {"text", "json", "sarif", "csv", "summary-json"};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char msg[256];
		struct pc_reporter *r = pc_reporter_open(formats[i], &to, &ro, msg, sizeof(msg));
		if (!r)
			abort();
		pc_reporter_doc(r, d, NULL);
		pc_reporter_close(r, msg, sizeof(msg));
	}
	fclose(out);
	pc_doc_free(d);
	return 0;
}
