/*
 * serve_api.c - what `plancheck serve` answers, without the sockets: the
 * gate every request passes (Host against the listen address, Origin and
 * Fetch metadata on every POST, the token, the method, the body's type
 * and size) and the routes.  The API runs the same library calls as the
 * command line, one draft per request and nothing kept after it:
 * POST /api/check is `check --format json`, /api/report the annotated PDF
 * (made in memory), /api/fix
 * the fixed text in the draft's own encoding, /api/import the .md that
 * `plancheck import` writes (a Word draft as front matter and Markdown),
 * GET /api/rules and
 * /api/template; POST /api/view is what the page needs at each keystroke
 * (the check's JSON unchanged, the text the positions point into, the
 * computed figures with their labels, the timeline, its missing steps and
 * deadlines).  Refusals are
 * JSON with a Japanese message.
 */
#include "serve.h"
#include "rules.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void pc_http_resp_free(struct pc_http_resp *r)
{
	free(r->body);
	r->body = NULL;
}

static void set_body(struct pc_http_resp *r, int status, const char *type, char *body, size_t len)
{
	free(r->body);
	r->status = status;
	r->type = type;
	r->body = body;
	r->len = len;
}

void pc_http_error(struct pc_http_resp *r, int status, const char *msg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	fprintf(f, "{\"status\": %d, \"error\": ", status);
	pc_json_str(f, msg);
	fputs("}\n", f);
	fclose(f);
	set_body(r, status, "application/json; charset=utf-8", buf, len);
	r->no_store = true;
}

/* ---- the gate ----------------------------------------------------------- */

static bool host_ok(const struct pc_server *s, const char *host)
{
	if (!s->nhosts)
		return true;
	if (!host)
		return false;
	for (size_t i = 0; i < s->nhosts; i++)
		if (!strcasecmp(host, s->hosts[i]))
			return true;
	return false;
}

/* a browser names the page that sends a POST: it must be this server's
 * own page (the Host it asked, already checked), never another site's */
static bool origin_ok(const struct pc_http_req *q, const char *host)
{
	const char *origin = q->header(q->ctx, "Origin");
	const char *site = q->header(q->ctx, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return false;
	if (!origin)
		return true;   /* not a browser: curl, scripts */
	if (!host || strncasecmp(origin, "http://", 7))
		return false;
	return !strcasecmp(origin + 7, host);
}

/* compare without stopping at the first difference: the time taken says
 * nothing about how much of the token was right */
static bool same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;
	for (size_t i = 0; i < lb; i++)
		d |= (unsigned char)(a[i % (la ? la : 1)] ^ b[i]);
	return la && !d;
}

static bool token_ok(const struct pc_server *s, const struct pc_http_req *q)
{
	if (!s->token)
		return true;
	const char *t = q->header(q->ctx, "X-Plancheck-Token");
	const char *auth = q->header(q->ctx, "Authorization");
	if (!t && auth && !strncasecmp(auth, "Bearer ", 7))
		t = auth + 7;
	return t && same_secret(t, s->token);
}

enum route {
	R_NONE, R_FILE, R_RULES, R_TEMPLATE, R_TEMPLATES, R_CHECK, R_VIEW, R_REPORT, R_FIX, R_IMPORT
};

static const struct {
	const char *path;
	enum route r;
	bool post;
} routes[] = {
	{"/api/rules", R_RULES, false},   {"/api/template", R_TEMPLATE, false},
	{"/api/templates", R_TEMPLATES, false}, {"/api/check", R_CHECK, true},
	{"/api/view", R_VIEW, true},      {"/api/report", R_REPORT, true},      {"/api/fix", R_FIX, true},
	{"/api/import", R_IMPORT, true},
};

static enum route find_route(const struct pc_server *s, const char *path, bool *post, size_t *file)
{
	for (size_t i = 0; i < PC_ARRAY_LEN(routes); i++)
		if (!strcmp(path, routes[i].path)) {
			*post = routes[i].post;
			return routes[i].r;
		}
	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(path, s->files[i].path) || (!strcmp(path, "/index.html") && !strcmp(s->files[i].path, "/"))) {
			*post = false;
			*file = i;
			return R_FILE;
		}
	return R_NONE;
}

/* the body is the draft's own bytes; a form's encoding is not a draft */
static bool body_type_ok(const char *ct)
{
	if (!ct)
		return true;
	return strncasecmp(ct, "multipart/", 10) && strncasecmp(ct, "application/x-www-form-urlencoded", 33);
}

int pc_http_precheck(struct pc_server *s, const struct pc_http_req *q, long long content_length,
		     struct pc_http_resp *r)
{
	const char *host = q->header(q->ctx, "Host");
	if (!host_ok(s, host)) {
		pc_http_error(r, 403, "このサーバーの名前（Host）ではない宛先への要求は受け付けません");
		return r->status;
	}
	bool post = false;
	size_t file = 0;
	enum route rt = find_route(s, q->path, &post, &file);
	bool is_post = !strcmp(q->method, "POST");
	bool is_get = !strcmp(q->method, "GET") || !strcmp(q->method, "HEAD");
	if (rt == R_NONE) {
		pc_http_error(r, 404, "そのページや API はありません");
		return r->status;
	}
	if (post ? !is_post : !is_get) {
		pc_http_error(r, 405, post ? "この API は POST で呼んでください" : "この API は GET で呼んでください");
		r->allow = post ? "POST" : "GET, HEAD";
		return r->status;
	}
	if (is_post && !origin_ok(q, host)) {
		pc_http_error(r, 403, "ほかのサイトのページからの送信は受け付けません");
		return r->status;
	}
	if (rt != R_FILE && !token_ok(s, q)) {
		pc_http_error(r, 401, "合言葉（トークン）が必要です。サーバーを起動した人に --token の値を聞いてください");
		return r->status;
	}
	if (is_post && !body_type_ok(q->header(q->ctx, "Content-Type"))) {
		pc_http_error(r, 415,
			      "フォームの形式では受け付けません。ファイルの中身をそのまま送ってください"
			      "（Content-Type: application/octet-stream）");
		return r->status;
	}
	size_t max = s->open.max_size ? s->open.max_size : PC_DEFAULT_MAX_SIZE;
	if (is_post && content_length >= 0 && (unsigned long long)content_length > max) {
		char msg[256];
		snprintf(msg, sizeof(msg), "ファイルが大きすぎます（上限 %zu バイト。--max-size で変えられます）", max);
		pc_http_error(r, 413, msg);
		return r->status;
	}
	return 0;
}

/* ---- the routes ---------------------------------------------------------- */

/* the draft's name as the command line would print its path: any text,
 * but one line of it */
static const char *draft_name(const struct pc_http_req *q, struct pc_http_resp *r)
{
	const char *name = q->arg(q->ctx, "name");
	if (!name || !*name)
		return "draft.md";
	size_t n = strlen(name);
	bool ok = n <= 1024 && pc_utf8_valid(name, n, NULL);
	for (size_t i = 0; i < n && ok; i++)
		ok = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
	if (!ok) {
		pc_http_error(r, 400, "name には改行や制御文字のない 1024 バイトまでのファイル名を指定してください");
		return NULL;
	}
	return name;
}

static struct pc_doc *checked(struct pc_server *s, const struct pc_http_req *q, const char *name, bool fix)
{
	struct pc_open_opts o = s->open;
	o.fix = fix;   /* every replacement, past the findings cap too */
	o.rules = s->rs;
	o.stop = q->stop;
	struct pc_doc *d = pc_doc_from_mem(name, q->body ? q->body : "", q->len, &o);
	pc_check(d, s->rs);
	pc_findings_finish(d);
	return d;
}

/* what `check --format json` prints for this one draft, through the same
 * reporter */
static char *check_json(struct pc_server *s, struct pc_doc *d, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		abort();
	struct pc_report_opts ro = {.rules = s->rs};
	struct pc_report_dest to = {.file = f};
	char msg[256];
	struct pc_reporter *rep = pc_reporter_open("json", &to, &ro, msg, sizeof(msg));
	if (!rep)
		abort();   /* a built-in format over a memory stream */
	pc_reporter_doc(rep, d, NULL);
	pc_reporter_close(rep, msg, sizeof(msg));
	fclose(f);
	return buf;
}

static void date_fields(struct pc_doc *d, FILE *f, const char *step, const char *label, int64_t days)
{
	struct pc_date dt = pc_date_from_days(days);
	pc_json_str(f, step);
	if (label) {
		fputs(", \"label\": ", f);
		pc_json_str(f, label);
	}
	fprintf(f, ", \"date\": \"%04d-%02d-%02d\", \"display\": ", dt.y, dt.m, dt.d);
	pc_json_str(f, pc_date_format(&d->arena, dt));
}

static void do_view(struct pc_server *s, struct pc_doc *d, struct pc_http_resp *r)
{
	size_t clen;
	char *cj = check_json(s, d, &clen);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	fputs("{\"check\": ", f);
	fwrite(cj, 1, clen, f);
	free(cj);
	fputs(", \"text\": ", f);
	pc_json_strn(f, d->text, d->len);
	fputs(",\n \"figures\": [", f);
	for (size_t i = 0; i < d->ncomputed; i++) {
		const struct pc_computed *c = &d->computed[i];
		fputs(i ? ",\n  {\"key\": " : "\n  {\"key\": ", f);
		pc_json_str(f, c->key);
		fputs(", \"label\": ", f);
		pc_json_str(f, c->label);
		fputs(", \"display\": ", f);
		pc_json_str(f, c->display);
		fprintf(f, ", \"value\": %s}", c->json);
	}
	/* the cover's rows as the packs declare them: value, what it is
	 * compared with, the verdict and whether it fails */
	fputs("],\n \"cover\": [", f);
	for (size_t i = 0; i < d->nfigures; i++) {
		const struct pc_figure *g = &d->figures[i];
		fputs(i ? ",\n  {\"key\": " : "\n  {\"key\": ", f);
		pc_json_str(f, g->key);
		fputs(", \"label\": ", f);
		pc_json_str(f, g->label);
		fputs(", \"display\": ", f);
		pc_json_str(f, g->display);
		fprintf(f, ", \"value\": %s, \"compare\": ", g->json);
		pc_json_str(f, g->compare);
		fprintf(f, ", \"compare_value\": %s, \"verdict\": ", g->compare_json ? g->compare_json : "null");
		pc_json_str(f, g->verdict);
		fprintf(f, ", \"failed\": %s}", g->failed ? "true" : "false");
	}
	/* the grant-flow steps as the flow rules read them, and the limits
	 * those rules computed, for the page's timeline */
	fputs("],\n \"timeline\": [", f);
	const struct pc_ynode *tl = pc_plan_role(d, "steps");
	const struct pc_field *steps = pc_schema_role(d->schema, "steps");
	size_t nt = 0;
	for (size_t i = 0; tl && tl->kind == PC_Y_MAP && i < tl->n; i++) {
		const struct pc_ynode *v = tl->vals[i];
		if (!tl->keys[i]->str || v->vtype != PC_V_DATE)
			continue;
		const struct pc_field *fi = pc_schema_child(steps, tl->keys[i]->str);
		fputs(nt++ ? ",\n  {\"step\": " : "\n  {\"step\": ", f);
		date_fields(d, f, tl->keys[i]->str, fi ? fi->label : tl->keys[i]->str, v->ival);
		putc('}', f);
	}
	fputs("],\n \"missing\": [", f);
	for (size_t i = 0; i < d->nmissing_steps; i++) {
		const struct pc_field *fi = pc_schema_child(steps, d->missing_steps[i]);
		fputs(i ? ", {\"step\": " : "{\"step\": ", f);
		pc_json_str(f, d->missing_steps[i]);
		fputs(", \"label\": ", f);
		pc_json_str(f, fi ? fi->label : d->missing_steps[i]);
		putc('}', f);
	}
	fputs("],\n \"deadlines\": [", f);
	for (size_t i = 0; i < d->ndeadlines; i++) {
		const struct pc_deadline *k = &d->deadlines[i];
		fputs(i ? ",\n  {\"step\": " : "\n  {\"step\": ", f);
		date_fields(d, f, k->step, NULL, k->days);
		fprintf(f, ", \"after\": %s, \"rule\": ", k->after ? "true" : "false");
		pc_json_str(f, k->rule);
		putc('}', f);
	}
	fputs("]}\n", f);
	fclose(f);
	set_body(r, 200, "application/json; charset=utf-8", buf, len);
}

/* Content-Disposition for a download named after the draft: an ASCII
 * fallback and the UTF-8 name (RFC 6266, 5987) */
static void disposition(struct pc_http_resp *r, const char *name, const char *ext)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	const char *dot = strrchr(base, '.');
	size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char enc[800];
	size_t o = 0;
	for (size_t i = 0; i < bl && o + 4 < sizeof(enc) - 16; i++) {
		unsigned char c = (unsigned char)base[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.')
			enc[o++] = (char)c;
		else
			o += (size_t)snprintf(enc + o, sizeof(enc) - o, "%%%02X", c);
	}
	enc[o] = '\0';
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"plancheck%s\"; filename*=UTF-8''%s%s",
		 ext, o ? enc : "plancheck", ext);
}

static void do_report(struct pc_server *s, struct pc_doc *d, const char *name, struct pc_http_resp *r)
{
	/* into memory: no named file of a draft's PDF ever exists on the
	 * server (the renderer's page spool is an unnamed tmpfile) */
	char *buf = NULL, msg[1024];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	struct pc_report_opts ro = {.rules = s->rs};
	struct pc_report_dest to = {.file = f};
	int rc = pc_report_pdf_to(d, &to, &ro, NULL, msg, sizeof(msg));
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		snprintf(msg, sizeof(msg), "PDF を作れませんでした");
	}
	if (rc != 0 || !len) {
		free(buf);
		pc_http_error(r, 500, rc ? msg : "PDF を作れませんでした");
		return;
	}
	set_body(r, 200, "application/pdf", buf, len);
	disposition(r, name, ".pdf");
}

static void do_fix(struct pc_doc *d, const char *name, struct pc_http_resp *r)
{
	if (d->unreadable) {
		pc_http_error(r, 422, "この下書きは読めないため修正できません（指摘を確かめてください）");
		return;
	}
	struct pc_buf b = {0};
	size_t applied = 0;
	char msg[512];
	if (pc_fix_apply(d, &b, NULL, &applied, msg, sizeof(msg)) != 0) {
		pc_buf_free(&b);
		pc_http_error(r, 422, msg);
		return;
	}
	size_t nl = strlen(name);
	bool txt = nl > 4 && !strcasecmp(name + nl - 4, ".txt");
	const char *type = d->enc == PC_ENC_CP932 ? (txt ? "text/plain; charset=Shift_JIS" : "text/markdown; charset=Shift_JIS")
						  : (txt ? "text/plain; charset=utf-8" : "text/markdown; charset=utf-8");
	if (!b.s)
		pc_buf_add(&b, "", 0);
	set_body(r, 200, type, b.s, b.len);
	snprintf(r->replaced, sizeof(r->replaced), "%zu", applied);
	disposition(r, name, txt ? ".txt" : ".md");
}

/* what `plancheck import` prints for the draft: UTF-8, LF, front matter
 * (a Word draft's tables as the plan) and the body */
static void do_import(struct pc_doc *d, const char *name, struct pc_http_resp *r)
{
	struct pc_buf b = {0};
	char msg[1024];
	if (pc_import(d, &b, msg, sizeof(msg)) != 0) {
		pc_buf_free(&b);
		pc_http_error(r, 422, msg);
		return;
	}
	if (!b.s)
		pc_buf_add(&b, "", 0);
	set_body(r, 200, "text/markdown; charset=utf-8", b.s, b.len);
	disposition(r, name, ".md");
}

static void do_template(const struct pc_http_req *q, struct pc_http_resp *r)
{
	const char *v[4] = {q->arg(q->ctx, "program"), q->arg(q->ctx, "topup"), q->arg(q->ctx, "round"),
			    q->arg(q->ctx, "frame")};
	for (size_t i = 0; i < 4; i++)
		if (v[i] && !*v[i])
			v[i] = NULL;
	struct pc_buf b = {0};
	char path[4096];
	int rc = pc_template_read(v[0], v[1], v[2], v[3], &b, path, sizeof(path));
	if (rc != 0) {
		pc_buf_free(&b);
		pc_http_error(r, rc == -1 ? 404 : 400,
			      rc == -1 ? "その補助金・上乗せのひな形はありません"
			      : rc == -2 ? "公募回（round）は数字で指定してください"
			      : rc == -4 ? "補助金の種類（program）を指定してください"
					 : "申請枠（frame）に使えない文字があります");
		return;
	}
	set_body(r, 200, "text/markdown; charset=utf-8", b.s, b.len);
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"plan.md\"");
}

/* the templates there are, each with the titles of the packs it is for:
 * the page offers them by name, knowing no program itself */
static void do_templates(struct pc_server *s, struct pc_http_resp *r)
{
	size_t n;
	char **names = pc_template_names(&n);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	fputs("[", f);
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pc_pack *prog = NULL, *top = NULL;
		for (size_t k = 0; k < s->rs->npacks; k++) {
			const struct pc_pack *p = &s->rs->packs[k];
			if (!p->program || p->topup || strncmp(names[i], p->program, strlen(p->program)))
				continue;
			const char *rest = names[i] + strlen(p->program);
			if (!*rest)
				prog = p;
			for (size_t t = 0; t < s->rs->npacks && *rest == '-'; t++) {
				const struct pc_pack *q = &s->rs->packs[t];
				if (q->topup && q->program && !strcmp(q->program, p->program) && !strcmp(rest + 1, q->topup))
					prog = p, top = q;
			}
		}
		if (prog) {
			fputs(out++ ? ",\n {\"program\": " : "\n {\"program\": ", f);
			pc_json_str(f, prog->program);
			fputs(", \"topup\": ", f);
			pc_json_str(f, top ? top->topup : NULL);
			fputs(", \"title\": ", f);
			pc_json_str(f, prog->title ? prog->title : prog->program);
			fputs(", \"topup_title\": ", f);
			pc_json_str(f, top ? (top->title ? top->title : top->topup) : NULL);
			putc('}', f);
		}
	}
	pc_template_names_free(names, n);
	fputs("]\n", f);
	fclose(f);
	set_body(r, 200, "application/json; charset=utf-8", buf, len);
}

void pc_http_handle(struct pc_server *s, const struct pc_http_req *q, struct pc_http_resp *r)
{
	memset(r, 0, sizeof(*r));
	const char *cl = q->header(q->ctx, "Content-Length");
	if (pc_http_precheck(s, q, cl ? (long long)q->len : -1, r))
		return;
	size_t max = s->open.max_size ? s->open.max_size : PC_DEFAULT_MAX_SIZE;
	if (q->len > max) {
		pc_http_error(r, 413, "ファイルが大きすぎます（--max-size で上限を変えられます）");
		return;
	}
	bool post = false;
	size_t file = 0;
	enum route rt = find_route(s, q->path, &post, &file);
	const char *name = NULL;
	if (post && !(name = draft_name(q, r)))
		return;
	r->no_store = true;
	switch (rt) {
	case R_FILE: {
		const struct pc_http_file *f = &s->files[file];
		char *copy = malloc(f->len + 1);
		if (!copy)
			abort();
		memcpy(copy, f->data, f->len);
		set_body(r, 200, f->type, copy, f->len);
		r->no_store = false;
		return;
	}
	case R_RULES: {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (!f)
			abort();
		pc_rules_json(s->rs, f);
		fclose(f);
		set_body(r, 200, "application/json; charset=utf-8", buf, len);
		r->no_store = false;
		return;
	}
	case R_TEMPLATE:
		do_template(q, r);
		return;
	case R_TEMPLATES:
		do_templates(s, r);
		r->no_store = false;
		return;
	case R_CHECK: case R_VIEW: case R_REPORT: case R_FIX: case R_IMPORT: {
		struct pc_doc *d = checked(s, q, name, rt == R_FIX);
		if (d->stopped)
			/* told to stop (its time is up, or the server stops):
			 * not every rule ran, so there is no answer to give */
			pc_http_error(r, 503, "点検を途中で打ち切りました（制限時間を過ぎたか、サーバーが止まるところです）");
		else if (rt == R_CHECK) {
			size_t len;
			char *buf = check_json(s, d, &len);
			set_body(r, 200, "application/json; charset=utf-8", buf, len);
		} else if (rt == R_VIEW)
			do_view(s, d, r);
		else if (rt == R_REPORT)
			do_report(s, d, name, r);
		else if (rt == R_IMPORT)
			do_import(d, name, r);
		else
			do_fix(d, name, r);
		r->no_store = true;
		pc_doc_free(d);
		return;
	}
	case R_NONE:
		break;
	}
	pc_http_error(r, 404, "そのページや API はありません");
}
