/*
 * fz_plan.c - libFuzzer target: the whole path a draft takes through
 * `check` - encoding detection, front matter, body, every rule of the real
 * packs, waivers, the sort, and the text, JSON and SARIF reports.
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
	pc_report_text(d, out, &ro);
	pc_report_json_begin(out);
	pc_report_json_doc(d, out, 1);
	pc_report_json_end(out);
	struct pc_sarif *s = pc_sarif_begin(out, rs);
	pc_sarif_doc(s, d);
	char *p = (char *)"fuzz.md";
	pc_sarif_end(s, &p, 1);
	fclose(out);
	pc_doc_free(d);
	return 0;
}
