/*
 * floor.c - the floor for `make bench`: the least any checker must do per
 * draft - read the file, find the front matter and run it through
 * libyaml's event parser - and nothing else.  plancheck's speed is
 * reported as a ratio to this.
 *
 *   floor FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	size_t events = 0;
	char *buf = NULL;
	size_t cap = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f)
			continue;
		size_t n = 0, r;
		for (;;) {
			if (n + 65536 > cap) {
				cap = (n + 65536) * 2;
				buf = realloc(buf, cap);
				if (!buf)
					abort();
			}
			r = fread(buf + n, 1, 65536, f);
			if (!r)
				break;
			n += r;
		}
		fclose(f);
		if (n < 4 || memcmp(buf, "---\n", 4))
			continue;
		buf[n] = '\0';
		char *end = strstr(buf + 4, "\n---\n");
		size_t fm = end ? (size_t)(end - buf) + 1 : n;
		yaml_parser_t p;
		yaml_event_t e;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)buf + 4, fm - 4);
		for (;;) {
			if (!yaml_parser_parse(&p, &e))
				break;
			int t = e.type;
			yaml_event_delete(&e);
			events++;
			if (t == YAML_STREAM_END_EVENT)
				break;
		}
		yaml_parser_delete(&p);
	}
	free(buf);
	printf("%zu\n", events);
	return 0;
}
