/*
 * cmd_review.c - `plancheck review DIR|FILE... -o OUTDIR [-j N]`: what a
 * 認定支援機関 runs over a folder of client drafts before a deadline.
 * Drafts (*.md, recursively, sorted) are checked on N threads; each gets
 * OUTDIR/<name>.json and OUTDIR/<name>.pdf; then summary.csv (UTF-8 with
 * a BOM and CRLF so Excel opens it right), summary.json and summary.pdf
 * (the table and which rule trips how many drafts) are written from the
 * rows in path order, so the output is the same whatever -j.  A draft that
 * cannot be read is a row marked 読めない, never a stop.  A progress bar
 * is drawn only on a terminal.  SIGINT lets the drafts in hand finish,
 * writes no summary, and says how far it got.
 */
#include "cli.h"
#include "layout.h"
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct row {
	char *path;                 /* as found: DIR/sub/x.md */
	char *name;                 /* output base name: sub_x */
	bool unreadable;
	char *why;
	char *applicant, *program, *frame;
	long round;
	size_t errors, warnings, infos;
	char *nat_req, *nat_max, *pref_req, *pref_max, *growth;   /* JSON numbers or NULL */
	char *growth_disp;
	char **hit;                 /* rules with a warning or error, sorted */
	size_t nhit;
};

struct job {
	struct row *rows;
	size_t n;
	atomic_size_t next, done;
	const struct pc_ruleset *rs;
	const char *outdir;
	bool pdf;
	struct pc_open_opts open;
	atomic_int failed_writes;
	bool resume;
	long long rules_mtime;
	atomic_size_t resumed;
	/* the rows' strings, for the whole run: one arena, not thousands of
	 * small mallocs pinning the heap between the drafts' big chunks
	 * (that fragmentation was most of the memory of a 10,000-draft run) */
	struct pc_arena rowmem;
	pthread_mutex_t rowlock;
};

static char *keep(struct job *j, const char *s)
{
	if (!s)
		return NULL;
	pthread_mutex_lock(&j->rowlock);
	char *c = pc_arena_strdup(&j->rowmem, s);
	pthread_mutex_unlock(&j->rowlock);
	return c;
}

static volatile sig_atomic_t interrupted;
static void row_free(struct row *r);

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- finding the drafts ------------------------------------------------ */

struct list {
	char **v;
	size_t n, cap;
};

static void list_add(struct list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] = s;
}

static bool ends_md(const char *s)
{
	size_t l = strlen(s);
	return l > 3 && !strcmp(s + l - 3, ".md");
}

static void walk(const char *dir, int depth, struct list *out, const struct stat *skip)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d || depth > 32) {
		if (d)
			closedir(d);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		if (!p)
			abort();
		snprintf(p, n, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			/* not the output directory, if it sits inside the input */
			if (!(skip && st.st_dev == skip->st_dev && st.st_ino == skip->st_ino))
				walk(p, depth + 1, out, skip);
			free(p);
		} else if (S_ISREG(st.st_mode) && ends_md(e->d_name))
			list_add(out, p);
		else
			free(p);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "clients/a/plan.md" under "clients" -> "a_plan" */
static char *out_name(const char *path, const char *root)
{
	const char *rel = path;
	size_t rl = root ? strlen(root) : 0;
	if (root && !strncmp(path, root, rl) && path[rl] == '/')
		rel = path + rl + 1;
	else {
		const char *slash = strrchr(path, '/');
		rel = slash ? slash + 1 : path;
	}
	char *n = strdup(rel);
	if (!n)
		abort();
	size_t l = strlen(n);
	if (l > 3 && !strcmp(n + l - 3, ".md"))
		n[l - 3] = '\0';
	for (char *c = n; *c; c++)
		if (*c == '/' || *c == '\\' || *c == ':')
			*c = '_';
	return n;
}

/* ---- one draft ------------------------------------------------------------- */


static const char *comp(const struct pc_doc *d, const char *key, bool display)
{
	for (size_t i = 0; i < d->ncomputed; i++)
		if (!strcmp(d->computed[i].key, key))
			return display ? d->computed[i].display : d->computed[i].json;
	return NULL;
}

static void process(struct job *j, struct row *r)
{
	char *err = NULL;
	struct pc_doc *d = pc_doc_open(r->path, &j->open, &err);
	if (!d) {
		r->unreadable = true;
		r->why = keep(j, err);
		free(err);
		return;
	}
	pc_check(d, j->rs);
	pc_findings_finish(d);
	/* 読めない: nothing could be judged, because the file is not text or
	 * its front matter - where every number lives - did not parse */
	static const char *const fatal[] = {"plan.yaml", "plan.front-matter", "plan.encoding", "plan.yaml-depth"};
	bool broken = d->unreadable || !d->fm;
	for (size_t i = 0; i < d->nfindings && !broken; i++)
		for (size_t k = 0; k < PC_ARRAY_LEN(fatal); k++)
			if (!strcmp(d->findings[i].rule, fatal[k]))
				broken = true;
	if (broken) {
		r->unreadable = true;
		for (size_t i = 0; i < d->nfindings && !r->why; i++)
			if (d->findings[i].severity == PC_ERROR)
				r->why = keep(j, d->findings[i].message);
	}
	const struct pc_ynode *ap = pc_ymap_get(d->fm, "applicant"), *nm = pc_ymap_get(ap, "name");
	const struct pc_ynode *fr = pc_ymap_get(d->fm, "frame");
	r->applicant = keep(j, nm && nm->kind == PC_Y_SCALAR ? nm->str : NULL);
	r->program = keep(j, d->program);
	r->frame = keep(j, fr && fr->kind == PC_Y_SCALAR ? fr->str : NULL);
	r->round = d->round;
	r->errors = pc_findings_count(d, PC_ERROR, 0);
	r->warnings = pc_findings_count(d, PC_WARNING, 0);
	r->infos = pc_findings_count(d, PC_INFO, 0);
	r->nat_req = keep(j, comp(d, "national_requested", false));
	r->nat_max = keep(j, comp(d, "national_max", false));
	r->pref_req = keep(j, comp(d, "prefecture_requested", false));
	r->pref_max = keep(j, comp(d, "prefecture_max", false));
	r->growth = keep(j, comp(d, "value_added_growth_simple", false));
	r->growth_disp = keep(j, comp(d, "value_added_growth_simple", true));
	/* the rules this draft trips (warnings and errors, not waived); kept
	 * for the whole run, so as small as it can be: exactly the ids, each
	 * a copy (a parser rule id may live in the draft's arena) */
	size_t nh = 0;
	const char **hit = calloc(d->nfindings + 1, sizeof(*hit));
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct pc_finding *f = &d->findings[i];
		if (f->waived || f->severity < PC_WARNING)
			continue;
		bool seen = false;
		for (size_t k = 0; k < nh && !seen; k++)
			seen = !strcmp(hit[k], f->rule);
		if (!seen)
			hit[nh++] = f->rule;
	}
	pthread_mutex_lock(&j->rowlock);
	r->hit = nh ? pc_arena_alloc(&j->rowmem, nh * sizeof(*r->hit)) : NULL;
	for (size_t k = 0; k < nh; k++)
		r->hit[k] = pc_arena_strdup(&j->rowmem, hit[k]);
	pthread_mutex_unlock(&j->rowlock);
	r->nhit = nh;
	free(hit);
	if (r->nhit > 1)
		qsort(r->hit, r->nhit, sizeof(*r->hit), cmp_str);

	char path[4096], msg[1024];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem) {
		pc_report_json_begin(mem);
		pc_report_json_doc(d, mem, 1);
		pc_report_json_end(mem);
		fclose(mem);
		snprintf(path, sizeof(path), "%s/%s.json", j->outdir, r->name);
		if (pc_write_atomic_ex(path, buf, len, false, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "\nplancheck review: %s\n", msg);
			atomic_fetch_add(&j->failed_writes, 1);
		}
		free(buf);
	}
	if (j->pdf && !d->unreadable) {
		struct pc_report_opts ro = {.rules = j->rs};
		snprintf(path, sizeof(path), "%s/%s.pdf", j->outdir, r->name);
		int rc = pc_report_pdf(d, path, &ro, NULL, msg, sizeof(msg));
		if (rc != 0) {
			fprintf(stderr, "\nplancheck review: %s: %s\n", r->path, msg);
			atomic_fetch_add(&j->failed_writes, 1);
		}
	}
	pc_doc_free(d);
}

/* ---- resume: a row file beside each draft's outputs --------------------- */

static void put_field(struct pc_buf *b, const char *key, const char *v)
{
	if (!v)
		return;
	pc_buf_puts(b, key);
	pc_buf_putc(b, '=');
	for (const char *p = v; *p; p++) {
		if (*p == '\\' || *p == '\n') {
			pc_buf_putc(b, '\\');
			pc_buf_putc(b, *p == '\n' ? 'n' : '\\');
		} else
			pc_buf_putc(b, *p);
	}
	pc_buf_putc(b, '\n');
}

static void save_row(const struct job *j, const struct row *r)
{
	struct pc_buf b = {0};
	char num[96], path[4096], msg[256];
	put_field(&b, "path", r->path);
	put_field(&b, "why", r->why);
	put_field(&b, "applicant", r->applicant);
	put_field(&b, "program", r->program);
	put_field(&b, "frame", r->frame);
	snprintf(num, sizeof(num), "%d %ld %zu %zu %zu", r->unreadable, r->round, r->errors, r->warnings, r->infos);
	put_field(&b, "counts", num);
	put_field(&b, "nat_req", r->nat_req);
	put_field(&b, "nat_max", r->nat_max);
	put_field(&b, "pref_req", r->pref_req);
	put_field(&b, "pref_max", r->pref_max);
	put_field(&b, "growth", r->growth);
	put_field(&b, "growth_disp", r->growth_disp);
	for (size_t k = 0; k < r->nhit; k++)
		put_field(&b, "hit", r->hit[k]);
	snprintf(path, sizeof(path), "%s/.plancheck/%s.row", j->outdir, r->name);
	pc_write_atomic_ex(path, b.s ? b.s : "", b.len, false, msg, sizeof(msg));
	pc_buf_free(&b);
}

static char *unescape(const char *v)
{
	char *o = strdup(v), *q = o;
	for (const char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*q++ = *p == 'n' ? '\n' : *p;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return o;
}

/* the outputs are there and newer than the draft and the rules: load the
 * row instead of checking again */
static bool load_row(struct job *j, struct row *r, long long rules_mtime)
{
	char path[4096];
	struct stat sd, so;
	if (stat(r->path, &sd) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/%s.json", j->outdir, r->name);
	if (stat(path, &so) != 0 || so.st_mtime < sd.st_mtime || so.st_mtime < rules_mtime)
		return false;
	if (j->pdf && !r->unreadable) {
		snprintf(path, sizeof(path), "%s/%s.pdf", j->outdir, r->name);
		struct stat sp;
		if (stat(path, &sp) != 0 || sp.st_mtime < sd.st_mtime)
			return false;
	}
	snprintf(path, sizeof(path), "%s/.plancheck/%s.row", j->outdir, r->name);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[8192];
	bool ok = false;
	size_t cap = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		char *u = unescape(eq + 1), *v = keep(j, u);
		free(u);
		if (!strcmp(line, "path"))
			ok = !strcmp(v, r->path);
		if (!strcmp(line, "why"))
			r->why = v;
		else if (!strcmp(line, "applicant"))
			r->applicant = v;
		else if (!strcmp(line, "program"))
			r->program = v;
		else if (!strcmp(line, "frame"))
			r->frame = v;
		else if (!strcmp(line, "counts")) {
			int un = 0;
			sscanf(v, "%d %ld %zu %zu %zu", &un, &r->round, &r->errors, &r->warnings, &r->infos);
			r->unreadable = un;
		} else if (!strcmp(line, "nat_req"))
			r->nat_req = v;
		else if (!strcmp(line, "nat_max"))
			r->nat_max = v;
		else if (!strcmp(line, "pref_req"))
			r->pref_req = v;
		else if (!strcmp(line, "pref_max"))
			r->pref_max = v;
		else if (!strcmp(line, "growth"))
			r->growth = v;
		else if (!strcmp(line, "growth_disp"))
			r->growth_disp = v;
		else if (!strcmp(line, "hit")) {
			pthread_mutex_lock(&j->rowlock);
			r->hit = pc_grow(&j->rowmem, r->hit, &cap, r->nhit + 1, sizeof(*r->hit));
			pthread_mutex_unlock(&j->rowlock);
			r->hit[r->nhit++] = v;
		}
	}
	fclose(f);
	return ok;
}

static void *worker(void *arg)
{
	struct job *j = arg;
	for (;;) {
		if (interrupted)
			break;
		size_t i = atomic_fetch_add(&j->next, 1);
		if (i >= j->n)
			break;
		struct row *r = &j->rows[i];
		if (!(j->resume && load_row(j, r, j->rules_mtime))) {
			/* a row half-loaded from a stale file starts again */
			char *path = r->path, *name = r->name;
			row_free(r);
			memset(r, 0, sizeof(*r));
			r->path = path;
			r->name = name;
			r->round = -1;
			process(j, r);
			save_row(j, r);
		} else
			atomic_fetch_add(&j->resumed, 1);
		atomic_fetch_add(&j->done, 1);
	}
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(size_t done, size_t total, double t0, bool final)
{
	double el = now_s() - t0, rate = el > 0 ? (double)done / el : 0;
	double left = rate > 0 ? (double)(total - done) / rate : 0;
	int w = 30, fill = total ? (int)((double)w * (double)done / (double)total) : w;
	char bar[64];
	for (int i = 0; i < w; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[w] = '\0';
	fprintf(stderr, "\r  %zu/%zu [%s] %.1f 件/秒  残り %d:%02d ", done, total, bar, rate, (int)left / 60,
		(int)left % 60);
	if (final)
		fputc('\n', stderr);
}

/* ---- summaries ---------------------------------------------------------------- */

static const char *verdict(const struct row *r)
{
	return r->unreadable ? "読めない" : r->errors ? "要修正" : "提出可";
}

static void csv_field(FILE *f, const char *s, bool last)
{
	putc('"', f);
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

static void csv_num(FILE *f, const char *s)
{
	fputs(s ? s : "", f);
	putc(',', f);
}

/* summaries are streamed to their files: for 10,000 drafts, building them
 * in memory first was the peak of the whole run */
static int write_csv(const char *outdir, struct row *rows, size_t n, char *msg, size_t ml)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/summary.csv", outdir);
	struct pc_atomic *a = pc_atomic_open(path, msg, ml);
	if (!a)
		return -1;
	FILE *f = pc_atomic_file(a);
	fputs("\xEF\xBB\xBF", f);
	const char *head[] = {"ファイル", "事業者名", "補助金", "公募回", "申請枠", "エラー", "警告",
			      "国補助金申請額", "国補助金上限", "県上乗せ申請額", "県上乗せ上限", "付加価値額伸び率（単純平均）", "判定"};
	for (size_t i = 0; i < PC_ARRAY_LEN(head); i++)
		csv_field(f, head[i], i + 1 == PC_ARRAY_LEN(head));
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		csv_field(f, r->path, false);
		csv_field(f, r->applicant, false);
		csv_field(f, r->program, false);
		if (r->round >= 0)
			fprintf(f, "%ld,", r->round);
		else
			putc(',', f);
		csv_field(f, r->frame, false);
		fprintf(f, "%zu,%zu,", r->errors, r->warnings);
		csv_num(f, r->nat_req);
		csv_num(f, r->nat_max);
		csv_num(f, r->pref_req);
		csv_num(f, r->pref_max);
		csv_field(f, r->growth_disp, false);
		csv_field(f, verdict(r), true);
	}
	return pc_atomic_commit(a, false, msg, ml);
}

struct rulecount {
	const char *id;
	size_t drafts;
	enum pc_severity level;
};

static int cmp_rc(const void *a, const void *b)
{
	const struct rulecount *x = a, *y = b;
	if (x->drafts != y->drafts)
		return x->drafts > y->drafts ? -1 : 1;
	return strcmp(x->id, y->id);
}

static struct rulecount *count_rules(struct row *rows, size_t n, const struct pc_ruleset *rs, size_t *nout)
{
	struct rulecount *v = NULL;
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < rows[i].nhit; k++) {
			size_t q = 0;
			while (q < nv && strcmp(v[q].id, rows[i].hit[k]))
				q++;
			if (q == nv) {
				if (nv == cap) {
					cap = cap ? cap * 2 : 32;
					v = realloc(v, cap * sizeof(*v));
					if (!v)
						abort();
				}
				const struct pc_rule *r = pc_rules_find(rs, rows[i].hit[k]);
				v[nv++] = (struct rulecount){rows[i].hit[k], 0, r ? r->level : PC_ERROR};
			}
			v[q].drafts++;
		}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_rc);
	*nout = nv;
	return v;
}

static void json_numf(FILE *f, const char *key, const char *v, bool comma)
{
	fprintf(f, "\"%s\": %s%s", key, v ? v : "null", comma ? ", " : "");
}

static int write_json(const char *outdir, struct row *rows, size_t n, struct rulecount *rc, size_t nrc,
		      char *msg, size_t ml)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/summary.json", outdir);
	struct pc_atomic *a = pc_atomic_open(path, msg, ml);
	if (!a)
		return -1;
	FILE *f = pc_atomic_file(a);
	fputs("{\n  \"tool\": \"plancheck\", \"version\": \"" PC_VERSION "\",\n  \"drafts\": [", f);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		fputs(i ? ",\n    {" : "\n    {", f);
		fputs("\"path\": ", f);
		pc_json_str(f, r->path);
		fputs(", \"name\": ", f);
		pc_json_str(f, r->name);
		fputs(", \"applicant\": ", f);
		pc_json_str(f, r->applicant);
		fputs(", \"program\": ", f);
		pc_json_str(f, r->program);
		if (r->round >= 0)
			fprintf(f, ", \"round\": %ld", r->round);
		else
			fputs(", \"round\": null", f);
		fputs(", \"frame\": ", f);
		pc_json_str(f, r->frame);
		fprintf(f, ", \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu, ", r->errors, r->warnings, r->infos);
		json_numf(f, "national_requested", r->nat_req, true);
		json_numf(f, "national_max", r->nat_max, true);
		json_numf(f, "prefecture_requested", r->pref_req, true);
		json_numf(f, "prefecture_max", r->pref_max, true);
		json_numf(f, "value_added_growth_simple", r->growth, true);
		fputs("\"verdict\": ", f);
		pc_json_str(f, verdict(r));
		if (r->why) {
			fputs(", \"reason\": ", f);
			pc_json_str(f, r->why);
		}
		fputs(", \"rules\": [", f);
		for (size_t k = 0; k < r->nhit; k++) {
			fputs(k ? ", " : "", f);
			pc_json_str(f, r->hit[k]);
		}
		fputs("]}", f);
	}
	fputs("\n  ],\n  \"rules\": [", f);
	for (size_t i = 0; i < nrc; i++) {
		fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
		pc_json_str(f, rc[i].id);
		fprintf(f, ", \"drafts\": %zu}", rc[i].drafts);
	}
	fputs(nrc ? "\n  ]\n}\n" : "]\n}\n", f);
	return pc_atomic_commit(a, false, msg, ml);
}

static int write_pdf(const char *outdir, struct row *rows, size_t n, struct rulecount *rc, size_t nrc,
		     long long date, char *msg, size_t ml)
{
	struct pc_layout L;
	if (pc_layout_open(&L, msg, ml) != 0)
		return -1;
	L.title = "事業計画書 一括点検の結果";
	L.author = "plancheck";
	L.header = "事業計画書 一括点検の結果";
	L.date = date;
	struct pc_para_style h1 = {PC_GOTHIC, 18, 1.5f, 0, 0, 0, {0, 0, 0}, false, false};
	struct pc_para_style p = {PC_GOTHIC, 10, 1.6f, 0, 0, 0, {0, 0, 0}, false, false};
	size_t ok = 0, ng = 0, bad = 0;
	for (size_t i = 0; i < n; i++) {
		ok += !rows[i].unreadable && !rows[i].errors;
		ng += !rows[i].unreadable && rows[i].errors;
		bad += rows[i].unreadable;
	}
	pc_lay_newpage(&L);
	pc_lay_outline(&L, 1, "一括点検の結果", pc_lay_dest(&L));
	struct pc_text t = {0};
	pc_text_add_plain(&L, &t, "事業計画書 一括点検の結果");
	pc_lay_para(&L, &t, &h1);
	struct pc_text t2 = {0};
	pc_text_add_plain(&L, &t2, pc_arena_printf(&L.arena, "%zu 件を点検しました。提出可 %zu 件、要修正 %zu 件、読めない %zu 件。", n, ok, ng, bad));
	pc_lay_para(&L, &t2, &p);
	pc_lay_space(&L, 10);
	struct pc_text *c = pc_arena_alloc(&L.arena, (n + 1) * 5 * sizeof(*c));
	const char *head[5] = {"ファイル", "事業者名", "エラー", "警告", "判定"};
	for (int k = 0; k < 5; k++)
		pc_text_add_plain(&L, &c[k], head[k]);
	for (size_t i = 0; i < n; i++) {
		pc_text_add_plain(&L, &c[(i + 1) * 5], rows[i].path);
		pc_text_add_plain(&L, &c[(i + 1) * 5 + 1], rows[i].applicant ? rows[i].applicant : "—");
		pc_text_add_plain(&L, &c[(i + 1) * 5 + 2], pc_arena_printf(&L.arena, "%zu", rows[i].errors));
		pc_text_add_plain(&L, &c[(i + 1) * 5 + 3], pc_arena_printf(&L.arena, "%zu", rows[i].warnings));
		pc_text_add_plain(&L, &c[(i + 1) * 5 + 4], verdict(&rows[i]));
	}
	static float w5[5] = {0.36f, 0.30f, 0.1f, 0.1f, 0.14f};
	static int r5[5] = {0, 0, 1, 1, 0};
	struct pc_table_spec sp = {5, w5, 8, true, r5, PC_GOTHIC};
	pc_lay_table(&L, c, n + 1, &sp);
	pc_lay_newpage(&L);
	pc_lay_outline(&L, 1, "規則ごとの該当件数", pc_lay_dest(&L));
	struct pc_text t3 = {0};
	pc_text_add_plain(&L, &t3, "規則ごとの該当件数（警告以上、除外を除く）");
	struct pc_para_style h2 = h1;
	h2.size = 14;
	pc_lay_para(&L, &t3, &h2);
	pc_lay_space(&L, 6);
	struct pc_text *c2 = pc_arena_alloc(&L.arena, (nrc + 1) * 4 * sizeof(*c2));
	const char *h4[4] = {"規則", "重さ", "該当する計画書", "割合"};
	for (int k = 0; k < 4; k++)
		pc_text_add_plain(&L, &c2[k], h4[k]);
	for (size_t i = 0; i < nrc; i++) {
		pc_text_add_plain(&L, &c2[(i + 1) * 4], rc[i].id);
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 1], rc[i].level == PC_ERROR ? "エラー" : "警告");
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 2], pc_arena_printf(&L.arena, "%zu 件", rc[i].drafts));
		pc_text_add_plain(&L, &c2[(i + 1) * 4 + 3],
				  pc_arena_printf(&L.arena, "%.1f%%", n ? 100.0 * (double)rc[i].drafts / (double)n : 0));
	}
	static float w4[4] = {0.5f, 0.12f, 0.22f, 0.16f};
	static int r4[4] = {0, 0, 1, 1};
	struct pc_table_spec sp2 = {4, w4, 8.5f, true, r4, PC_GOTHIC};
	pc_lay_table(&L, c2, nrc + 1, &sp2);
	char path[4096];
	snprintf(path, sizeof(path), "%s/summary.pdf", outdir);
	int r = pc_render_pdf(&L, path, msg, ml);
	pc_layout_release(&L);
	return r;
}

static void row_free(struct row *r)
{
	/* its strings live in the job's arena; forget them (a stale row read
	 * back by --resume is redone from scratch) */
	r->why = r->applicant = r->program = r->frame = NULL;
	r->nat_req = r->nat_max = r->pref_req = r->pref_max = r->growth = r->growth_disp = NULL;
	r->hit = NULL;
	r->nhit = 0;
}

int cmd_review(int argc, char **argv)
{
	static const char *const flags[] = {"--no-pdf", "--resume", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "review", argc, argv, flags, NULL);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck review DIR|FILE... -o OUTDIR [-j N] [--no-pdf] [--resume]\n\n"
		       "フォルダーの中の事業計画書（*.md）をまとめて点検し、計画書ごとの JSON と PDF、\n"
		       "一覧表 summary.csv（Excel 用）、summary.json、summary.pdf を OUTDIR に書きます。\n"
		       "--resume は、前回の結果が計画書と規則より新しい計画書を点検し直しません。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (!c.nargs || !c.output) {
		pc_cli_free(&c);
		return pc_usage_error("review", "点検するフォルダーかファイルと -o OUTDIR を指定してください%s", "");
	}
	if (mkdir(c.output, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "plancheck review: %s を作れません: %s\n", c.output, strerror(errno));
		pc_cli_free(&c);
		return 2;
	}
	struct stat outst;
	if (stat(c.output, &outst) != 0 || !S_ISDIR(outst.st_mode)) {
		fprintf(stderr, "plancheck review: %s はディレクトリではありません\n", c.output);
		pc_cli_free(&c);
		return 2;
	}
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	/* collect: per argument, sorted, so the order never depends on the
	 * file system */
	struct list found = {0};
	char **roots = NULL;
	size_t nroots = 0;
	roots = calloc(1, sizeof(*roots));
	for (size_t i = 0; i < c.nargs; i++) {
		struct stat st;
		size_t before = found.n;
		if (stat(c.args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			char *root = strdup(c.args[i]);
			size_t rl = strlen(root);
			while (rl > 1 && root[rl - 1] == '/')
				root[--rl] = '\0';
			walk(root, 0, &found, &outst);
			for (size_t k = before; k < found.n; k++) {
				roots = realloc(roots, (found.n + 1) * sizeof(*roots));
				roots[k] = root;
			}
			if (found.n == before)
				free(root);
			else
				nroots++;
		} else {
			list_add(&found, strdup(c.args[i]));   /* missing: a 読めない row */
			roots = realloc(roots, (found.n + 1) * sizeof(*roots));
			roots[found.n - 1] = NULL;
		}
	}
	struct job j = {.n = found.n, .rs = rs, .outdir = c.output, .pdf = !(c.flags & 1), .open = c.open,
			.resume = (c.flags & 2) != 0};
	pthread_mutex_init(&j.rowlock, NULL);
	{
		/* where the row files live; and how new the rules are (a rule
		 * change makes every output stale) */
		char hid[4096];
		snprintf(hid, sizeof(hid), "%s/.plancheck", c.output);
		mkdir(hid, 0777);
		for (size_t f = 0; f < rs->nfiles; f++) {
			struct stat st;
			if (stat(rs->files[f]->path, &st) == 0 && st.st_mtime > j.rules_mtime)
				j.rules_mtime = st.st_mtime;
		}
	}
	j.rows = calloc(found.n + 1, sizeof(*j.rows));
	/* sort the paths with their roots */
	size_t *idx = calloc(found.n + 1, sizeof(*idx));
	for (size_t i = 0; i < found.n; i++)
		idx[i] = i;
	for (size_t i = 1; i < found.n; i++)   /* insertion sort keeps the pairing simple */
		for (size_t k = i; k > 0 && strcmp(found.v[idx[k - 1]], found.v[idx[k]]) > 0; k--) {
			size_t t = idx[k];
			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
	for (size_t i = 0; i < found.n; i++) {
		j.rows[i].path = found.v[idx[i]];
		j.rows[i].name = out_name(found.v[idx[i]], roots[idx[i]]);
		j.rows[i].round = -1;
	}
	/* the same name twice (a/x.md and b_x.md): number the later ones */
	for (size_t i = 1; i < found.n; i++)
		for (size_t k = 0, dup = 1; k < i; k++)
			if (!strcmp(j.rows[k].name, j.rows[i].name)) {
				size_t l = strlen(j.rows[i].name) + 16;
				char *nn = malloc(l);
				snprintf(nn, l, "%s-%zu", j.rows[i].name, ++dup);
				free(j.rows[i].name);
				j.rows[i].name = nn;
				k = (size_t)-1;   /* check the new name from the start */
			}
	free(idx);

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nth = c.jobs ? c.jobs : (int)(cores > 0 ? cores : 1);
	if ((size_t)nth > found.n && found.n)
		nth = (int)found.n;
	struct sigaction sa = {0}, old;
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old);
	pthread_t *th = calloc((size_t)nth + 1, sizeof(*th));
	double t0 = now_s();
	for (int i = 0; i < nth; i++)
		pthread_create(&th[i], NULL, worker, &j);
	bool tty = isatty(2) && !c.quiet;
	while (tty && atomic_load(&j.done) < j.n && !interrupted) {
		progress(atomic_load(&j.done), j.n, t0, false);
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
		/* workers may have stopped after an interrupt */
	}
	for (int i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	sigaction(SIGINT, &old, NULL);
	if (tty)
		progress(atomic_load(&j.done), j.n, t0, true);
	free(th);

	int status = 0;
	size_t done = atomic_load(&j.done);
	if (interrupted) {
		fprintf(stderr, "plancheck review: 中断しました。%zu/%zu 件を点検済みです（書き終えたファイルだけが %s にあります。一覧表は作っていません）\n",
			done, j.n, c.output);
		status = 130;
	} else {
		size_t nrc;
		struct rulecount *counts = count_rules(j.rows, j.n, rs, &nrc);
		char msg[1024];
		/* the summary PDF is dated by its newest input, so two runs over
		 * the same drafts write the same bytes */
		long long date = 0;
		for (size_t i = 0; i < j.n; i++) {
			struct stat st;
			if (stat(j.rows[i].path, &st) == 0 && st.st_mtime > date)
				date = st.st_mtime;
		}
		if (write_csv(c.output, j.rows, j.n, msg, sizeof(msg)) != 0 ||
		    write_json(c.output, j.rows, j.n, counts, nrc, msg, sizeof(msg)) != 0 ||
		    (j.pdf && write_pdf(c.output, j.rows, j.n, counts, nrc, date, msg, sizeof(msg)) != 0)) {
			fprintf(stderr, "plancheck review: %s\n", msg);
			status = 2;
		}
		free(counts);
		/* one sync for the whole batch */
		int dfd = open(c.output, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			syncfs(dfd);
			close(dfd);
		}
		size_t ok = 0, ng = 0, bad = 0;
		for (size_t i = 0; i < j.n; i++) {
			ok += !j.rows[i].unreadable && !j.rows[i].errors;
			ng += !j.rows[i].unreadable && j.rows[i].errors;
			bad += j.rows[i].unreadable;
		}
		if (!c.quiet)
			fprintf(stderr, "%zu 件: 提出可 %zu、要修正 %zu、読めない %zu（%s%s）\n", j.n, ok, ng, bad, c.output,
				j.resume ? pc_arena_printf(&rs->arena, "、前回の結果を %zu 件再利用", atomic_load(&j.resumed)) : "");
		if (status == 0 && (ng || bad))
			status = 1;
		if (status == 0 && atomic_load(&j.failed_writes))
			status = 2;
	}
	for (size_t i = 0; i < j.n; i++) {
		row_free(&j.rows[i]);
		free(j.rows[i].path);
		free(j.rows[i].name);
	}
	free(j.rows);
	pc_arena_release(&j.rowmem);
	pthread_mutex_destroy(&j.rowlock);
	free(found.v);
	/* roots are shared by many rows: free each once */
	for (size_t i = 0; i < found.n; i++)
		if (roots[i]) {
			char *r = roots[i];
			for (size_t k = i; k < found.n; k++)
				if (roots[k] == r)
					roots[k] = NULL;
			free(r);
		}
	free(roots);
	(void)nroots;
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
