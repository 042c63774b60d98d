/*
 * fz_docx.c - libFuzzer target: the Word reader.  The first byte chooses:
 * even, the rest is document.xml (then "\n--styles--\n" and
 * "\n--numbering--\n" start styles.xml and numbering.xml), zipped into a
 * .docx here so the mutations reach libxml2 and docx.c, not the zip's
 * checksums; odd, the rest is the file itself (libzip and the sniffing).
 * Then the whole path of `check`: rules, text, JSON and SARIF reports
 * with their places.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

static struct pc_ruleset *rs;

static const char types[] =
	"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.document.main+xml\"/></Types>";

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
	if (!size)
		return 0;
	struct pc_buf file = {0};
	const char *bytes = (const char *)data + 1;
	size_t n = size - 1;
	if (!(data[0] & 1)) {
		const char *names[4] = {"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/numbering.xml"};
		const char *parts[4] = {types, bytes, "", ""};
		size_t lens[4] = {sizeof(types) - 1, n, 0, 0};
		const char *st = memmem(bytes, n, "\n--styles--\n", 12);
		const char *nu = memmem(bytes, n, "\n--numbering--\n", 15);
		size_t nparts = 2;
		if (st) {
			lens[1] = (size_t)(st - bytes);
			parts[2] = st + 12;
			lens[2] = (size_t)((nu && nu > st ? nu : bytes + n) - parts[2]);
			nparts = 3;
		}
		if (nu && (!st || nu > st)) {
			if (!st)
				lens[1] = (size_t)(nu - bytes);
			parts[nparts] = nu + 15;
			lens[nparts] = (size_t)(bytes + n - (nu + 15));
			names[nparts] = "word/numbering.xml";
			nparts++;
		}
		if (pc_zip_build(names, parts, lens, nparts, &file) != 0)
			abort();
		bytes = file.s;
		n = file.len;
	}
	struct pc_doc *d = pc_doc_from_mem("fuzz.docx", bytes ? bytes : "", n, NULL);
	pc_buf_free(&file);
	/* every place lies in the text, in order */
	for (size_t i = 0; i < d->nplaces; i++)
		if (d->places[i].start > d->places[i].end || d->places[i].end > d->len ||
		    (i && d->places[i].start < d->places[i - 1].start))
			abort();
	pc_check(d, rs);
	pc_findings_finish(d);
	FILE *out = fopen("/dev/null", "w");
	struct pc_report_opts ro = {.rules = rs};
	struct pc_report_dest to = {.file = out};
	static const char *const formats[] = {"text", "json", "sarif"};
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
