/*
 * source.c - turning a file's bytes into the UTF-8 text every other module
 * reads: BOM removal, CP932 (Shift_JIS) detection and conversion with iconv,
 * invalid bytes and NULs reported at their line and replaced one-for-one so
 * that no offset moves, binary and oversized files refused with a finding.
 * Also the line map that turns byte offsets into line and character column.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *pc_encoding_name(enum pc_encoding e)
{
	switch (e) {
	case PC_ENC_UTF8_BOM:
		return "utf-8-bom";
	case PC_ENC_CP932:
		return "cp932";
	default:
		return "utf-8";
	}
}

/* Line starts.  Built once the text is final: a lone \r (old Mac files;
 * libyaml counts it as a break too) has become \n by then, and a \r\n
 * ends at its \n, so memchr for \n finds every break. */
static void build_lines(struct pc_doc *d)
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

/* CP932 to UTF-8.  NULL when the bytes are not CP932 either. */
static char *from_cp932(struct pc_arena *a, const char *in, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 3 + 1;   /* a CP932 byte never grows past 3 UTF-8 bytes */
	char *out = pc_arena_alloc(a, cap);
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap - 1;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1 || il != 0)
		return NULL;
	*op = '\0';
	*outlen = (size_t)(op - out);
	return out;
}

static bool looks_binary(const char *s, size_t n)
{
	/* the files a folder of drafts also holds: PDF, Word/Excel (zip and
	 * the old OLE format), images */
	static const struct {
		const char *magic;
		size_t len;
	} kinds[] = {{"%PDF-", 5}, {"PK\x03\x04", 4}, {"\xD0\xCF\x11\xE0", 4}, {"\x89PNG", 4},
		     {"\xFF\xD8\xFF", 3}, {"GIF8", 4}};
	for (size_t k = 0; k < PC_ARRAY_LEN(kinds); k++)
		if (n >= kinds[k].len && !memcmp(s, kinds[k].magic, kinds[k].len))
			return true;
	size_t look = n < 8192 ? n : 8192, ctl = 0;
	for (size_t i = 0; i < look; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0C))
			ctl++;
	}
	/* a stray NUL in a text file is a finding; one byte in twenty a
	 * control byte is not text (random bytes have one in nine, which a
	 * one-in-ten threshold missed one time in twenty) */
	return look > 0 && ctl * 20 > look;
}

/* Characters that look like Shift_JIS decoded as UTF-8 never validate, but
 * a short ASCII-only CP932 file is also valid UTF-8: then it *is* the same
 * text, so calling it UTF-8 is right. */
void pc_source_init(struct pc_doc *d, const char *bytes, size_t n)
{
	d->raw = bytes;
	d->raw_len = n;
	d->enc = PC_ENC_UTF8;

	if (looks_binary(bytes, n)) {
		d->text = pc_arena_strdup(&d->arena, "");
		d->len = 0;
		build_lines(d);
		d->unreadable = true;
		pc_finding_add(d, "plan.binary", PC_ERROR, 0, 0,
			       d->opts.lang_en ? "this is a binary file, not a plan written as text"
					       : "テキストの事業計画ではなくバイナリファイルです（PDF・Word・画像などは読めません）");
		return;
	}
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		d->bom = 3;
		d->enc = PC_ENC_UTF8_BOM;
	}
	const char *s = bytes + d->bom;
	size_t len = n - d->bom;
	size_t bad = 0;
	if (pc_utf8_valid(s, len, &bad)) {
		d->text = pc_arena_strndup(&d->arena, s, len);
		d->len = len;
	} else if (d->bom == 0 && (d->text = from_cp932(&d->arena, s, len, &d->len)) != NULL &&
		   pc_utf8_valid(d->text, d->len, NULL)) {
		d->enc = PC_ENC_CP932;
	} else {
		/* neither: keep the text, each bad byte becomes '?' so that
		 * offsets stay those of the file */
		char *t = pc_arena_strndup(&d->arena, s, len);
		d->text = t;
		d->len = len;
		/* a run of bad bytes is one finding; each becomes '?' */
		size_t i = 0;
		while (i < len) {
			if ((unsigned char)t[i] < 0x80) {
				i++;
				continue;
			}
			size_t at = i;
			if (pc_u8(t, len, &i) >= 0)
				continue;
			size_t run = at;
			char hex[64] = "";
			size_t hl = 0, nb = 0;
			for (;;) {
				if (nb < 8)
					hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%s0x%02X", nb ? " " : "",
							       (unsigned char)t[run]);
				nb++;
				t[run] = '?';
				run++;
				size_t k = run;
				if (run >= len || (unsigned char)t[run] < 0x80 || pc_u8(t, len, &k) >= 0)
					break;
			}
			pc_finding_add(d, "plan.encoding", PC_ERROR, at, run,
				       d->opts.lang_en ? "bytes that are neither UTF-8 nor Shift_JIS: %s%s"
						       : "UTF-8 としても Shift_JIS としても読めないバイトがあります（%s%s）",
				       hex, nb > 8 ? " …" : "")->suggestion = "ファイルを UTF-8 で保存し直してください";
			i = run;
		}
	}
	/* NULs, CRs and other control characters are rare: skip eight bytes
	 * at a time while none of them is below 0x20, DEL or a C1 lead */
	size_t from = 0;
	{
		const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
		while (from + 8 <= d->len) {
			uint64_t x, del, c1;
			memcpy(&x, d->text + from, 8);
			del = x ^ (ones * 0x7F);
			c1 = x ^ (ones * 0xC2);
			if (((x - ones * 0x20) & ~x & highs) | ((del - ones) & ~del & highs) |
			    ((c1 - ones) & ~c1 & highs))
				break;
			from += 8;
		}
	}
	for (size_t i = from; i < d->len; i++) {
		unsigned char c = (unsigned char)d->text[i];
		if (c >= 0x20 && c != 0x7F && c != 0xC2)
			continue;
		if (c == '\0') {
			pc_finding_add(d, "plan.encoding", PC_ERROR, i, i + 1,
				       d->opts.lang_en ? "NUL byte in the text"
						       : "NUL 文字（0x00）が含まれています");
			d->text[i] = ' ';
		} else if (c == '\r' && i + 1 < d->len && d->text[i + 1] == '\n') {
			d->crlf = true;
		} else if (c == '\r') {
			/* a lone CR (old Mac files) ends a line: read as LF, byte
			 * for byte, so offsets stay the file's; fix writes it back */
			d->text[i] = '\n';
			d->lone_cr = true;
		} else if (c == '\n' || c == '\t' || c == '\f') {
			continue;
		} else {
			/* ESC and the other C0/C1 controls would reach a terminal
			 * through every message and excerpt: each run is one
			 * warning, its bytes spaces (offsets stay the file's) */
			size_t at = i;
			unsigned first = c;
			for (;;) {
				unsigned char k = (unsigned char)d->text[i];
				if (k == 0xC2 && i + 1 < d->len && (unsigned char)d->text[i + 1] >= 0x80 &&
				    (unsigned char)d->text[i + 1] <= 0x9F) {
					if (i == at)
						first = (unsigned char)d->text[i + 1];
					d->text[i] = d->text[i + 1] = ' ';
					i += 2;
				} else if (k == 0x7F || (k < 0x20 && k != '\n' && k != '\r' && k != '\t' && k != '\f' && k)) {
					d->text[i++] = ' ';
				} else
					break;
			}
			if (i > at)
				pc_finding_add(d, "plan.control-char", PC_WARNING, at, i,
					       d->opts.lang_en ? "control character 0x%02X in the text"
							       : "制御文字（0x%02X）が含まれています。空白として読みます",
					       first)->suggestion = "他のソフトから貼り付けたときに混ざる見えない文字です。消してください";
			i = i > at ? i - 1 : i;
		}
	}
	build_lines(d);
	if (d->enc == PC_ENC_CP932)
		pc_finding_add(d, "plan.encoding-cp932", PC_INFO, 0, 0,
			       d->opts.lang_en ? "read as Shift_JIS (CP932) and converted to UTF-8"
					       : "Shift_JIS（CP932）のファイルとして読み込みました")
			->suggestion = "UTF-8 で保存すると他のツールとも共有しやすくなります";
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

struct pc_doc *pc_doc_from_mem(const char *name, const char *bytes, size_t n,
			       const struct pc_open_opts *o)
{
	struct pc_doc *d = doc_new(name, o);
	char *copy = pc_arena_alloc(&d->arena, n + 1);
	memcpy(copy, bytes, n);
	if (n > d->opts.max_size) {
		d->raw = copy;
		d->raw_len = n;
		d->text = pc_arena_strdup(&d->arena, "");
		build_lines(d);
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

struct pc_doc *pc_doc_open(const char *path, const struct pc_open_opts *o, char **err)
{
	struct stat st;
	char msg[1024];
	/* O_NONBLOCK: opening a FIFO nobody writes to would wait forever */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
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
		close(fd);
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		/* a FIFO, socket or device is not a draft: reading one may
		 * never end (standard input is read with -) */
		snprintf(msg, sizeof(msg), "%s: %sです。事業計画書のファイルを指定してください", shown,
			 S_ISFIFO(st.st_mode) ? "名前付きパイプ（FIFO）" : S_ISSOCK(st.st_mode) ? "ソケット"
			 : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "デバイス" : "通常のファイルではありません");
		close(fd);
		pc_arena_release(&na);
		*err = strdup(msg);
		return NULL;
	}
	pc_arena_release(&na);
	size_t max = o && o->max_size ? o->max_size : PC_DEFAULT_MAX_SIZE;
	if ((uint64_t)st.st_size > max) {
		close(fd);
		/* don't read 50 MB to say it is too big */
		struct pc_doc *d = doc_new(path, o);
		d->text = pc_arena_strdup(&d->arena, "");
		d->raw = d->text;
		build_lines(d);
		d->unreadable = true;
		pc_finding_add(d, "plan.too-large", PC_ERROR, 0, 0,
			       "ファイルが大きすぎます（%lld バイト、上限 %zu バイト）",
			       (long long)st.st_size, max)->suggestion =
			"事業計画書は通常 100KB 未満です。別のファイルを指定していないか確認してください（上限は --max-size で変更できます）";
		return d;
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
	close(fd);
	struct pc_doc *d = pc_doc_from_mem(path, b.s ? b.s : "", b.len, o);
	pc_buf_free(&b);
	return d;
}

void pc_doc_free(struct pc_doc *d)
{
	if (!d)
		return;
	pc_arena_release(&d->arena);
	free(d);
}
