/*
 * replay.c - runs a fuzz target's corpus and regression inputs without
 * libFuzzer, so `make check` keeps every input that ever found a bug
 * passing: each file named on the command line (or found in a directory)
 * is fed to LLVMFuzzerTestOneInput once.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	char chunk[65536];
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n + r > cap) {
			cap = (n + r) * 2;
			buf = realloc(buf, cap);
		}
		memcpy(buf + n, chunk, r);
		n += r;
	}
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(buf ? buf : ""), n);
	free(buf);
	return 1;
}

int main(int argc, char **argv)
{
	size_t runs = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			runs += run_file(argv[i]);
			continue;
		}
		DIR *d = opendir(argv[i]);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char p[4096];
			snprintf(p, sizeof(p), "%s/%s", argv[i], e->d_name);
			runs += run_file(p);
		}
		if (d)
			closedir(d);
	}
	printf("replay: %zu inputs\n", runs);
	return 0;
}
