/*
 * nfc.c - Unicode normalisation (NFC) of a draft's text with ICU, and the
 * map back to the text as written.  Kana copied from macOS file names or
 * from a PDF arrive decomposed (か + U+3099 for が): read as they are, every
 * such word is a spelling warning.  A draft is scanned for characters whose
 * NFC quick check is not "yes" (almost never: the common Japanese ranges
 * are skipped by their lead bytes); only the normalisation segments that
 * hold one are normalised, and each one that changed is recorded so that a
 * column is still counted in the characters the writer wrote.
 */
#include "internal.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* might NFC change the text around this code point? */
static bool suspect(int32_t cp)
{
	if (cp < 0x300)
		return false;
	return u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES;
}

/* the first suspect character at or after i, or len */
static size_t scan(const char *t, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)t;
	while (i < len) {
		unsigned c = u[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		/* U+4000-U+9FFF (E4-E9) and U+FF00-U+FFFF (EF BC-BF) are all
		 * NFC-stable; in U+3000-U+3FFF (E3) only the combining voiced
		 * sound marks U+3099 and U+309A (E3 82 99/9A) are not */
		if (c >= 0xE4 && c <= 0xE9 && i + 2 < len) {
			i += 3;
			continue;
		}
		if (c == 0xE3 && i + 2 < len) {
			if (u[i + 1] == 0x82 && (u[i + 2] == 0x99 || u[i + 2] == 0x9A))
				return i;
			i += 3;
			continue;
		}
		if (c == 0xEF && i + 2 < len && u[i + 1] >= 0xBC) {
			i += 3;
			continue;
		}
		size_t at = i;
		int32_t cp = pc_u8(t, len, &i);
		if (cp >= 0 && suspect(cp))
			return at;
	}
	return len;
}

/* NFC of UTF-8 s[0..n) appended to out; false when ICU fails */
static bool normalise(const UNormalizer2 *n2, const char *s, size_t n, struct pc_buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t l16 = 0;
	UChar in16[256], nf16[512];
	u_strFromUTF8(in16, (int32_t)PC_ARRAY_LEN(in16), &l16, s, (int32_t)n, &st);
	if (U_FAILURE(st))
		return false;
	int32_t ln = unorm2_normalize(n2, in16, l16, nf16, (int32_t)PC_ARRAY_LEN(nf16), &st);
	if (U_FAILURE(st))
		return false;
	char u8[1536];
	int32_t l8 = 0;
	u_strToUTF8(u8, (int32_t)sizeof(u8), &l8, nf16, ln, &st);
	if (U_FAILURE(st))
		return false;
	pc_buf_add(out, u8, (size_t)l8);
	return true;
}

void pc_nfc(struct pc_doc *d)
{
	size_t first = scan(d->text, d->len, 0);
	if (first == d->len)
		return;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		return;

	const char *t = d->text;
	struct pc_buf out = {0};
	size_t copied = 0, capseg = 0, changed = 0;
	size_t i = first;
	while (i < d->len) {
		/* the normalisation segment around the suspect: back to the
		 * last boundary (never past a line start), on to the next */
		size_t a = i;
		while (a > copied && t[a - 1] != '\n') {
			int32_t cpa = pc_u8(t, d->len, &(size_t){a});
			if (cpa >= 0 && unorm2_hasBoundaryBefore(n2, cpa))
				break;
			size_t p = a - 1;
			while (p > copied && ((unsigned char)t[p] & 0xC0) == 0x80)
				p--;
			a = p;
		}
		size_t b = i;
		(void)pc_u8(t, d->len, &b);
		while (b < d->len && t[b] != '\n') {
			size_t k = b;
			int32_t cp = pc_u8(t, d->len, &k);
			if (cp < 0 || unorm2_hasBoundaryBefore(n2, cp))
				break;
			b = k;
		}
		pc_buf_add(&out, t + copied, a - copied);
		size_t nstart = out.len;
		/* a segment of hundreds of marks is not text: left as it is */
		bool ok = b - a <= 128 && normalise(n2, t + a, b - a, &out);
		if (!ok) {
			out.len = nstart;
			pc_buf_add(&out, t + a, b - a);
		}
		size_t nlen = out.len - nstart;
		if (ok && (nlen != b - a || memcmp(out.s + nstart, t + a, nlen) != 0)) {
			d->nfc = pc_grow(&d->arena, d->nfc, &capseg, d->nnfc + 1, sizeof(*d->nfc));
			d->nfc[d->nnfc++] = (struct pc_nfc_seg){nstart, nlen, a, b - a};
			changed++;
		}
		copied = b;
		i = scan(t, d->len, b);
	}
	if (!changed) {
		pc_buf_free(&out);
		return;
	}
	pc_buf_add(&out, t + copied, d->len - copied);
	d->orig = d->text;
	d->orig_len = d->len;
	d->text = pc_arena_strndup(&d->arena, out.s, out.len);
	d->len = out.len;
	pc_buf_free(&out);
}

/* the offset in the text as written of an offset in the normalised text */
size_t pc_doc_orig_off(const struct pc_doc *d, size_t off)
{
	if (!d->nnfc)
		return off;
	size_t lo = 0, hi = d->nnfc;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->nfc[mid].nstart <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return off;
	const struct pc_nfc_seg *s = &d->nfc[lo - 1];
	if (off < s->nstart + s->nlen)
		return s->ostart + (off == s->nstart ? 0 : s->olen);   /* inside: its start, or past it */
	return off - (s->nstart + s->nlen) + s->ostart + s->olen;
}

/* A label as the schema compares it (documents.md §3): NFKC, so full-width
 * letters and digits, half-width katakana and the ideographic space read as
 * their plain forms; then no spaces, no note from ※ on, and no bracketed
 * remark - （常勤） and 【必須】 say something about the label, not which one
 * it is.  Labels longer than a table cell holds are cut (512 UTF-16 units). */
static char *fold(struct pc_arena *a, const char *s, size_t n, bool remarks)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
	UChar in16[512], nf16[1024];
	int32_t l16 = 0, ln = 0;
	const char *src = s;
	size_t srclen = n;
	char u8[3072];
	if (!U_FAILURE(st))
		u_strFromUTF8Lenient(in16, (int32_t)PC_ARRAY_LEN(in16), &l16, s, (int32_t)(n < 1000 ? n : 1000), &st);
	if (!U_FAILURE(st) || st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		if (l16 > (int32_t)PC_ARRAY_LEN(in16))
			l16 = (int32_t)PC_ARRAY_LEN(in16);
		ln = unorm2_normalize(n2, in16, l16, nf16, (int32_t)PC_ARRAY_LEN(nf16), &st);
		int32_t l8 = 0;
		if (!U_FAILURE(st))
			u_strToUTF8(u8, (int32_t)sizeof(u8), &l8, nf16, ln, &st);
		if (!U_FAILURE(st)) {
			src = u8;
			srclen = (size_t)l8;
		}
	}
	/* spaces, notes and remarks out; brackets may nest */
	char *out = pc_arena_alloc(a, srclen + 1);
	size_t o = 0, i = 0;
	int depth = 0;
	while (i < srclen) {
		size_t at = i;
		int32_t cp = pc_u8(src, srclen, &i);
		if (cp == 0x203B)   /* ※ */
			break;
		if (cp == '(' || cp == '[' || cp == 0x3010 || cp == 0x3014) {   /* ( [ 【 〔 */
			depth += remarks;
			continue;
		}
		if (cp == ')' || cp == ']' || cp == 0x3011 || cp == 0x3015) {
			if (depth)
				depth--;
			continue;
		}
		if (depth || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000)
			continue;
		memcpy(out + o, src + at, i - at);
		o += i - at;
	}
	out[o] = '\0';
	return out;
}

char *pc_label_fold(struct pc_arena *a, const char *s, size_t n)
{
	return fold(a, s, n, true);
}

/* A name whose bracketed part tells it apart (グリーン成長枠（エントリー）,
 * 成長分野進出枠（GX進出類型）): as pc_label_fold, but only the brackets go */
char *pc_name_fold(struct pc_arena *a, const char *s, size_t n)
{
	return fold(a, s, n, false);
}
