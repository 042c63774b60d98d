/*
 * score.c - scores plancheck against an answer key (*.expect.yml, see
 * ../shared/corpus/public/README.md): every defect must be found by a
 * finding of severity warning or above on its line (±1) or inside its
 * `lines` range; a key marked clean must get no warning or error; the
 * encoding must match.  Prints one line per defect; exits 1 on any miss.
 *
 *   score RULES-DIR KEY.expect.yml...
 */
#include "internal.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

static long num(const struct pc_ynode *n)
{
	return n && n->kind == PC_Y_SCALAR ? strtol(n->str, NULL, 10) : -1;
}

static int score(const char *rules, const char *key)
{
	struct pc_open_opts raw = {.raw = 1};
	char *err = NULL;
	struct pc_doc *k = pc_doc_open(key, &raw, &err);
	if (!k) {
		fprintf(stderr, "score: %s\n", err);
		free(err);
		return 1;
	}
	struct pc_yaml_opts yo = {.max_depth = 16, .refuse_aliases = true, .rule_prefix = "key"};
	struct pc_ynode *root = pc_yaml_parse(k, 0, k->len, &yo);
	const struct pc_ynode *file = pc_ymap_get(root, "file");
	if (!file) {
		fprintf(stderr, "score: %s: no file:\n", key);
		pc_doc_free(k);
		return 1;
	}
	char *kd = strdup(key);
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dirname(kd), file->str);
	free(kd);

	struct pc_ruleset *rs = pc_rules_load(rules, stderr);
	struct pc_doc *d = rs ? pc_doc_open(path, NULL, &err) : NULL;
	if (!d) {
		if (err)
			fprintf(stderr, "score: %s\n", err);
		free(err);
		pc_rules_free(rs);
		pc_doc_free(k);
		return 1;
	}
	pc_check(d, rs);
	pc_findings_finish(d);

	int misses = 0;
	const struct pc_ynode *enc = pc_ymap_get(root, "encoding");
	if (enc && strcmp(enc->str, pc_encoding_name(d->enc)) &&
	    !(strcmp(enc->str, "utf-8") == 0 && d->enc == PC_ENC_UTF8_BOM)) {
		printf("MISS encoding: read as %s, key says %s\n", pc_encoding_name(d->enc), enc->str);
		misses++;
	}
	if (pc_yscalar_is(pc_ymap_get(root, "clean"), "true")) {
		for (size_t i = 0; i < d->nfindings; i++) {
			const struct pc_finding *f = &d->findings[i];
			size_t l, c;
			if (f->severity < PC_WARNING || f->waived)
				continue;
			pc_doc_linecol(d, f->start, &l, &c);
			printf("MISS clean plan has %s at line %zu: %s [%s]\n", pc_severity_name(f->severity), l,
			       f->message, f->rule);
			misses++;
		}
	}
	const struct pc_ynode *defs = pc_ymap_get(root, "defects");
	for (size_t i = 0; defs && defs->kind == PC_Y_SEQ && i < defs->n; i++) {
		const struct pc_ynode *df = defs->vals[i];
		long line = num(pc_ymap_get(df, "line")), lo = line - 1, hi = line + 1;
		const struct pc_ynode *lines = pc_ymap_get(df, "lines");
		const struct pc_ynode *id = pc_ymap_get(df, "id"), *cat = pc_ymap_get(df, "category");
		const struct pc_finding *hit = NULL;
		for (size_t j = 0; j < d->nfindings && !hit; j++) {
			const struct pc_finding *f = &d->findings[j];
			size_t l, c;
			if (f->severity < PC_WARNING || f->waived)
				continue;
			pc_doc_linecol(d, f->start, &l, &c);
			bool in = (long)l >= lo && (long)l <= hi;
			if (lines && lines->kind == PC_Y_SEQ && lines->n == 2)
				in |= (long)l >= num(lines->vals[0]) && (long)l <= num(lines->vals[1]);
			if (in)
				hit = f;
		}
		if (hit) {
			/* every rule that speaks to the defect, not only the first */
			printf("found %s %s at line %ld:", id ? id->str : "?", cat ? cat->str : "?", line);
			for (size_t j = 0; j < d->nfindings; j++) {
				const struct pc_finding *f = &d->findings[j];
				size_t l, c;
				if (f->severity < PC_WARNING || f->waived)
					continue;
				pc_doc_linecol(d, f->start, &l, &c);
				if ((long)l >= lo && (long)l <= hi)
					printf(" [%s]", f->rule);
			}
			putchar('\n');
		}
		else {
			printf("MISS %s %s at line %ld\n", id ? id->str : "?", cat ? cat->str : "?", line);
			misses++;
		}
	}
	printf("%s: %d missed\n", key, misses);
	pc_doc_free(d);
	pc_rules_free(rs);
	pc_doc_free(k);
	return misses ? 1 : 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	if (argc < 3) {
		fprintf(stderr, "usage: score RULES-DIR KEY.expect.yml...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++)
		rc |= score(argv[1], argv[i]);
	return rc;
}
