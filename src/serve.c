/*
 * serve.c - `plancheck serve`: the checker as a local web page and an
 * HTTP API, on libmicrohttpd (the only file that includes microhttpd.h).
 * One process: the rule packs and dictionaries are loaded once and shared
 * by a pool of threads (the library is thread-safe the way `review` uses
 * it: per-thread PCRE2 match data, the speller behind its mutex, one arena
 * per draft).  It listens on loopback unless told otherwise, and then
 * only with a token; a request is decided by serve_api.c, this file only
 * gathers it (headers, query, the body up to the limit) and sends the
 * answer with the security headers every response carries.  Nothing of a
 * draft touches the disk.  SIGINT and SIGTERM stop it: requests in hand
 * finish, exit 0.
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
	q.body = c->body.s;
	q.len = c->body.len;
	pc_http_handle(s, &q, &r);
	/* the draft is not kept past its answer */
	if (c->body.s)
		memset(c->body.s, 0, c->body.len);
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
	printf("使い方: plancheck serve [--listen ADDR:PORT] [--open] [--token T] [--max-size N]\n\n"
	       "事業計画書を点検する Web ページを開きます（既定 http://%s/）。\n"
	       "下書きの .docx・.md・.txt を落とすと、指摘・表紙の数字・指摘入りの PDF が見られます。\n"
	       "下書きはその要求の間だけ扱い、保存しません。\n\n"
	       "  --listen ADDR:PORT   待ち受けるアドレス（既定 %s）。自分の PC の外から\n"
	       "                       使わせるときは --token が必要です\n"
	       "  --open               起動したらブラウザーでページを開く\n"
	       "  --token T            API とページに合言葉を求める（環境変数 PLANCHECK_TOKEN でも可）\n"
	       "  --max-size N         受け付ける下書きの上限（既定 16M）\n"
	       "  --max-connections N  同時接続の上限（既定 256）\n"
	       "  --rules DIR          規則のディレクトリ\n"
	       "  --config FILE        設定ファイル（既定: 起動したフォルダーから上へ探す .plancheck.yml）\n"
	       "  --no-config          設定ファイルを使わない\n"
	       "  --dict FILE          利用者の辞書（くり返し指定できます）\n\n"
	       "API: POST /api/check?name=FILE（本文は下書きのバイト列。check --format json と同じ答え）、\n"
	       "     /api/report（PDF）、/api/fix（直した下書き）、/api/view（ページ用）、\n"
	       "     GET /api/rules、/api/templates、/api/template?program=&topup=&round=&frame=\n",
	       DEFAULT_LISTEN, DEFAULT_LISTEN);
}

int cmd_serve(int argc, char **argv)
{
	static const char *const flags[] = {"--open", NULL};
	static const char *const values[] = {"--listen", "--token", "--max-connections", NULL};
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
	struct MHD_Daemon *daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &s,
		MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE, pool, MHD_OPTION_CONNECTION_LIMIT, maxconn,
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
	MHD_stop_daemon(daemon);
	status = 0;
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
