/*
 * fz_http.c - libFuzzer target: what `plancheck serve` does with a request,
 * without sockets (serve_api.c as serve.c calls it).  The input is a
 * request in a plain layout: a first line "METHOD PATH[?QUERY]", header
 * lines "Name: value" up to an empty line, then the body.  The first byte
 * of the input also picks whether the server has a token, so the gate is
 * fuzzed both ways.  Query values arrive raw (libmicrohttpd would have
 * decoded them: any bytes can reach the API).  Every answer must be a
 * known status with a body the answer's own length says.
 */
#include "serve.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAXKV 32

struct fz_req {
	char *keys[MAXKV], *vals[MAXKV];
	size_t nargs;
	char *hkeys[MAXKV], *hvals[MAXKV];
	size_t nheaders;
};

static const char *arg(void *ctx, const char *key)
{
	struct fz_req *r = ctx;
	for (size_t i = 0; i < r->nargs; i++)
		if (!strcmp(r->keys[i], key))
			return r->vals[i];
	return NULL;
}

static const char *header(void *ctx, const char *name)
{
	struct fz_req *r = ctx;
	for (size_t i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->hkeys[i], name))
			return r->hvals[i];
	return NULL;
}

static struct pc_server srv;
static const char *hosts[] = {"127.0.0.1:8722", "localhost:8722"};
static void setup(void)
{
	const char *dd = getenv("PLANCHECK_DATA");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/rules", dd ? dd : ".");
	pc_data_dir_set(dd ? dd : ".");
	srv.rs = pc_rules_load(dir, stderr);
	if (!srv.rs)
		abort();
	srv.hosts = hosts;
	srv.nhosts = 2;
	srv.open.max_size = 1 << 20;
	static struct pc_http_file page = {"/", "text/html; charset=utf-8", (char *)"<!doctype html>", 15};
	srv.files = &page;
	srv.nfiles = 1;
}

/* the next line of [*p, end): NUL-terminated in place, without its \r\n */
static char *line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*p = nl < end ? nl + 1 : end;
	*nl = '\0';
	if (nl > s && nl[-1] == '\r')
		nl[-1] = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!srv.rs)
		setup();
	if (size < 1)
		return 0;
	srv.token = (data[0] & 1) ? "s3cret" : NULL;
	char *buf = malloc(size + 1);
	if (!buf)
		abort();
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	char *p = buf, *end = buf + size - 1;
	struct fz_req fr = {0};
	struct pc_http_req q = {.method = "GET", .path = "/", .arg = arg, .header = header, .ctx = &fr};
	char *first = line(&p, end);
	if (first) {
		char *sp = strchr(first, ' ');
		if (sp) {
			*sp = '\0';
			q.method = first;
			q.path = sp + 1;
		}
		char *qm = strchr((char *)q.path, '?');
		if (qm) {
			*qm = '\0';
			for (char *kv = strtok(qm + 1, "&"); kv && fr.nargs < MAXKV; kv = strtok(NULL, "&")) {
				char *eq = strchr(kv, '=');
				fr.keys[fr.nargs] = kv;
				fr.vals[fr.nargs++] = eq ? (*eq = '\0', eq + 1) : (char *)"";
			}
		}
	}
	char *h;
	while ((h = line(&p, end)) && *h && fr.nheaders < MAXKV) {
		char *colon = strchr(h, ':');
		if (!colon)
			continue;
		*colon = '\0';
		char *v = colon + 1;
		while (*v == ' ')
			v++;
		fr.hkeys[fr.nheaders] = h;
		fr.hvals[fr.nheaders++] = v;
	}
	q.body = p;
	q.len = (size_t)(end - p);
	struct pc_http_resp r;
	pc_http_handle(&srv, &q, &r);
	static const int known[] = {200, 400, 401, 403, 404, 405, 413, 415, 422, 500};
	bool ok = false;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		ok |= r.status == known[i];
	if (!ok || !r.type || (r.len && !r.body))
		abort();
	/* an error answer is JSON naming its status */
	if (r.status != 200 && (r.len < 12 || strncmp(r.body, "{\"status\": ", 11)))
		abort();
	pc_http_resp_free(&r);
	free(buf);
	return 0;
}
