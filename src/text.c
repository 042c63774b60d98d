/*
 * text.c - UTF-8 decoding, display widths and the small normalisations
 * plancheck applies before reading numbers and headings (full-width ASCII
 * to ASCII), stripping control characters from what rule packs say, and
 * file names made safe to print.  Everything here works on byte spans;
 * what allocates copies into the caller's arena.
 */
#include "internal.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

int32_t pc_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	unsigned c = p[0];
	int32_t cp;
	size_t n;

	if (c < 0x80) {
		*i += 1;
		return (int32_t)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		*i += 1;
		return -1;
	}
	if (left < n) {
		*i += 1;
		return -1;
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*i += 1;
			return -1;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i += 1;
		return -1;
	}
	*i += n;
	return cp;
}

size_t pc_utf8_put(char *out, int32_t cp)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool pc_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		/* ASCII fast path: most of a plan's bytes are in multi-byte
		 * characters, but front matter and markup are ASCII */
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t at = i;
		if (pc_u8(s, n, &i) < 0) {
			if (bad)
				*bad = at;
			return false;
		}
	}
	return true;
}

uint64_t pc_fnv1a(const char *s, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

uint64_t pc_hash64(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 29);
}

size_t pc_utf8_count(const char *s, size_t n)
{
	/* eight bytes at a time: a continuation byte is 10xxxxxx, so its top
	 * bit is set and the next one (shifted up into the top) is clear */
	const uint64_t hi = 0x8080808080808080ull;
	size_t cont = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t x = (w & ~(w << 1) & hi) >> 7;   /* 1 in each such byte */
		cont += (size_t)((x * 0x0101010101010101ull) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}

int pc_cp_width(int32_t cp)
{
	/* East Asian Wide and Fullwidth ranges that occur in plans; a
	 * terminal draws these two columns wide, so carets must too */
	if (cp < 0x1100)
		return 1;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	if (cp >= 0x2460 && cp <= 0x24FF)   /* ①: ambiguous, wide in ja locales */
		return 2;
	return 1;
}

char *pc_text_fold(struct pc_arena *a, const char *s, size_t n, size_t *outlen)
{
	return pc_text_fold_into(pc_arena_alloc(a, n + 1), s, n, outlen);
}

char *pc_text_fold_into(char *out, const char *s, size_t n, size_t *outlen)
{
	size_t o = 0, i = 0;
	while (i < n) {
		size_t at = i;
		int32_t cp = pc_u8(s, n, &i);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			out[o++] = (char)(cp - 0xFF01 + 0x21);
		else if (cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
			 cp == 0x205F)
			out[o++] = ' ';   /* the ideographic, no-break and typographic spaces */
		else if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0x00AD)
			;   /* invisible: a BOM, zero-width spaces, a soft hyphen pasted in a number */
		else {
			memcpy(out + o, s + at, i - at);
			o += i - at;
		}
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

void pc_utf8_trim(char *s)
{
	/* drop a last character that vsnprintf cut in the middle */
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xC0) {
		size_t k = i - 1;
		if (pc_utf8_next(s, n, &k) < 0)
			s[i - 1] = '\0';
	}
}

/* C0 and C1 controls, DEL, bidirectional overrides and isolates, line and
 * paragraph separators, the BOM: what can move a terminal's cursor, colour
 * it, or reorder what a reader sees */
static bool is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0xFEFF || cp == 0x061C;
}

char *pc_strip_controls(struct pc_arena *a, const char *s, size_t n, bool one_line)
{
	char *out = pc_arena_alloc(a, n + 1);
	size_t o = 0, i = 0;
	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			out[o++] = s[i++];   /* printable ASCII: much of a rule's message */
			continue;
		}
		size_t at = i;
		int32_t cp = pc_u8(s, n, &i);
		if (cp < 0) {
			continue;   /* not UTF-8: dropped */
		} else if (cp == '\n' || cp == '\t' || cp == 0x2028 || cp == 0x2029) {
			if (!one_line && (cp == '\n' || cp == '\t'))
				out[o++] = (char)cp;
			else if (o && out[o - 1] != ' ')
				out[o++] = ' ';
		} else if (!is_control(cp)) {
			memcpy(out + o, s + at, i - at);
			o += i - at;
		}
	}
	out[o] = '\0';
	return out;
}

const char *pc_display_name(struct pc_arena *a, const char *s)
{
	size_t n = strlen(s), i = 0;
	bool clean = true;
	while (i < n && clean) {
		int32_t cp = pc_u8(s, n, &i);
		clean = cp >= 0 && !is_control(cp);
	}
	if (clean)
		return s;
	/* a name from a Windows zip is CP932: shown as what it says */
	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd != (iconv_t)-1) {
		size_t cap = n * 3 + 1, il = n, ol = cap - 1;
		char *out = pc_arena_alloc(a, cap), *ip = (char *)s, *op = out;
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		iconv_close(cd);
		if (r != (size_t)-1 && il == 0) {
			*op = '\0';
			size_t k = 0, m = (size_t)(op - out);
			bool ok = true;
			while (k < m && ok) {
				int32_t cp = pc_u8(out, m, &k);
				ok = cp >= 0 && !is_control(cp);
			}
			if (ok)
				return out;
		}
	}
	/* else every byte that is not UTF-8, and every control character, as
	 * an escape a reader can type back: \x93, \x1B, \u202E */
	struct pc_buf b = {0};
	i = 0;
	while (i < n) {
		size_t at = i;
		int32_t cp = pc_u8(s, n, &i);
		if (cp < 0)
			pc_buf_printf(&b, "\\x%02X", (unsigned char)s[at]);
		else if (is_control(cp))
			pc_buf_printf(&b, cp < 0x100 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
		else if (cp == '\\')
			pc_buf_puts(&b, "\\\\");
		else
			pc_buf_add(&b, s + at, i - at);
	}
	char *r = pc_arena_strndup(a, b.s ? b.s : "", b.len);
	pc_buf_free(&b);
	return r;
}

const char *pc_quote_short(struct pc_arena *a, const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, chars = 0;
	while (i < n && chars < max) {
		pc_u8(s, n, &i);
		chars++;
	}
	if (i >= n)
		return s;
	return pc_arena_printf(a, "%.*s…", (int)i, s);
}

size_t pc_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	/* the distance is at least the difference in length: a did-you-mean
	 * wants small distances, and a 1 MB key must not cost 1 MB times
	 * every candidate */
	if (la > lb + 32 || lb > la + 32)
		return la > lb ? la - lb : lb - la;
	size_t *row = calloc(lb + 1, sizeof(*row));
	if (!row)
		abort();
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}
