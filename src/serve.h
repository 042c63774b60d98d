/*
 * serve.h - the request side of `plancheck serve`, apart from the socket
 * library: a request is its method, path, query arguments, headers and
 * body; an answer is a status, a type, a body and a few headers.
 * serve_api.c decides everything (which host and origin may ask, the
 * token, the body limit, the routes, the library calls); serve.c is the
 * only file that speaks HTTP (libmicrohttpd) and the fuzz target fz_http
 * drives serve_api.c without sockets.
 */
#ifndef PC_SERVE_H
#define PC_SERVE_H

#include "internal.h"

/* a file of the page (web/), read once at start */
struct pc_http_file {
	const char *path;           /* "/", "/app.js" */
	const char *type;           /* Content-Type */
	char *data;
	size_t len;
};

struct pc_server {
	const struct pc_ruleset *rs;
	struct pc_open_opts open;   /* max_size: the body limit too */
	const char *token;          /* required on /api/ when set */
	const char **hosts;         /* Host values accepted ("127.0.0.1:8722"); */
	size_t nhosts;              /* none: any (a wildcard listen, token required) */
	struct pc_http_file *files;
	size_t nfiles;
};

struct pc_http_req {
	const char *method, *path;
	/* a query argument (decoded) or a request header, NULL when absent */
	const char *(*arg)(void *ctx, const char *key);
	const char *(*header)(void *ctx, const char *name);
	void *ctx;
	const char *body;
	size_t len;
	const _Atomic int *stop;    /* raised when the request's time is up */
};

struct pc_http_resp {
	int status;
	const char *type;
	char *body;                 /* malloc'd (free with pc_http_resp_free) */
	size_t len;
	bool no_store;              /* drafts and results: Cache-Control: no-store */
	const char *allow;          /* for 405 */
	char disposition[1024];     /* Content-Disposition, or "" */
	char replaced[32];          /* X-Plancheck-Replaced (fix), or "" */
};

/* Before the body: may this request go on?  0, or the status of the
 * refusal with r filled.  content_length is -1 when not given. */
int pc_http_precheck(struct pc_server *s, const struct pc_http_req *q, long long content_length,
		     struct pc_http_resp *r);
/* The whole request (it runs pc_http_precheck again). */
void pc_http_handle(struct pc_server *s, const struct pc_http_req *q, struct pc_http_resp *r);
void pc_http_resp_free(struct pc_http_resp *r);
/* an error answer: {"status": N, "error": "message"} */
void pc_http_error(struct pc_http_resp *r, int status, const char *msg);

#endif
