/*
 * source.c - a document's life: reading a file or standard input ("-")
 * with a size cap (never blocking on a FIFO), handing the bytes to the
 * readers (reader.c), oversized files refused with a finding, and the line
 * map that turns byte offsets into a line and a character column of the
 * text as written (through the NFC map of nfc.c when normalisation
 * changed the text).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Line starts.  Built once the text is final: a lone \r (old Mac files;
 * libyaml counts it as a break too) has become \n by then, and a \r\n
 * ends at its \n, so memchr for \n finds every break. */
void pc_lines_build(struct pc_doc *d)
{
	size_t n = 1, cap = d->len / 32 + 16;
	d->lines = pc_arena_alloc(&d->arena, cap * sizeof(*d->lines));
	d->lines[0] = 0;
	for (const char *p = d->text, *e = d->text + d->len; (p = memchr(p, '\n', (size_t)(e - p))) != NULL;) {
		p++;
		if (n == cap)
			d->lines = pc_grow(&d->arena, d->lines, &cap, n + 1, sizeof(*d->lines));
		d->lines[n++] = (size_t)(p - d->text);
	}
	d->nlines = n;
}

size_t pc_doc_line_end(const struct pc_doc *d, size_t line)
{
	size_t le = line < d->nlines ? d->lines[line] : d->len;   /* the next line's start */
	size_t ls = d->lines[line - 1];
	if (le > ls && line < d->nlines)
		le--;   /* its \n (a lone \r reads as one) */
	if (le > ls && d->text[le - 1] == '\r')
		le--;
	return le;
}

void pc_doc_linecol(const struct pc_doc *d, size_t off, size_t *line, size_t *col)
{
	if (off > d->len)
		off = d->len;
	size_t lo = 0, hi = d->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	size_t ls = d->lines[lo];
	if (d->nnfc) {
		/* NFC changed the text: count the characters as written (a
		 * line start is never inside a changed segment) */
		size_t ols = pc_doc_orig_off(d, ls), oo = pc_doc_orig_off(d, off);
		*col = pc_utf8_count(d->orig + ols, oo - ols) + 1;
		return;
	}
	if (off - ls < 4096) {
		*col = pc_utf8_count(d->text + ls, off - ls) + 1;
		return;
	}
	/* a long line: characters counted at every 4 KiB, kept for the last
	 * line asked about, so many findings on a 10 MB line stay linear */
	struct pc_doc *m = (struct pc_doc *)d;   /* a cache, not the document */
	if (!m->colcache || m->colcache_line != lo) {
		size_t le = lo + 1 < d->nlines ? d->lines[lo + 1] : d->len;
		size_t n = (le - ls) / 4096 + 1;
		m->colcache = pc_grow(&m->arena, m->colcache, &m->capcolcache, n, sizeof(*m->colcache));
		m->colcache[0] = 0;
		for (size_t k = 1; k < n; k++)
			m->colcache[k] = m->colcache[k - 1] + pc_utf8_count(d->text + ls + (k - 1) * 4096, 4096);
		m->colcache_line = lo;
	}
	size_t k = (off - ls) / 4096;
	*col = m->colcache[k] + pc_utf8_count(d->text + ls + k * 4096, off - ls - k * 4096) + 1;
}

static struct pc_doc *doc_new(const char *name, const struct pc_open_opts *o)
{
	struct pc_doc *d = calloc(1, sizeof(*d));
	if (!d)
		abort();
	if (o)
		d->opts = *o;
	if (!d->opts.max_size)
		d->opts.max_size = PC_DEFAULT_MAX_SIZE;
	if (!d->opts.max_depth)
		d->opts.max_depth = PC_DEFAULT_MAX_DEPTH;
	/* the name every report prints: never raw bytes that are not UTF-8,
	 * never a control character */
	const char *shown = pc_display_name(&d->arena, name);
	d->path = shown == name ? pc_arena_strdup(&d->arena, name) : shown;
	d->unit_yen = 1;
	d->round = -1;
	return d;
}

/* the doc's own bytes (in its arena) read and parsed */
static struct pc_doc *doc_init(struct pc_doc *d, char *copy, size_t n)
{
	if (n > d->opts.max_size) {
		d->raw = copy;
		d->raw_len = n;
		d->text = pc_arena_strdup(&d->arena, "");
		pc_lines_build(d);
		d->unreadable = true;
		pc_finding_add(d, "plan.too-large", PC_ERROR, 0, 0,
			       "ファイルが大きすぎます（%zu バイト、上限 %zu バイト）",
			       n, d->opts.max_size)->suggestion =
			"事業計画書は通常 100KB 未満です。別のファイルを指定していないか確認してください（上限は --max-size で変更できます）";
		return d;
	}
	pc_source_init(d, copy, n);
	if (!d->unreadable && !d->opts.raw)
		pc_plan_parse(d);
	return d;
}

struct pc_doc *pc_doc_from_mem(const char *name, const char *bytes, size_t n,
			       const struct pc_open_opts *o)
{
	struct pc_doc *d = doc_new(name, o);
	char *copy = pc_arena_alloc(&d->arena, n + 1);
	memcpy(copy, bytes, n);
	return doc_init(d, copy, n);
}

struct pc_doc *pc_doc_open(const char *path, const struct pc_open_opts *o, char **err)
{
	struct stat st;
	char msg[1024];
	/* "-" is standard input, read whatever it is and sniffed like a file;
	 * O_NONBLOCK: opening a FIFO nobody writes to would wait forever */
	bool in = !strcmp(path, "-");
	int fd = in ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct pc_arena na = {0};
	const char *shown = pc_display_name(&na, path);

	*err = NULL;
	if (fd < 0) {
		snprintf(msg, sizeof(msg), "%s: ファイルを開けません: %s", shown, strerror(errno));
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		snprintf(msg, sizeof(msg), "%s: %s", shown,
			 S_ISDIR(st.st_mode) ? "ディレクトリです（ファイルを指定してください。フォルダーごと調べるには plancheck review）"
					     : strerror(errno));
		if (!in)
			close(fd);
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	if (!in && o && (o->expect_dev || o->expect_ino) &&
	    ((unsigned long long)st.st_dev != o->expect_dev || (unsigned long long)st.st_ino != o->expect_ino)) {
		snprintf(msg, sizeof(msg), "%s: 点検の途中で別のファイルに置き換えられたため読みません（もう一度点検してください）", shown);
		close(fd);
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	if (!in && !S_ISREG(st.st_mode)) {
		/* a FIFO, socket or device is not a draft: reading one may
		 * never end (standard input is read with -) */
		snprintf(msg, sizeof(msg), "%s: %sです。%sを指定してください", shown,
			 S_ISFIFO(st.st_mode) ? "名前付きパイプ（FIFO）" : S_ISSOCK(st.st_mode) ? "ソケット"
			 : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "デバイス" : "通常のファイルではありません",
			 o && o->raw ? "通常のファイル" : "事業計画書のファイル");
		close(fd);
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	pc_arena_release(&na);
	size_t max = o && o->max_size ? o->max_size : PC_DEFAULT_MAX_SIZE;
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
		if (!in)
			close(fd);
		/* don't read 50 MB to say it is too big */
		struct pc_doc *d = doc_new(path, o);
		d->text = pc_arena_strdup(&d->arena, "");
		d->raw = d->text;
		pc_lines_build(d);
		d->unreadable = true;
		pc_finding_add(d, "plan.too-large", PC_ERROR, 0, 0,
			       "ファイルが大きすぎます（%lld バイト、上限 %zu バイト）",
			       (long long)st.st_size, max)->suggestion =
			"事業計画書は通常 100KB 未満です。別のファイルを指定していないか確認してください（上限は --max-size で変更できます）";
		return d;
	}
	if (!in && S_ISREG(st.st_mode)) {
		/* a file's size is known: read it straight into the doc's
		 * arena, no buffer growing by doubling and no second copy (for
		 * a 16 MB plan those were 48 MB more at the peak) */
		struct pc_doc *d = doc_new(path, o);
		size_t want = (size_t)st.st_size, got = 0;
		char *raw = pc_arena_alloc(&d->arena, want + 1);
		while (got < want) {
			ssize_t r = read(fd, raw + got, want - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				snprintf(msg, sizeof(msg), "%s: 読み込めません: %s", pc_display_name(&na, path),
					 strerror(errno));
				pc_arena_release(&na);
				close(fd);
				pc_doc_free(d);
				*err = strdup(msg);
				return NULL;
			}
			if (r == 0)
				break;   /* shorter than it was: what is there */
			got += (size_t)r;
		}
		close(fd);
		pc_arena_release(&na);
		return doc_init(d, raw, got);
	}
	struct pc_buf b = {0};
	char chunk[65536];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(msg, sizeof(msg), "%s: 読み込めません: %s", pc_display_name(&na, path), strerror(errno));
			pc_arena_release(&na);
			if (!in)
				close(fd);
			pc_buf_free(&b);
			*err = strdup(msg);
			return NULL;
		}
		if (r == 0)
			break;
		pc_buf_add(&b, chunk, (size_t)r);
		if (b.len > max)
			break;   /* a pipe or device that keeps going */
	}
	if (!in)
		close(fd);
	struct pc_doc *d = pc_doc_from_mem(path, b.s ? b.s : "", b.len, o);
	pc_buf_free(&b);
	return d;
}

void pc_doc_free(struct pc_doc *d)
{
	if (!d)
		return;
	free(d->tokens.v);   /* mecab.c: malloc'd, not in the arena, to be grown without copies left behind */
	pc_arena_release(&d->arena);
	free(d);
}
