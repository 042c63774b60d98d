/*
 * review_store.c - the resume store of `review`: beside each draft's
 * outputs, OUTDIR/.plancheck/<name>.row keeps the draft's summary as
 * "key=value" lines (backslash escapes for \, newline and tab), so that
 * `review --resume` can rebuild the summaries without checking a draft
 * whose outputs are newer than it and than the rules.  The first line
 * names the format; a row in another format is stale and redone.
 */
#include "review.h"

#include <stdlib.h>
#include <string.h>

#define ROW_FORMAT "plancheck-row 4"

static void put_escaped(struct pc_buf *b, const char *v)
{
	for (const char *p = v; *p; p++) {
		if (*p == '\\' || *p == '\n' || *p == '\t') {
			pc_buf_putc(b, '\\');
			pc_buf_putc(b, *p == '\n' ? 'n' : *p == '\t' ? 't' : '\\');
		} else
			pc_buf_putc(b, *p);
	}
}

static void put_field(struct pc_buf *b, const char *key, const char *v)
{
	if (!v)
		return;
	pc_buf_puts(b, key);
	pc_buf_putc(b, '=');
	put_escaped(b, v);
	pc_buf_putc(b, '\n');
}

void pc_store_save(const char *outdir, const struct pc_summary *s, bool pdf)
{
	struct pc_buf b = {0};
	char num[96], path[4096], msg[256];
	pc_buf_puts(&b, ROW_FORMAT "\n");
	put_field(&b, "path", s->path);
	put_field(&b, "mode", pdf ? "pdf" : "no-pdf");   /* what the run wrote */
	put_field(&b, "why", s->why);
	put_field(&b, "holder", s->applicant);
	put_field(&b, "program", s->program);
	put_field(&b, "frame", s->frame);
	put_field(&b, "first_fix", s->first_fix);
	put_field(&b, "pdf", s->pdf);
	snprintf(num, sizeof(num), "%d %ld %zu %zu %zu", s->unreadable, s->round, s->errors, s->warnings, s->infos);
	put_field(&b, "counts", num);
	for (size_t i = 0; i < s->nfigs; i++) {
		/* fig=key TAB j<json> TAB d<display>; n for a value the draft lacks */
		const struct pc_figure_val *f = &s->figs[i];
		pc_buf_puts(&b, "fig=");
		put_escaped(&b, f->key);
		pc_buf_puts(&b, f->json ? "\tj" : "\tn");
		put_escaped(&b, f->json ? f->json : "");
		pc_buf_puts(&b, f->display ? "\td" : "\tn");
		put_escaped(&b, f->display ? f->display : "");
		pc_buf_putc(&b, '\n');
	}
	for (size_t k = 0; k < s->nhit; k++) {
		/* hit=<level digit>id */
		char lv[2] = {(char)('0' + (s->hit_level ? s->hit_level[k] : PC_WARNING)), '\0'};
		pc_buf_puts(&b, "hit=");
		pc_buf_puts(&b, lv);
		put_escaped(&b, s->hit[k]);
		pc_buf_putc(&b, '\n');
	}
	snprintf(path, sizeof(path), "%s/.plancheck/%s.row", outdir, s->name);
	pc_write_atomic_ex(path, b.s ? b.s : "", b.len, false, msg, sizeof(msg));
	pc_buf_free(&b);
}

/* unescape v in place */
static char *unescape(char *v)
{
	char *q = v;
	for (const char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*q++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return v;
}

struct pc_summary *pc_store_load(struct pc_arena *a, const char *outdir, const char *path, const char *name,
				 bool pdf, long long rules_mtime)
{
	char file[4096];
	struct stat sd, so;
	if (stat(path, &sd) != 0)
		return NULL;
	snprintf(file, sizeof(file), "%s/%s.json", outdir, name);
	if (stat(file, &so) != 0 || so.st_mtime < sd.st_mtime || so.st_mtime < rules_mtime)
		return NULL;
	snprintf(file, sizeof(file), "%s/.plancheck/%s.row", outdir, name);
	FILE *f = fopen(file, "r");
	if (!f)
		return NULL;
	char line[8192];
	if (!fgets(line, sizeof(line), f) || strcmp(line, ROW_FORMAT "\n")) {
		fclose(f);
		return NULL;
	}
	/* a stale row read here is dropped by the caller; its strings stay
	 * in the thread's arena until the end of the run (a few bytes) */
	struct pc_summary *s = pc_arena_alloc(a, sizeof(*s));
	bool ok = false, made_pdf = false;
	size_t capfigs = 0, caphit = 0, caplv = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		const char *key = line;
		if (!strcmp(key, "fig")) {
			/* split before unescaping: tabs inside values are escaped */
			char *t1 = strchr(eq + 1, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
			if (!t1 || !t2 || !t1[1] || !t2[1])
				continue;
			*t1 = *t2 = '\0';
			s->figs = pc_grow(a, s->figs, &capfigs, s->nfigs + 1, sizeof(*s->figs));
			struct pc_figure_val *fv = &s->figs[s->nfigs++];
			fv->key = pc_arena_strdup(a, unescape(eq + 1));
			fv->json = t1[1] == 'j' ? pc_arena_strdup(a, unescape(t1 + 2)) : NULL;
			fv->display = t2[1] == 'd' ? pc_arena_strdup(a, unescape(t2 + 2)) : NULL;
			continue;
		}
		char *v = pc_arena_strdup(a, unescape(eq + 1));
		if (!strcmp(key, "path")) {
			ok = !strcmp(v, pc_display_name(a, path));   /* rows keep the shown name */
			s->path = v;
		} else if (!strcmp(key, "mode"))
			made_pdf = !strcmp(v, "pdf");
		else if (!strcmp(key, "why"))
			s->why = v;
		else if (!strcmp(key, "holder"))
			s->applicant = v;
		else if (!strcmp(key, "program"))
			s->program = v;
		else if (!strcmp(key, "frame"))
			s->frame = v;
		else if (!strcmp(key, "first_fix"))
			s->first_fix = v;
		else if (!strcmp(key, "pdf"))
			s->pdf = v;
		else if (!strcmp(key, "counts")) {
			int un = 0;
			sscanf(v, "%d %ld %zu %zu %zu", &un, &s->round, &s->errors, &s->warnings, &s->infos);
			s->unreadable = un;
		} else if (!strcmp(key, "hit") && v[0] >= '0' && v[0] <= '2') {
			s->hit = pc_grow(a, s->hit, &caphit, s->nhit + 1, sizeof(*s->hit));
			s->hit_level = pc_grow(a, s->hit_level, &caplv, s->nhit + 1, 1);
			s->hit_level[s->nhit] = (unsigned char)(v[0] - '0');
			s->hit[s->nhit++] = v + 1;
		}
	}
	fclose(f);
	/* a run that wants PDFs reuses a row only from a run that wrote them,
	 * and only while the draft's PDF (if it got one) is there and new */
	if (ok && pdf) {
		struct stat sp;
		snprintf(file, sizeof(file), "%s/%s.pdf", outdir, name);
		ok = made_pdf && (!s->pdf || (stat(file, &sp) == 0 && sp.st_mtime >= sd.st_mtime));
	}
	return ok ? s : NULL;
}
