/*
 * tasks.c - what a command does once it has its input, shared by the
 * command line (cmd_*.c) and `serve` (serve_api.c) so that both give the
 * same answer: the fixed text of a draft in its own encoding (`fix`), the
 * starter template of a program (`new`), the rule list as JSON (`rules
 * --format json`) and the round range of a rule as people read it.
 */
#include "internal.h"
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static int cmp_start(const void *a, const void *b)
{
	const struct pc_finding *x = *(const struct pc_finding *const *)a;
	const struct pc_finding *y = *(const struct pc_finding *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* UTF-8 back to the file's encoding; false when a character has no form there */
static bool to_encoding(const char *enc, const char *in, size_t n, struct pc_buf *out)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	char *ip = (char *)in;
	size_t il = n;
	char chunk[4096];
	bool ok = true;
	while (il > 0) {
		char *op = chunk;
		size_t ol = sizeof(chunk);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		pc_buf_add(out, chunk, (size_t)(op - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			ok = false;
			break;
		}
	}
	if (ok) {   /* back to the initial shift state (ISO-2022-JP) */
		char *op = chunk;
		size_t ol = sizeof(chunk);
		iconv(cd, NULL, NULL, &op, &ol);
		pc_buf_add(out, chunk, (size_t)(op - chunk));
	}
	iconv_close(cd);
	return ok;
}

int pc_fix_apply(struct pc_doc *d, struct pc_buf *out, FILE *log, size_t *applied, char *err, size_t errlen)
{
	*applied = 0;
	if (d->source != PC_SRC_TEXT) {
		snprintf(err, errlen, "%s は Word ファイルのため直接は修正できません（plancheck import で .md にしてから fix するか、"
			 "指摘を見て Word で直してください）", d->path);
		return -1;
	}
	/* the replacements, in file order, none overlapping, body only */
	/* the findings' replacements and those kept past the findings cap */
	const struct pc_finding **fx = calloc(d->nfindings + d->nedits + 1, sizeof(*fx));
	size_t nfx = 0;
	if (!fx)
		abort();
	for (size_t i = 0; i < d->nfindings + d->nedits; i++) {
		const struct pc_finding *f = i < d->nfindings ? &d->findings[i] : &d->edits[i - d->nfindings];
		if (f->replacement && !f->waived && f->start >= d->body_start)
			fx[nfx++] = f;
	}
	qsort(fx, nfx, sizeof(*fx), cmp_start);
	/* spliced into the text as written: NFC may have changed other
	 * characters, which stay as they were */
	const char *src = d->nnfc ? d->orig : d->text;
	size_t srclen = d->nnfc ? d->orig_len : d->len;
	struct pc_buf text = {0};
	size_t pos = 0, npos = 0;
	for (size_t i = 0; i < nfx; i++) {
		const struct pc_finding *f = fx[i];
		if (f->start < npos)
			continue;   /* overlaps the previous change */
		if (log) {
			size_t line, col;
			pc_doc_linecol(d, f->start, &line, &col);
			fprintf(log, "%s:%zu:%zu: 「%.*s」→「%s」 [%s]\n", d->path, line, col, (int)(f->end - f->start),
				d->text + f->start, f->replacement, f->rule);
		}
		size_t os = pc_doc_orig_off(d, f->start), oe = pc_doc_orig_off(d, f->end);
		pc_buf_add(&text, src + pos, os - pos);
		pc_buf_puts(&text, f->replacement);
		pos = oe;
		npos = f->end;
		(*applied)++;
	}
	pc_buf_add(&text, src + pos, srclen - pos);
	free(fx);
	if (d->lone_cr)   /* the file's own line ends back; backwards, so each
			   * test sees the \r of a CRLF and not one just made */
		for (size_t i = text.len; i-- > 0;)
			if (text.s[i] == '\n' && (i == 0 || text.s[i - 1] != '\r'))
				text.s[i] = '\r';

	int rc = 0;
	if (d->bom)
		pc_buf_add(out, d->raw, d->bom);   /* the file's own BOM, UTF-8 or UTF-16 */
	if (d->enc != PC_ENC_UTF8 && d->enc != PC_ENC_UTF8_BOM) {
		if (!to_encoding(pc_encoding_iconv(d->enc), text.s ? text.s : "", text.len, out)) {
			snprintf(err, errlen, "置き換えた文字をこのファイルの文字コード（%s）で表せないため保存しません",
				 pc_encoding_name(d->enc));
			rc = -1;
		}
	} else
		pc_buf_add(out, text.s ? text.s : "", text.len);
	pc_buf_free(&text);
	return rc;
}

/* program and top-up names become file names: letters, digits, - and _ */
static bool plain_name(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return false;
	return true;
}

/* a frame name goes into the YAML as a plain scalar: nothing YAML reads
 * as structure, no line break */
static bool plain_value(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > 120 || s[0] == ' ' || s[n - 1] == ' ' || !pc_utf8_valid(s, n, NULL))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || strchr(":#{}[],&*!|>'\"%@`", *p))
			return false;
	return true;
}

/* put value after the template's top-level key, where the front matter
 * (read by libyaml) says that key's value is */
static void fill(struct pc_doc *d, const char *key, const char *value, size_t *at, size_t *n, const char **v)
{
	const struct pc_ynode *fm = d->fm;
	for (size_t i = 0; fm && fm->kind == PC_Y_MAP && i < fm->n; i++)
		if (fm->keys[i]->str && !strcmp(fm->keys[i]->str, key)) {
			const struct pc_ynode *val = fm->vals[i];
			bool empty = val->kind == PC_Y_NULL || (val->kind == PC_Y_SCALAR && !val->len);
			size_t colon = fm->keys[i]->end;
			if (empty && (colon >= d->len || d->text[colon] != ':'))
				return;
			size_t start = empty ? colon + 1 : val->start;
			size_t end = empty ? start : val->end;
			if (start > d->len || end > d->len || end < start || start <= colon)
				return;
			at[*n * 2] = start, at[*n * 2 + 1] = end, v[(*n)++] = value;
		}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **pc_template_names(size_t *n)
{
	const char *data = pc_data_dir_get();
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/templates", data ? data : ".");
	*n = 0;
	DIR *dh = opendir(dir);
	if (!dh)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name);
		if (l <= 3 || e->d_name[0] == '.' || strcmp(e->d_name + l - 3, ".md"))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			char **g = realloc(v, cap * sizeof(*g));
			if (!g)
				abort();
			v = g;
		}
		if (!(v[*n] = strndup(e->d_name, l - 3)))
			abort();
		(*n)++;
	}
	closedir(dh);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_name);
	return v;
}

void pc_template_names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* the program whose template is the only program template there is
 * (templates/NAME.md; NAME-TOPUP.md are its top-ups), or NULL */
static const char *only_program(const char *data, char *buf, size_t n)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/templates", data ? data : ".");
	DIR *dh = opendir(dir);
	if (!dh)
		return NULL;
	struct dirent *e;
	int found = 0;
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name);
		if (l > 3 && l - 3 < n && !strcmp(e->d_name + l - 3, ".md") && !memchr(e->d_name, '-', l) &&
		    e->d_name[0] != '.') {
			if (found++)
				break;
			memcpy(buf, e->d_name, l - 3);
			buf[l - 3] = '\0';
		}
	}
	closedir(dh);
	return found == 1 ? buf : NULL;
}

int pc_template_read(const char *program, const char *topup, const char *round, const char *frame,
		     struct pc_buf *out, char *path, size_t pathlen)
{
	const char *data = pc_data_dir_get();
	char only[256];
	if (!program && !(program = only_program(data, only, sizeof(only)))) {
		snprintf(path, pathlen, "%s/templates", data ? data : ".");
		return -4;
	}
	if (topup)
		snprintf(path, pathlen, "%s/templates/%s-%s.md", data ? data : ".", program, topup);
	else
		snprintf(path, pathlen, "%s/templates/%s.md", data ? data : ".", program);
	if (!plain_name(program) || (topup && !plain_name(topup)))
		return -1;
	if (round && (strspn(round, "0123456789") != strlen(round) || !*round || strlen(round) > 3 || atoi(round) < 1))
		return -2;
	if (frame && !plain_value(frame))
		return -3;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct pc_buf b = {0};
	char chunk[8192];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pc_buf_add(&b, chunk, r);
	fclose(f);
	if (!round && !frame) {
		pc_buf_add(out, b.s ? b.s : "", b.len);
		pc_buf_free(&b);
		return 0;
	}
	/* the template is UTF-8 text: its offsets are the file's */
	struct pc_doc *d = pc_doc_from_mem(path, b.s ? b.s : "", b.len, NULL);
	size_t at[4], n = 0, pos = 0;
	const char *v[2];
	if (round)
		fill(d, "round", round, at, &n, v);
	if (frame)
		fill(d, "frame", frame, at, &n, v);
	if (n == 2 && at[2] < at[0]) {
		size_t t0 = at[0], t1 = at[1];
		const char *tv = v[0];
		at[0] = at[2], at[1] = at[3], v[0] = v[1];
		at[2] = t0, at[3] = t1, v[1] = tv;
	}
	for (size_t i = 0; i < n; i++) {
		pc_buf_add(out, d->text + pos, at[i * 2] - pos);
		if (at[i * 2] == at[i * 2 + 1] && at[i * 2] > 0 && d->text[at[i * 2] - 1] == ':')
			pc_buf_putc(out, ' ');
		pc_buf_puts(out, v[i]);
		pos = at[i * 2 + 1];
	}
	pc_buf_add(out, d->text + pos, d->len - pos);
	pc_doc_free(d);
	pc_buf_free(&b);
	return 0;
}

void pc_rule_rounds(const struct pc_rule *r, char *buf, size_t n)
{
	if (r->rlo < 0 && r->rhi < 0)
		snprintf(buf, n, "全回");
	else if (r->rlo == r->rhi)
		snprintf(buf, n, "第%ld回", r->rlo);
	else if (r->rhi < 0)
		snprintf(buf, n, "第%ld回〜", r->rlo);
	else
		snprintf(buf, n, "第%ld〜%ld回", r->rlo < 0 ? 1 : r->rlo, r->rhi);
}

void pc_rules_json(const struct pc_ruleset *rs, FILE *out)
{
	fputs("[", out);
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct pc_rule *r = &rs->rules[i];
		char rb[64];
		pc_rule_rounds(r, rb, sizeof(rb));
		fprintf(out, "%s\n  {\"id\": ", i ? "," : "");
		pc_json_str(out, r->id);
		fprintf(out, ", \"kind\": \"%s\", \"level\": \"%s\", \"cite\": ", r->kind->name,
			pc_severity_name(r->level));
		pc_json_str(out, r->cite);
		fputs(", \"rounds\": ", out);
		pc_json_str(out, rb);
		fputs(", \"source\": ", out);
		pc_json_str(out, r->source);
		fputs(", \"description\": ", out);
		pc_json_str(out, r->description);
		if (r->kind->json)
			r->kind->json(r, out);
		putc('}', out);
	}
	fputs("\n]\n", out);
}
