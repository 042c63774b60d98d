/*
 * reader_text.c - the text reader: a draft saved as plain text in any of
 * the encodings Japanese editors write (UTF-8 with or without a BOM,
 * UTF-16 LE/BE with or without a BOM, Shift_JIS/CP932, EUC-JP,
 * ISO-2022-JP), decoded with iconv into the UTF-8 text every other module
 * reads.  Undecodable bytes become '?' and one finding per run, NULs become
 * spaces, lone CRs become LFs byte for byte.  Line and column are counted
 * in characters, so they are the same in the original and the decoded
 * text: no position map is needed here (NFC, in nfc.c, keeps its own).
 */
#include "internal.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

const char *pc_encoding_name(enum pc_encoding e)
{
	switch (e) {
	case PC_ENC_UTF8_BOM:
		return "utf-8-bom";
	case PC_ENC_CP932:
		return "cp932";
	case PC_ENC_UTF16LE:
		return "utf-16le";
	case PC_ENC_UTF16BE:
		return "utf-16be";
	case PC_ENC_EUCJP:
		return "euc-jp";
	case PC_ENC_ISO2022JP:
		return "iso-2022-jp";
	default:
		return "utf-8";
	}
}

const char *pc_encoding_iconv(enum pc_encoding e)
{
	switch (e) {
	case PC_ENC_CP932:
		return "CP932";
	case PC_ENC_UTF16LE:
		return "UTF-16LE";
	case PC_ENC_UTF16BE:
		return "UTF-16BE";
	case PC_ENC_EUCJP:
		return "EUC-JP-MS";
	case PC_ENC_ISO2022JP:
		return "ISO-2022-JP-3";
	default:
		return "UTF-8";
	}
}

/* what a note or an error calls the encoding */
static const char *enc_ja(enum pc_encoding e)
{
	switch (e) {
	case PC_ENC_CP932:
		return "Shift_JIS（CP932）";
	case PC_ENC_UTF16LE:
		return "UTF-16（リトルエンディアン）";
	case PC_ENC_UTF16BE:
		return "UTF-16（ビッグエンディアン）";
	case PC_ENC_EUCJP:
		return "EUC-JP";
	case PC_ENC_ISO2022JP:
		return "ISO-2022-JP（JIS）";
	default:
		return "UTF-8";
	}
}

/* a decoding: UTF-8 text, and where undecodable input was replaced */
struct decoded {
	char *s;
	size_t len;
	size_t *bad;        /* output offsets of '?' replacements */
	unsigned char *badbyte;
	size_t nbad, capbad;
	size_t kana;        /* hiragana and katakana decoded: how Japanese it reads */
};

static void add_bad(struct pc_arena *a, struct decoded *o, size_t at, unsigned char byte)
{
	size_t cap = o->capbad;
	o->bad = pc_grow(a, o->bad, &cap, o->nbad + 1, sizeof(*o->bad));
	o->badbyte = pc_grow(a, o->badbyte, &o->capbad, o->nbad + 1, 1);
	o->bad[o->nbad] = at;
	o->badbyte[o->nbad++] = byte;
}

/* Decode with iconv; an input byte (a code unit for UTF-16) that does not
 * decode becomes '?', and decoding goes on after it.  false only when
 * iconv has no such converter.  max_bad: give up early (a wrong guess). */
static bool decode(struct pc_arena *a, enum pc_encoding e, const char *in, size_t n, size_t max_bad,
		   struct decoded *o)
{
	memset(o, 0, sizeof(*o));
	iconv_t cd = iconv_open("UTF-8", pc_encoding_iconv(e));
	if (cd == (iconv_t)-1)
		return false;
	size_t unit = e == PC_ENC_UTF16LE || e == PC_ENC_UTF16BE ? 2 : 1;
	/* no input unit grows past 3 UTF-8 bytes ('?' is one), and ISO-2022-JP's
	 * escapes shrink */
	size_t cap = n * 3 + 4;
	char *out = pc_arena_alloc(a, cap);
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap - 1;
	while (il > 0) {
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;   /* cannot happen with the bound above */
		/* EILSEQ or EINVAL (a truncated sequence at the end) */
		add_bad(a, o, (size_t)(op - out), (unsigned char)*ip);
		*op++ = '?';
		ol--;
		size_t skip = il < unit ? il : unit;
		ip += skip;
		il -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);   /* back to the initial shift state */
		if (o->nbad > max_bad)
			break;
	}
	iconv(cd, NULL, NULL, &op, &ol);   /* flush a stateful encoding */
	iconv_close(cd);
	*op = '\0';
	o->s = out;
	o->len = (size_t)(op - out);
	for (size_t i = 0; i + 3 <= o->len; i++) {
		/* U+3041-U+30FF are E3 81 81 .. E3 83 BF */
		const unsigned char *p = (const unsigned char *)out + i;
		if (p[0] == 0xE3 && (p[1] == 0x81 || p[1] == 0x82 || p[1] == 0x83)) {
			o->kana++;
			i += 2;
		}
	}
	return true;
}

/* a code unit a Japanese plan holds: ASCII text and line ends, Latin-1,
 * punctuation and symbols, kana, kanji, full-width forms, surrogates */
static bool plausible16(unsigned u)
{
	return u == 0x09 || u == 0x0A || u == 0x0D || (u >= 0x20 && u <= 0x7E) || (u >= 0xA0 && u <= 0xFF) ||
	       (u >= 0x2000 && u <= 0x27FF) || (u >= 0x3000 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x9FFF) ||
	       (u >= 0xD800 && u <= 0xDFFF) || (u >= 0xFF00 && u <= 0xFFEF) || u == 0xFEFF;
}

/* UTF-16 (a BOM, or none): there are NUL bytes (ASCII characters, line
 * ends, U+3000, 一 …), and nine code units in ten read as characters a
 * plan holds in one byte order - far more than in the other */
static int sniff_utf16(const unsigned char *s, size_t n)
{
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		s += 2, n -= 2;
	size_t look = n < 8192 ? n & ~(size_t)1 : 8192;
	if (look < 4 || !memchr(s, 0, look))
		return 0;
	size_t le = 0, be = 0, units = look / 2;
	for (size_t i = 0; i < look; i += 2) {
		le += plausible16(s[i] | (unsigned)s[i + 1] << 8);
		be += plausible16((unsigned)s[i] << 8 | s[i + 1]);
	}
	if (le * 10 >= units * 9 && le > be)
		return 1;
	if (be * 10 >= units * 9 && be > le)
		return 2;
	return 0;
}

/* ISO-2022-JP: 7-bit, with the escapes that switch to JIS X 0208 */
static bool sniff_iso2022jp(const char *s, size_t n)
{
	/* every escape starts with ESC: one memchr finds there is none (every
	 * rule file and almost every draft), where four memmem over the whole
	 * text cost 12 M instructions a check */
	const char *esc = memchr(s, 0x1B, n);
	if (!esc)
		return false;
	size_t rest = n - (size_t)(esc - s);
	if (!memmem(esc, rest, "\x1B$B", 3) && !memmem(esc, rest, "\x1B$@", 3) && !memmem(esc, rest, "\x1B$(Q", 4) &&
	    !memmem(esc, rest, "\x1B$(O", 4))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

bool pc_text_looks_binary(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return false;   /* a UTF-16 BOM */
	if (sniff_utf16(u, n) || sniff_iso2022jp(s, n))
		return false;
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

/* bytes that are neither valid UTF-8 nor any encoding we know: keep the
 * text, each bad byte becomes '?' so that offsets stay those of the file */
static void read_bad_utf8(struct pc_doc *d, const char *s, size_t len)
{
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

/* the '?' a decoding put in, one finding per run of adjacent ones */
static void report_bad(struct pc_doc *d, const struct decoded *o)
{
	for (size_t k = 0; k < o->nbad;) {
		size_t at = o->bad[k], m = k + 1;
		while (m < o->nbad && o->bad[m] == o->bad[m - 1] + 1)
			m++;
		char hex[64] = "";
		size_t hl = 0;
		for (size_t q = k; q < m && q < k + 8; q++)
			hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%s0x%02X", q > k ? " " : "", o->badbyte[q]);
		pc_finding_add(d, "plan.encoding", PC_ERROR, at, o->bad[m - 1] + 1,
			       d->opts.lang_en ? "bytes that do not decode as %s: %s%s"
					       : "%s として読めないバイトがあります（%s%s）",
			       d->opts.lang_en ? pc_encoding_name(d->enc) : enc_ja(d->enc), hex, m - k > 8 ? " …" : "")
			->suggestion = "ファイルを UTF-8 で保存し直してください";
		k = m;
	}
}

static void take(struct pc_doc *d, enum pc_encoding e, const struct decoded *o)
{
	d->enc = e;
	d->text = o->s;
	d->len = o->len;
	report_bad(d, o);
}

/* Characters that look like Shift_JIS decoded as UTF-8 never validate, but
 * a short ASCII-only CP932 file is also valid UTF-8: then it *is* the same
 * text, so calling it UTF-8 is right. */
void pc_read_text(struct pc_doc *d, const char *bytes, size_t n)
{
	const unsigned char *u = (const unsigned char *)bytes;
	struct decoded o;
	d->enc = PC_ENC_UTF8;
	d->bom = 0;

	int u16 = 0;
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		u16 = 1;
		d->bom = 2;
	} else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		u16 = 2;
		d->bom = 2;
	} else if (!(n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)) {
		u16 = sniff_utf16(u, n);
	}
	if (u16) {
		enum pc_encoding e = u16 == 1 ? PC_ENC_UTF16LE : PC_ENC_UTF16BE;
		if (decode(&d->arena, e, bytes + d->bom, n - d->bom, (size_t)-1, &o)) {
			take(d, e, &o);
			return;
		}
	}
	if (sniff_iso2022jp(bytes, n) && decode(&d->arena, PC_ENC_ISO2022JP, bytes, n, (size_t)-1, &o)) {
		take(d, PC_ENC_ISO2022JP, &o);
		return;
	}
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		d->bom = 3;
		d->enc = PC_ENC_UTF8_BOM;
	}
	const char *s = bytes + d->bom;
	size_t len = n - d->bom;
	if (pc_utf8_valid(s, len, NULL)) {
		d->text = pc_arena_strndup(&d->arena, s, len);
		d->len = len;
		return;
	}
	if (d->bom) {
		read_bad_utf8(d, s, len);
		return;
	}
	/* Shift_JIS or EUC-JP: each strictly if it can be; when both decode
	 * (EUC-JP's bytes are also Shift_JIS half-width kana and kanji), the
	 * one that reads as more kana is the file's */
	struct decoded sj, euc;
	bool have_sj = decode(&d->arena, PC_ENC_CP932, s, len, 0, &sj) && sj.nbad == 0;
	bool have_euc = decode(&d->arena, PC_ENC_EUCJP, s, len, 0, &euc) && euc.nbad == 0;
	if (have_sj && (!have_euc || sj.kana >= euc.kana)) {
		take(d, PC_ENC_CP932, &sj);
		return;
	}
	if (have_euc) {
		take(d, PC_ENC_EUCJP, &euc);
		return;
	}
	read_bad_utf8(d, s, len);
}

/* after any reader: NULs, CRs and other control characters */
/* any of eight bytes below 0x20 (a line end among them), DEL or a C1 lead */
static inline bool special8(const char *p)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t x, del, c1;
	memcpy(&x, p, 8);
	del = x ^ (ones * 0x7F);
	c1 = x ^ (ones * 0xC2);
	return (((x - ones * 0x20) & ~x & highs) | ((del - ones) & ~del & highs) | ((c1 - ones) & ~c1 & highs)) != 0;
}

void pc_text_finish(struct pc_doc *d)
{
	/* NULs, CRs and other control characters are rare: skip eight bytes
	 * at a time while none of them is below 0x20, DEL or a C1 lead, and
	 * again after each line end */
	size_t from = 0;
	while (from + 8 <= d->len && !special8(d->text + from))
		from += 8;
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
			while (i + 9 <= d->len && !special8(d->text + i + 1))
				i += 8;
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
}

void pc_text_note(struct pc_doc *d)
{
	if (d->source != PC_SRC_TEXT || d->enc == PC_ENC_UTF8 || d->enc == PC_ENC_UTF8_BOM)
		return;
	if (d->enc == PC_ENC_CP932) {
		pc_finding_add(d, "plan.encoding-cp932", PC_INFO, 0, 0,
			       d->opts.lang_en ? "read as Shift_JIS (CP932) and converted to UTF-8"
					       : "Shift_JIS（CP932）のファイルとして読み込みました")
			->suggestion = "UTF-8 で保存すると他のツールとも共有しやすくなります";
		return;
	}
	pc_finding_add(d, "plan.encoding-other", PC_INFO, 0, 0,
		       d->opts.lang_en ? "read as %s and converted to UTF-8" : "文字コード %s のファイルとして読み込みました",
		       d->opts.lang_en ? pc_encoding_name(d->enc) : enc_ja(d->enc))
		->suggestion = "UTF-8 で保存すると他のツールとも共有しやすくなります";
}
