/*
 * fz_table.c - libFuzzer target: the table reader (tables.c).  The input
 * is a draft body of Markdown tables with their captions (基本情報,
 * 経費明細 with a 合計 row, 収益計画 with years across or down, 手続の
 * 日程).  The first byte chooses: even, the body alone (the tables are
 * the plan); odd, the body under the front matter of the plan named by
 * PLANCHECK_PLAN (the tables are checked against it).  Then `check`, the
 * reporters, and `import`, whose output must read back as a plan with
 * front matter.  Every finding must lie in the text.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

static struct pc_ruleset *rs;
static char *front;      /* the plan's front matter, "---\n…---\n" */
static size_t nfront;

static void setup(void)
{
	const char *dd = getenv("PLANCHECK_DATA");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/rules", dd ? dd : ".");
	pc_data_dir_set(dd ? dd : ".");
	rs = pc_rules_load(dir, stderr);
	if (!rs)
		abort();
	const char *p = getenv("PLANCHECK_PLAN");
	FILE *f = p ? fopen(p, "rb") : NULL;
	if (!f)
		return;
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *end = strncmp(buf, "---\n", 4) ? NULL : strstr(buf + 4, "\n---\n");
	if (end) {
		nfront = (size_t)(end - buf) + 5;
		front = buf;
	}
}

static void findings_in_text(const struct pc_doc *d)
{
	for (size_t i = 0; i < d->nfindings; i++)
		if (d->findings[i].start > d->findings[i].end || d->findings[i].end > d->len)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!rs)
		setup();
	if (!size)
		return 0;
	struct pc_buf in = {0};
	if ((data[0] & 1) && front)
		pc_buf_add(&in, front, nfront);
	pc_buf_add(&in, (const char *)data + 1, size - 1);
	struct pc_doc *d = pc_doc_from_mem("fuzz.md", in.s ? in.s : "", in.len, NULL);
	pc_buf_free(&in);
	pc_check(d, rs);
	pc_findings_finish(d);
	findings_in_text(d);
	FILE *out = fopen("/dev/null", "w");
	struct pc_report_opts ro = {.rules = rs};
	struct pc_report_dest to = {.file = out};
	static const char *const formats[] = {"text", "json"};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char msg[256];
		struct pc_reporter *r = pc_reporter_open(formats[i], &to, &ro, msg, sizeof(msg));
		if (!r)
			abort();
		pc_reporter_doc(r, d, NULL);
		pc_reporter_close(r, msg, sizeof(msg));
	}
	fclose(out);
	/* import: front matter + body, which reads back with its front matter */
	struct pc_buf imp = {0};
	char err[256];
	if (!d->unreadable && pc_import(d, &imp, err, sizeof(err)) == 0) {
		if (imp.len < 4 || memcmp(imp.s, "---\n", 4))
			abort();
		struct pc_doc *e = pc_doc_from_mem("import.md", imp.s, imp.len, NULL);
		if (!e->has_fm)
			abort();
		pc_check(e, rs);
		pc_findings_finish(e);
		findings_in_text(e);
		pc_doc_free(e);
	}
	pc_buf_free(&imp);
	pc_doc_free(d);
	return 0;
}
