/*
 * review_batch.c - the batch runner of `review`: the drafts the walker
 * found are checked on N threads; each gets OUTDIR/<name>.json and
 * OUTDIR/<name>.pdf and a summary; then the summaries (summary.csv,
 * summary.json, summary.pdf) are written through the reporters from the
 * summaries in path order, so the output is the same whatever -j.  A draft
 * that cannot be read is a row marked 読めない, never a stop.  A progress
 * bar is drawn only on a terminal.  SIGINT lets the drafts in hand finish,
 * writes no summary, and says how far it got.
 */
#include "config.h"
#include "review.h"
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

struct item {
	const char *path;           /* as found: DIR/sub/x.md */
	const char *why;            /* a 読めない row the walker judged (not opened) */
	dev_t dev;                  /* the file the walker saw (0 0: named, not walked) */
	ino_t ino;
	char *name;                 /* output base name: sub_x */
	const struct pc_ruleset *rs;   /* by its .plancheck.yml */
	struct pc_summary *s;
};

struct job {
	struct item *items;
	size_t n;
	atomic_size_t next, done;
	const struct pc_review_opts *o;
	atomic_int failed_writes;
	pthread_mutex_t lock;       /* first_failure */
	char first_failure[512];    /* the first output that could not be written */
	long long rules_mtime;
	atomic_size_t resumed;
	/* the summaries' strings, for the whole run: an arena per thread, not
	 * thousands of small mallocs pinning the heap between the drafts' big
	 * chunks (that fragmentation was most of the memory of a 10,000-draft
	 * run), and no lock */
	struct pc_arena *mem;
};

struct worker_arg {
	struct job *j;
	struct pc_arena *mem;
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* an output not written: said at once, counted, the first kept for the
 * last line */
static void failed(struct job *j, const char *msg)
{
	fprintf(stderr, "\nplancheck review: %s\n", msg);
	atomic_fetch_add(&j->failed_writes, 1);
	pthread_mutex_lock(&j->lock);
	if (!j->first_failure[0])
		snprintf(j->first_failure, sizeof(j->first_failure), "%s", msg);
	pthread_mutex_unlock(&j->lock);
}

/* check one draft and write its outputs; its summary in a */
static struct pc_summary *process(struct job *j, struct pc_arena *a, const struct item *it)
{
	const struct pc_review_opts *o = j->o;
	char *err = NULL;
	if (it->why) {
		struct pc_arena na = {0};
		err = pc_arena_printf(&na, "%s: %s", pc_display_name(&na, it->path), it->why);
		struct pc_summary *s = pc_summary_of(a, NULL, it->path, err);
		pc_arena_release(&na);
		return s;
	}
	struct pc_open_opts oo = o->open;
	oo.rules = it->rs;   /* typed against its program's schema as it is read */
	oo.expect_dev = (unsigned long long)it->dev;
	oo.expect_ino = (unsigned long long)it->ino;
	struct pc_doc *d = pc_doc_open(it->path, &oo, &err);
	if (!d) {
		struct pc_summary *s = pc_summary_of(a, NULL, it->path, err);
		free(err);
		return s;
	}
	pc_check(d, it->rs);
	pc_findings_finish(d);
	pc_doc_tokens_release(d);   /* the rules are done with them */
	struct pc_summary *s = pc_summary_of(a, d, it->path, NULL);

	char path[4096], msg[1024];
	snprintf(path, sizeof(path), "%s/%s.json", o->outdir, it->name);
	struct pc_report_dest to = {.path = path, .durable = 0};
	struct pc_reporter *r = pc_reporter_open("json", &to, NULL, msg, sizeof(msg));
	if (r) {
		pc_reporter_doc(r, d, NULL);
		if (pc_reporter_close(r, msg, sizeof(msg)) != 0)
			r = NULL;
	}
	if (!r)
		failed(j, msg);
	if (o->pdf && !d->unreadable) {
		struct pc_report_opts ro = {.rules = it->rs};
		snprintf(path, sizeof(path), "%s/%s.pdf", o->outdir, it->name);
		/* not synced one by one: the batch syncs once at the end */
		struct pc_report_dest pto = {.path = path, .durable = 0};
		if (pc_report_pdf_to(d, &pto, &ro, NULL, msg, sizeof(msg)) != 0)
			failed(j, msg);
		else
			s->pdf = pc_arena_printf(a, "%s.pdf", it->name);   /* beside the summaries */
	}
	pc_doc_free(d);
	return s;
}

static void *worker(void *arg)
{
	struct worker_arg *wa = arg;
	struct job *j = wa->j;
	for (;;) {
		if (interrupted)
			break;
		size_t i = atomic_fetch_add(&j->next, 1);
		if (i >= j->n)
			break;
		struct item *it = &j->items[i];
		struct pc_summary *s = NULL;
		if (j->o->resume)
			s = pc_store_load(wa->mem, j->o->outdir, it->path, it->name, j->o->pdf, j->rules_mtime);
		if (s)
			atomic_fetch_add(&j->resumed, 1);
		else {
			s = process(j, wa->mem, it);
			s->name = it->name;   /* the store files the row under it */
			pc_store_save(j->o->outdir, s, j->o->pdf);
		}
		s->name = it->name;   /* a loaded row: the name of this run */
		it->s = s;
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

/* one summary file through its reporter; 0 or -1 with msg */
static int summary(const char *format, const char *file, bool durable, const struct job *j, long long date,
		   char *msg, size_t ml)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", j->o->outdir, file);
	struct pc_report_dest to = {.path = path, .durable = durable};
	struct pc_report_opts ro = {.rules = j->o->rs, .date = date};
	struct pc_reporter *r = pc_reporter_open(format, &to, &ro, msg, ml);
	if (!r)
		return -1;
	for (size_t i = 0; i < j->n; i++)
		pc_reporter_doc(r, NULL, j->items[i].s);
	return pc_reporter_close(r, msg, ml);
}

/* One review at a time into a folder: a second one would mix its outputs
 * with the first's.  flock on OUTDIR/.plancheck/lock (released when the
 * process ends, however it ends), which holds the owner's PID for the
 * message.  -1 after saying why. */
/* a draft's output name hashed without ASCII case (see the numbering
 * of names in pc_review_run) */
static size_t name_hash(const char *nm)
{
	char low[256];
	size_t n = 0;
	for (; nm[n] && n < sizeof(low); n++)
		low[n] = nm[n] >= 'A' && nm[n] <= 'Z' ? (char)(nm[n] - 'A' + 'a') : nm[n];
	return pc_fnv1a(low, n, PC_FNV_SEED);
}

static int lock_outdir(const char *outdir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/.plancheck", outdir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/.plancheck/lock", outdir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		fprintf(stderr, "plancheck review: %s を作れません: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		fprintf(stderr, "plancheck review: %s には別の review（PID %s）が書いています。終わるのを待つか、別のフォルダーを -o に指定してください\n",
			outdir, *pid ? pid : "不明");
		close(fd);
		return -1;
	}
	char pid[32];
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0)
		fprintf(stderr, "plancheck review: %s: %s\n", path, strerror(errno));
	return fd;
}

/* what a killed review left: its temporary files (NAME.tmp.XXXXXX, as
 * output.c makes them) in the folder and in .plancheck; safe to remove
 * under the lock */
static size_t remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *t = strstr(e->d_name, ".tmp.");
		if (!t || strlen(t) != 11 || t == e->d_name)
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int pc_review_run(const struct pc_review_opts *o)
{
	int lockfd = lock_outdir(o->outdir);
	if (lockfd < 0)
		return 2;
	{
		char hid[4096];
		snprintf(hid, sizeof(hid), "%s/.plancheck", o->outdir);
		size_t stale = remove_stale(o->outdir) + remove_stale(hid);
		if (stale && !o->quiet)
			fprintf(stderr, "plancheck review: 前回の中断で残った一時ファイルを %zu 個消しました\n", stale);
	}
	struct stat outst;
	size_t nfound, nskipped;
	struct pc_skipped *skipped;
	struct pc_walk_opts wo = {.skip = stat(o->outdir, &outst) == 0 ? &outst : NULL, .follow_links = o->follow_links};
	struct pc_found *found = pc_review_find(o->args, o->nargs, &wo, &nfound, &skipped, &nskipped);
	/* what is not a draft is said, each with its reason, before the run */
	if (!o->quiet) {
		struct pc_arena na = {0};
		for (size_t i = 0; i < nskipped; i++)
			fprintf(stderr, "plancheck review: 対象外: %s（%s）\n", pc_display_name(&na, skipped[i].path),
				skipped[i].why);
		pc_arena_release(&na);
	}
	struct job j = {.n = nfound, .o = o};
	pthread_mutex_init(&j.lock, NULL);
	{
		/* where the row files live; and how new the rules are (a rule
		 * change makes every output stale) */
		char hid[4096];
		snprintf(hid, sizeof(hid), "%s/.plancheck", o->outdir);
		mkdir(hid, 0777);
	}
	j.items = calloc(nfound + 1, sizeof(*j.items));
	if (!j.items)
		abort();
	for (size_t i = 0; i < nfound; i++) {
		j.items[i].path = found[i].path;
		j.items[i].why = found[i].why;
		j.items[i].dev = found[i].dev;
		j.items[i].ino = found[i].ino;
		j.items[i].name = pc_review_out_name(found[i].path, found[i].root);
	}
	/* each draft's rules, by its nearest .plancheck.yml: folders and
	 * configurations are cached, so a batch under one configuration
	 * loads its rules once; a broken one stops the run here, before any
	 * output, as a broken rule pack does */
	bool cfg_ok = true;
	for (size_t i = 0; i < nfound && cfg_ok; i++) {
		j.items[i].rs = o->setup ? pc_setup_rules(o->setup, found[i].path, NULL) : o->rs;
		cfg_ok = j.items[i].rs != NULL;
	}
	/* how new the rules, configurations and dictionaries are (a change
	 * makes every earlier output stale) */
	if (o->setup)
		j.rules_mtime = pc_setup_newest(o->setup);
	else
		for (size_t f = 0; f < o->rs->nfiles; f++) {
			struct stat st;
			if (stat(o->rs->files[f]->path, &st) == 0 && st.st_mtime > j.rules_mtime)
				j.rules_mtime = st.st_mtime;
		}
	/* the same name twice (a/x.md and b_x.md, a.md and a.docx): number
	 * the later ones, through a hash of the names taken (it was a scan
	 * from the start for every rename: quadratic in a big batch).  Names
	 * are compared without ASCII case (x.md and X.MD wrote x.json and
	 * X.json: one file on a Windows share or a Mac), and "summary" is
	 * the summaries' own (summary.md's JSON and PDF were overwritten by
	 * summary.json and summary.pdf) */
	{
		size_t cap = 16;
		while (cap < 2 * nfound + 4)
			cap *= 2;
		const char **slot = calloc(cap, sizeof(*slot));
		if (!slot)
			abort();
		slot[name_hash("summary") & (cap - 1)] = "summary";
		for (size_t i = 0; i < nfound; i++) {
			for (unsigned dup = 1;; dup++) {
				const char *nm = j.items[i].name;
				size_t k = name_hash(nm) & (cap - 1);
				while (slot[k] && strcasecmp(slot[k], nm))
					k = (k + 1) & (cap - 1);
				if (!slot[k]) {
					slot[k] = nm;
					break;
				}
				/* taken: the base name with the next number */
				size_t l = strlen(nm) + 16;
				char *nn = malloc(l);
				if (!nn)
					abort();
				char *base = pc_review_out_name(found[i].path, found[i].root);
				snprintf(nn, l, "%s-%u", base, dup + 1);
				free(base);
				free(j.items[i].name);
				j.items[i].name = nn;
			}
		}
		free(slot);
	}

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nth = o->jobs ? o->jobs : (int)(cores > 0 ? cores : 1);
	if ((size_t)nth > nfound && nfound)
		nth = (int)nfound;
	if (!cfg_ok)
		nth = 0;   /* said why on stderr: nothing is checked */
	struct sigaction sa = {0}, old;
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old);
	pthread_t *th = calloc((size_t)nth + 1, sizeof(*th));
	struct worker_arg *wa = calloc((size_t)nth + 1, sizeof(*wa));
	j.mem = calloc((size_t)nth + 1, sizeof(*j.mem));
	if (!th || !wa || !j.mem)
		abort();
	double t0 = now_s();
	for (int i = 0; i < nth; i++) {
		wa[i] = (struct worker_arg){&j, &j.mem[i]};
		pthread_create(&th[i], NULL, worker, &wa[i]);
	}
	bool tty = isatty(2) && !o->quiet;
	while (tty && nth && atomic_load(&j.done) < j.n && !interrupted) {
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
	free(wa);

	int status = 0;
	size_t done = atomic_load(&j.done);
	if (!cfg_ok)
		status = 2;
	else if (interrupted) {
		fprintf(stderr, "plancheck review: 中断しました。%zu/%zu 件を点検済みです（書き終えたファイルだけが %s にあります。一覧表は作っていません）\n",
			done, j.n, o->outdir);
		status = 130;
	} else {
		char msg[1024];
		/* the summary PDF is dated by its newest input, so two runs over
		 * the same drafts write the same bytes */
		long long date = 0;
		for (size_t i = 0; i < j.n; i++) {
			struct stat st;
			if (stat(j.items[i].path, &st) == 0 && st.st_mtime > date)
				date = st.st_mtime;
		}
		if (summary("csv", "summary.csv", false, &j, date, msg, sizeof(msg)) != 0 ||
		    summary("summary-json", "summary.json", false, &j, date, msg, sizeof(msg)) != 0 ||
		    (o->pdf && summary("summary-pdf", "summary.pdf", true, &j, date, msg, sizeof(msg)) != 0))
			failed(&j, msg);
		/* one sync for the whole batch */
		int dfd = open(o->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			syncfs(dfd);
			close(dfd);
		}
		size_t ok = 0, ng = 0, bad = 0;
		for (size_t i = 0; i < j.n; i++) {
			const struct pc_summary *s = j.items[i].s;
			ok += !s->unreadable && !s->errors;
			ng += !s->unreadable && s->errors;
			bad += s->unreadable;
		}
		if (!o->quiet) {
			fprintf(stderr, "%zu 件: 提出可 %zu、要修正 %zu、読めない %zu", j.n, ok, ng, bad);
			if (nskipped)
				fprintf(stderr, "、対象外 %zu", nskipped);
			fprintf(stderr, "（%s", o->outdir);
			if (o->resume)
				fprintf(stderr, "、前回の結果を %zu 件再利用", atomic_load(&j.resumed));
			fputs("）\n", stderr);
		}
		/* an output that could not be written is the last word */
		int nf = atomic_load(&j.failed_writes);
		if (nf) {
			fprintf(stderr, "plancheck review: 失敗: 出力 %d 件を書けませんでした。最初の原因: %s\n", nf, j.first_failure);
			status = 2;
		} else if (ng || bad)
			status = 1;
	}
	for (size_t i = 0; i < j.n; i++)
		free(j.items[i].name);
	free(j.items);
	for (int i = 0; i < nth; i++)
		pc_arena_release(&j.mem[i]);
	free(j.mem);
	pc_review_found_free(found, nfound, skipped, nskipped);
	pthread_mutex_destroy(&j.lock);
	close(lockfd);
	return status;
}
