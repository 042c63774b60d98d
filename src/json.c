/*
 * json.c - the smallest JSON string writer that is correct: escapes quotes,
 * backslashes and control characters, passes UTF-8 through unchanged (the
 * input is validated before it gets here).
 */
#include "internal.h"

#include <string.h>

void pc_json_strn(FILE *out, const char *s, size_t n)
{
	putc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20)
				fprintf(out, "\\u%04x", c);
			else
				putc(c, out);
		}
	}
	putc('"', out);
}

void pc_json_str(FILE *out, const char *s)
{
	if (!s)
		fputs("null", out);
	else
		pc_json_strn(out, s, strlen(s));
}
