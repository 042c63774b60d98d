/*
 * serve.c - `plancheck serve`: the checker as a local web page and an
 * HTTP API, on libmicrohttpd (the only file that includes microhttpd.h).
 * One process: the rule packs and dictionaries are loaded once and shared
 * by a pool of threads (the library is thread-safe the way `review` uses
 * it: per-thread PCRE2 match data, the speller behind its mutex, one arena
 * per draft).  It listens on loopback unless told otherwise, and then
 * only with a token; a request is decided by serve_api.c, this file only
 * gathers it (headers, query, the body up to the limit) and sends the
 * answer with the security headers every response carries.  A draft's
 * work runs on a thread of its own against --time-limit (503 past it).
 * No named file of a draft is written (PDFs go into memory; the
 * renderer's page spool is an unnamed tmpfile).  SIGINT and SIGTERM stop it:
 * requests in hand finish (drafts in work stop at their next rule), exit 0.
 */
#include "cli.h"
#include "config.h"
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define DEFAULT_LISTEN "127.0.0.1:8722"
#define REQUEST_SECONDS 60      /* receiving one request, start to end */
#define IDLE_SECONDS 30         /* a connection that sends nothing */
#define TIME_LIMIT 30           /* handling one draft (--time-limit) */

struct conn {
	struct pc_buf body;
	bool over;                  /* past the limit: the rest is dropped */
	bool is_post;
	time_t start;
};

static const char *arg_of(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static const char *header_of(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, name);
}

/* ---- a draft's work, against the clock ----------------------------------------
 * A POST is handled on a thread of its own while the connection's thread
 * waits for it at most the time limit.  Past it the request is answered
 * 503 at once and the work is told to stop (the rule engine looks between
 * rules); the thread finishes on its own and frees what it holds.  While
 * too many of those are still running, new drafts are turned away 503 so
 * that a run of hostile drafts cannot pile up threads.  A worker that has
 * ended leaves its handle to be joined (at the next draft, and at the
 * stop), so that no thread is still exiting when the process does: a
 * leak checker stopping the world at exit has hung on one. */

struct kv {
	char *k, *v;
};

struct job {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int refs;                   /* the waiting connection, the worker */
	bool done, late;
	bool threaded;              /* on a thread of its own, to be joined */
	_Atomic int stop;
	struct pc_server *s;
	char *method, *path;
	struct kv *hdr, *arg;       /* copies: the connection may be gone */
	size_t nhdr, narg;
	struct pc_buf body;
	struct pc_http_resp r;
	struct job *next;           /* in the list of running jobs */
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t idle;        /* signalled when a job ends */
	struct job *running;
	unsigned live, late;        /* jobs running; of those, answered 503 */
	unsigned time_limit, max_late;
	pthread_t *ended;           /* workers that have ended, not yet joined */
	size_t nended, cap_ended;
} jobs = {.mu = PTHREAD_MUTEX_INITIALIZER, .idle = PTHREAD_COND_INITIALIZER};

static const char *job_header(void *ctx, const char *name)
{
	const struct job *j = ctx;
	for (size_t i = 0; i < j->nhdr; i++)
		if (!strcasecmp(j->hdr[i].k, name))
			return j->hdr[i].v;
	return NULL;
}

static const char *job_arg(void *ctx, const char *key)
{
	const struct job *j = ctx;
	for (size_t i = 0; i < j->narg; i++)
		if (!strcmp(j->arg[i].k, key))
			return j->arg[i].v;
	return NULL;
}

static char *xstrdup(const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		abort();
	return c;
}

static enum MHD_Result keep_kv(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct job *j = cls;
	struct kv **v = kind == MHD_HEADER_KIND ? &j->hdr : &j->arg;
	size_t *n = kind == MHD_HEADER_KIND ? &j->nhdr : &j->narg;
	if (!key)
		return MHD_YES;
	struct kv *g = realloc(*v, (*n + 1) * sizeof(**v));
	if (!g)
		abort();
	*v = g;
	g[(*n)++] = (struct kv){xstrdup(key), value ? xstrdup(value) : NULL};
	return MHD_YES;
}

static void job_unref(struct job *j)
{
	pthread_mutex_lock(&j->mu);
	bool last = --j->refs == 0;
	pthread_mutex_unlock(&j->mu);
	if (!last)
		return;
	for (size_t i = 0; i < j->nhdr; i++)
		free(j->hdr[i].k), free(j->hdr[i].v);
	for (size_t i = 0; i < j->narg; i++)
		free(j->arg[i].k), free(j->arg[i].v);
	free(j->hdr);
	free(j->arg);
	free(j->method);
	free(j->path);
	if (j->body.s)
		memset(j->body.s, 0, j->body.len);   /* the draft is not kept */
	pc_buf_free(&j->body);
	pc_http_resp_free(&j->r);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	free(j);
}

static void *job_run(void *p)
{
	struct job *j = p;
	struct pc_http_req q = {.method = j->method, .path = j->path, .arg = job_arg, .header = job_header,
				.ctx = j, .body = j->body.s, .len = j->body.len, .stop = &j->stop};
	pc_http_handle(j->s, &q, &j->r);
	pthread_mutex_lock(&j->mu);
	j->done = true;
	bool late = j->late;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	pthread_mutex_lock(&jobs.mu);
	for (struct job **pp = &jobs.running; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	jobs.live--;
	if (late)
		jobs.late--;
	if (j->threaded) {
		if (jobs.nended == jobs.cap_ended) {
			size_t cap = jobs.cap_ended ? 2 * jobs.cap_ended : 16;
			pthread_t *g = realloc(jobs.ended, cap * sizeof(*g));
			if (!g)
				abort();
			jobs.ended = g;
			jobs.cap_ended = cap;
		}
		jobs.ended[jobs.nended++] = pthread_self();
	}
	pthread_cond_broadcast(&jobs.idle);
	pthread_mutex_unlock(&jobs.mu);
	job_unref(j);
	return NULL;
}

/* join the workers that have ended (each is at most a return away) */
static void jobs_reap(void)
{
	pthread_mutex_lock(&jobs.mu);
	pthread_t *t = jobs.ended;
	size_t n = jobs.nended;
	jobs.ended = NULL;
	jobs.nended = jobs.cap_ended = 0;
	pthread_mutex_unlock(&jobs.mu);
	for (size_t i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	free(t);
}

/* the whole request in hand (body moved out of c): its answer in r, within
 * the time limit or a 503 */
static void handle_timed(struct pc_server *s, struct MHD_Connection *mc, const char *method, const char *url,
			 struct pc_buf *body, struct pc_http_resp *r)
{
	char msg[512];
	pthread_mutex_lock(&jobs.mu);
	bool busy = jobs.late >= jobs.max_late;
	pthread_mutex_unlock(&jobs.mu);
	jobs_reap();
	if (busy) {
		pc_http_error(r, 503, "前に受け付けた下書きの点検がまだ終わらず混み合っています。しばらくしてからもう一度送ってください");
		return;
	}
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		abort();
	pthread_mutex_init(&j->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->cv, &ca);
	pthread_condattr_destroy(&ca);
	j->refs = 2;
	j->s = s;
	j->method = xstrdup(method);
	j->path = xstrdup(url);
	MHD_get_connection_values(mc, MHD_HEADER_KIND, keep_kv, j);
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, keep_kv, j);
	j->body = *body;
	*body = (struct pc_buf){0};
	pthread_mutex_lock(&jobs.mu);
	j->next = jobs.running;
	jobs.running = j;
	jobs.live++;
	pthread_mutex_unlock(&jobs.mu);
	pthread_t t;
	pthread_attr_t ta;
	pthread_attr_init(&ta);
	pthread_attr_setstacksize(&ta, 8u << 20);   /* as a main thread's: the checker recurses a little */
	j->threaded = true;
	int e = pthread_create(&t, &ta, job_run, j);
	pthread_attr_destroy(&ta);
	if (e != 0) {
		j->threaded = false;
		job_run(j);   /* no thread to be had: do it here, without the clock */
		*r = j->r;
		j->r = (struct pc_http_resp){0};
		job_unref(j);
		return;
	}
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += jobs.time_limit;
	pthread_mutex_lock(&j->mu);
	while (!j->done && pthread_cond_timedwait(&j->cv, &j->mu, &until) != ETIMEDOUT)
		;
	bool done = j->done;
	if (done) {
		*r = j->r;
		j->r = (struct pc_http_resp){0};
	} else {
		j->late = true;
		atomic_store(&j->stop, 1);
	}
	pthread_mutex_unlock(&j->mu);
	if (!done) {
		pthread_mutex_lock(&jobs.mu);
		jobs.late++;
		pthread_mutex_unlock(&jobs.mu);
		snprintf(msg, sizeof(msg),
			 "点検が %u 秒の制限時間内に終わらなかったため打ち切りました。下書きが大きすぎるか、"
			 "点検に時間のかかる書き方が含まれています（サーバーを起動した人は --time-limit で制限を変えられます）",
			 jobs.time_limit);
		pc_http_error(r, 503, msg);
	}
	job_unref(j);
}

/* at the stop signal: tell the drafts still in work to stop, and wait for
 * them a little; false when some are still running */
static bool jobs_drain(unsigned seconds)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += seconds;
	pthread_mutex_lock(&jobs.mu);
	for (struct job *j = jobs.running; j; j = j->next)
		atomic_store(&j->stop, 1);
	while (jobs.live && pthread_cond_timedwait(&jobs.idle, &jobs.mu, &until) != ETIMEDOUT)
		;
	bool idle = jobs.live == 0;
	pthread_mutex_unlock(&jobs.mu);
	return idle;
}

static enum MHD_Result send_resp(struct MHD_Connection *mc, struct pc_http_resp *r)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(r->len, r->body ? r->body : (void *)"", MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		pc_http_resp_free(r);
		return MHD_NO;
	}
	r->body = NULL;   /* the response owns it now */
	MHD_add_response_header(resp, "Content-Type", r->type ? r->type : "application/octet-stream");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
				"form-action 'none'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", r->no_store ? "no-store" : "no-cache");
	if (r->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->replaced[0])
		MHD_add_response_header(resp, "X-Plancheck-Replaced", r->replaced);
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	enum MHD_Result ret = MHD_queue_response(mc, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)version;
	struct pc_server *s = cls;
	struct conn *c = *con_cls;
	struct pc_http_req q = {.method = method, .path = url, .arg = arg_of, .header = header_of, .ctx = mc};
	struct pc_http_resp r = {0};
	if (!c) {
		/* the headers are in: refuse now what will be refused anyway,
		 * before reading a byte of the body */
		c = calloc(1, sizeof(*c));
		if (!c)
			return MHD_NO;
		c->start = time(NULL);
		c->is_post = !strcmp(method, "POST");
		*con_cls = c;
		const char *cl = header_of(mc, "Content-Length");
		long long n = -1;
		if (cl) {
			char *end;
			errno = 0;
			n = strtoll(cl, &end, 10);
			if (errno || *end || n < 0)
				n = LLONG_MAX;
		}
		/* a refused POST is answered before its body is read (and the
		 * connection closed); everything else on the next call, once
		 * the request is in, so that the connection can stay open */
		if (c->is_post && pc_http_precheck(s, &q, n, &r))
			return send_resp(mc, &r);
		pc_http_resp_free(&r);
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (time(NULL) - c->start > REQUEST_SECONDS)
			return MHD_NO;   /* dripping a body in: close it */
		size_t max = s->open.max_size ? s->open.max_size : PC_DEFAULT_MAX_SIZE;
		if (!c->over && c->body.len + *upload_data_size <= max)
			pc_buf_add(&c->body, upload_data, *upload_data_size);
		else {
			c->over = true;
			pc_buf_free(&c->body);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (c->over) {
		pc_http_error(&r, 413, "ファイルが大きすぎます（--max-size で上限を変えられます）");
		return send_resp(mc, &r);
	}
	if (c->is_post) {
		/* the draft moves to its job, which wipes it after use */
		handle_timed(s, mc, method, url, &c->body, &r);
		return send_resp(mc, &r);
	}
	q.body = c->body.s;
	q.len = c->body.len;
	pc_http_handle(s, &q, &r);
	pc_buf_free(&c->body);
	return send_resp(mc, &r);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	struct conn *c = *con_cls;
	if (c) {
		if (c->body.s)
			memset(c->body.s, 0, c->body.len);
		pc_buf_free(&c->body);
		free(c);
		*con_cls = NULL;
	}
}

/* ---- start-up ------------------------------------------------------------- */

static const struct {
	const char *file, *path, *type;
} page_files[] = {
	{"index.html", "/", "text/html; charset=utf-8"},
	{"app.js", "/app.js", "text/javascript; charset=utf-8"},
	{"style.css", "/style.css", "text/css; charset=utf-8"},
};

static bool load_page(struct pc_server *s, const char *dir)
{
	s->files = calloc(PC_ARRAY_LEN(page_files), sizeof(*s->files));
	if (!s->files)
		abort();
	for (size_t i = 0; i < PC_ARRAY_LEN(page_files); i++) {
		char path[4200];
		snprintf(path, sizeof(path), "%s/%s", dir, page_files[i].file);
		FILE *f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "plancheck serve: ページのファイル %s を読めません: %s\n", path, strerror(errno));
			return false;
		}
		struct pc_buf b = {0};
		char chunk[8192];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			pc_buf_add(&b, chunk, n);
		fclose(f);
		s->files[s->nfiles++] = (struct pc_http_file){page_files[i].path, page_files[i].type, b.s, b.len};
	}
	return true;
}

/* "127.0.0.1:8722", "[::1]:8722", "0.0.0.0:80", "desk.example.lan:8722",
 * or a port alone */
static bool split_listen(const char *spec, char *host, size_t hl, char *port, size_t pl)
{
	const char *colon;
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= hl)
			return false;
		snprintf(host, hl, "%.*s", (int)(close - spec - 1), spec + 1);
		colon = close + 1;
	} else if ((colon = strrchr(spec, ':'))) {
		if ((size_t)(colon - spec) >= hl || strchr(spec, ':') != colon)
			return false;
		snprintf(host, hl, "%.*s", (int)(colon - spec), spec);
	} else {
		snprintf(host, hl, "127.0.0.1");
		colon = spec - 1;
	}
	const char *p = colon + 1;
	if (!*p || strlen(p) >= pl || strspn(p, "0123456789") != strlen(p) || atol(p) > 65535)
		return false;
	snprintf(port, pl, "%s", p);
	return *host != '\0';
}

static bool is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}

static bool is_wildcard(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ((const struct sockaddr_in *)sa)->sin_addr.s_addr == htonl(INADDR_ANY);
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}

static void serve_usage(void)
{
	printf("使い方: plancheck serve [--listen ADDR:PORT] [--open] [--token T] [--max-size N] [--time-limit N]\n\n"
	       "事業計画書を点検する Web ページを開きます（既定 http://%s/）。\n"
	       "下書きの .docx・.md・.txt を落とすと、指摘・表紙の数字・指摘入りの PDF が見られます。\n"
	       "下書きはその要求の間だけ扱い、保存しません。\n\n"
	       "  --listen ADDR:PORT   待ち受けるアドレス（既定 %s）。自分の PC の外から\n"
	       "                       使わせるときは --token が必要です\n"
	       "  --open               起動したらブラウザーでページを開く\n"
	       "  --token T            API とページに合言葉を求める（環境変数 PLANCHECK_TOKEN でも可）\n"
	       "  --max-size N         受け付ける下書きの上限（既定 16M）\n"
	       "  --max-connections N  同時接続の上限（既定 256）。この PC の外から届くアドレスでは、\n"
	       "                       1 つの相手からはその 8 分の 1（8 以上）まで\n"
	       "  --time-limit N       1 件の下書きの点検にかけてよい秒数（既定 %d）。超えたら 503 で答えます\n"
	       "  --rules DIR          規則のディレクトリ\n"
	       "  --config FILE        設定ファイル（既定: 起動したフォルダーから上へ探す .plancheck.yml）\n"
	       "  --no-config          設定ファイルを使わない\n"
	       "  --dict FILE          利用者の辞書（くり返し指定できます）\n\n"
	       "API: POST /api/check?name=FILE（本文は下書きのバイト列。check --format json と同じ答え）、\n"
	       "     /api/report（PDF）、/api/fix（直した下書き）、/api/import（.md に変換）、/api/view（ページ用）、\n"
	       "     GET /api/rules、/api/templates、/api/template?program=&topup=&round=&frame=\n",
	       DEFAULT_LISTEN, DEFAULT_LISTEN, TIME_LIMIT);
}

int cmd_serve(int argc, char **argv)
{
	static const char *const flags[] = {"--open", NULL};
	static const char *const values[] = {"--listen", "--token", "--max-connections", "--time-limit", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "serve", argc, argv, flags, values);
	if (rc)
		return rc;
	if (c.help) {
		serve_usage();
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs) {
		pc_cli_free(&c);
		return pc_usage_error("serve", "serve はファイルを取りません: %s", argv[0]);
	}
	const char *listen_spec = c.values[0] ? c.values[0] : DEFAULT_LISTEN;
	const char *token = c.values[1] ? c.values[1] : getenv("PLANCHECK_TOKEN");
	if (token && !*token)
		token = NULL;
	unsigned maxconn = 256;
	if (c.values[2]) {
		char *end;
		long v = strtol(c.values[2], &end, 10);
		if (*end || v < 1 || v > 10000) {
			pc_cli_free(&c);
			return pc_usage_error("serve", "--max-connections は 1 から 10000 の整数です: %s", c.values[2]);
		}
		maxconn = (unsigned)v;
	}
	jobs.time_limit = TIME_LIMIT;
	if (c.values[3]) {
		char *end;
		long v = strtol(c.values[3], &end, 10);
		if (*end || v < 1 || v > 3600) {
			pc_cli_free(&c);
			return pc_usage_error("serve", "--time-limit は 1 から 3600 の秒数です: %s", c.values[3]);
		}
		jobs.time_limit = (unsigned)v;
	}
	char host[256], port[16];
	if (!split_listen(listen_spec, host, sizeof(host), port, sizeof(port))) {
		pc_cli_free(&c);
		return pc_usage_error("serve", "--listen は ADDR:PORT の形で指定してください（例: 127.0.0.1:8722）: %s",
				      listen_spec);
	}
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_NUMERICSERV | AI_PASSIVE}, *ai = NULL;
	int gai = getaddrinfo(host, port, &hints, &ai);
	if (gai != 0) {
		fprintf(stderr, "plancheck serve: %s の場所がわかりません: %s\n", host, gai_strerror(gai));
		pc_cli_free(&c);
		return 2;
	}
	bool loop = is_loopback(ai->ai_addr), wild = is_wildcard(ai->ai_addr);
	if (!loop && !token) {
		fprintf(stderr, "plancheck serve: %s はこの PC の外から届くアドレスです。ほかの人の下書きを守るため、"
				"--token（合言葉）を付けて起動してください（例: --token \"$(openssl rand -hex 16)\"）\n",
			listen_spec);
		freeaddrinfo(ai);
		pc_cli_free(&c);
		return 2;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
		fprintf(stderr, "plancheck serve: %s で待ち受けられません: %s%s\n", listen_spec, strerror(errno),
			errno == EADDRINUSE ? "（別の plancheck serve が動いていませんか。--listen で別のポートを指定できます）"
					    : "");
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		pc_cli_free(&c);
		return 2;
	}
	freeaddrinfo(ai);
	struct sockaddr_storage bound;
	socklen_t bl = sizeof(bound);
	getsockname(fd, (struct sockaddr *)&bound, &bl);
	unsigned bport = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
							   : ((struct sockaddr_in *)&bound)->sin_port);

	/* the names a browser may use for this server: anything else in Host
	 * is a page of another site that had its name pointed here */
	char hostbuf[4][300];
	const char *hosts[4];
	size_t nhosts = 0;
	bool v6 = bound.ss_family == AF_INET6;
	if (loop) {
		snprintf(hostbuf[nhosts], sizeof(hostbuf[0]), v6 ? "[::1]:%u" : "127.0.0.1:%u", bport);
		hosts[nhosts] = hostbuf[nhosts], nhosts++;
		snprintf(hostbuf[nhosts], sizeof(hostbuf[0]), "localhost:%u", bport);
		hosts[nhosts] = hostbuf[nhosts], nhosts++;
	}
	if (!wild && strcmp(host, "localhost") && strcmp(host, "127.0.0.1") && strcmp(host, "::1")) {
		snprintf(hostbuf[nhosts], sizeof(hostbuf[0]), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, bport);
		hosts[nhosts] = hostbuf[nhosts], nhosts++;
	}

	/* uploads have no folder of their own: the configuration is the one
	 * a draft in the folder serve starts in would get (or --config) */
	char *found = !c.no_config && !c.config ? pc_config_find("./draft.md") : NULL;
	struct pc_ruleset *rs = pc_cli_rules_for(&c, "./draft.md");
	if (rs && (found || (c.config && !c.no_config)))
		printf("plancheck serve: 設定 %s を使います\n", found ? found : c.config);
	free(found);
	if (!rs) {
		close(fd);
		pc_cli_free(&c);
		return 2;
	}
	struct pc_server s = {.rs = rs, .open = c.open, .token = token, .hosts = hosts, .nhosts = wild ? 0 : nhosts};
	char webdir[4096];
	snprintf(webdir, sizeof(webdir), "%s/web", pc_data_dir());
	int status = 2;
	if (!load_page(&s, webdir))
		goto out;

	/* the pool threads inherit this mask: only the main thread takes the
	 * stop signals, at sigwait below */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned pool = ncpu < 2 ? 2 : ncpu > 16 ? 16 : (unsigned)ncpu;
	jobs.max_late = pool;
	/* reachable from other machines: one of them holding connections
	 * open, a header line every few seconds (slowloris), took every
	 * slot and nobody else was answered; one address gets an eighth of
	 * them.  On loopback every client is this PC's (0: no limit) */
	unsigned per_ip = loop ? 0 : maxconn / 8 > 8 ? maxconn / 8 : 8;
	struct MHD_Daemon *daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &s,
		MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE, pool, MHD_OPTION_CONNECTION_LIMIT, maxconn,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!daemon) {
		fprintf(stderr, "plancheck serve: HTTP サーバーを始められませんでした\n");
		goto out;
	}
	fd = -1;   /* the daemon closes it */
	char url[400];
	const char *shown = loop ? (v6 ? "[::1]" : "127.0.0.1") : wild ? "このPCのアドレス" : hosts[nhosts - 1];
	if (!loop && !wild)
		snprintf(url, sizeof(url), "http://%s/", hosts[nhosts - 1]);
	else
		snprintf(url, sizeof(url), "http://%s:%u/", shown, bport);
	printf("plancheck serve: %s で待っています（止めるには Ctrl+C）\n", url);
	if (token)
		printf("plancheck serve: 合言葉（--token）が必要です。ページで一度入力するか、API では X-Plancheck-Token ヘッダーで送ってください\n");
	fflush(stdout);
	if (c.flags & 1) {
		/* the desktop's browser; its exit status is not ours to wait for */
		signal(SIGCHLD, SIG_IGN);
		pid_t pid;
		char prog[] = "xdg-open";
		char *av[] = {prog, url, NULL};
		if (posix_spawnp(&pid, "xdg-open", NULL, NULL, av, environ) != 0)
			fprintf(stderr, "plancheck serve: ブラウザーを開けませんでした。%s を開いてください\n", url);
	}
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "plancheck serve: 終了します\n");
	jobs_drain(0);   /* drafts in work stop at their next rule */
	MHD_stop_daemon(daemon);
	status = 0;
	bool drained = jobs_drain(10);
	if (drained)
		jobs_reap();
	if (!drained) {
		/* a draft stuck inside one rule: its answer went out long ago,
		 * and the rules it reads must not be freed under it */
		fprintf(stderr, "plancheck serve: 終わらない点検を残して終了します\n");
		fflush(NULL);
		_exit(0);
	}
out:
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < s.nfiles; i++)
		free(s.files[i].data);
	free(s.files);
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
