/*
 * zipfile.c - reading members of a zip archive held in memory, through
 * Debian's libzip (the only file that includes zip.h).  Used to tell a
 * .docx from an .xlsx or an OpenDocument file and to read the parts of a
 * .docx.  A member is read with a size cap, whatever its header claims,
 * so a zip bomb costs at most the cap.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct pc_zip {
	zip_t *za;
};

struct pc_zip *pc_zip_open(const char *bytes, size_t n)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return NULL;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!za) {
		zip_source_free(src);
		return NULL;
	}
	struct pc_zip *z = calloc(1, sizeof(*z));
	if (!z)
		abort();
	z->za = za;
	return z;
}

void pc_zip_close(struct pc_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z);
}

static zip_int64_t locate(struct pc_zip *z, const char *name)
{
	zip_int64_t i = zip_name_locate(z->za, name, 0);
	if (i < 0)   /* some writers change the case of part names */
		i = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	return i;
}

bool pc_zip_has(struct pc_zip *z, const char *name)
{
	return z && locate(z, name) >= 0;
}

size_t pc_zip_count(struct pc_zip *z, const char *prefix, const char *suffix)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	size_t pl = strlen(prefix), sl = strlen(suffix), count = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *nm = zip_get_name(z->za, (zip_uint64_t)i, 0);
		size_t l = nm ? strlen(nm) : 0;
		if (nm && l >= pl + sl && !strncmp(nm, prefix, pl) && !strcmp(nm + l - sl, suffix))
			count++;
	}
	return count;
}

enum pc_zip_status pc_zip_read(struct pc_zip *z, const char *name, size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	zip_int64_t i = locate(z, name);
	if (i < 0)
		return PC_ZIP_ABSENT;
	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
	if (!f)
		return PC_ZIP_BROKEN;
	struct pc_buf b = {0};
	char chunk[65536];
	enum pc_zip_status st = PC_ZIP_OK;
	for (;;) {
		zip_int64_t r = zip_fread(f, chunk, sizeof(chunk));
		if (r < 0) {
			st = PC_ZIP_BROKEN;
			break;
		}
		if (r == 0)
			break;
		if (b.len + (size_t)r > limit) {
			st = PC_ZIP_TOO_LARGE;
			break;
		}
		pc_buf_add(&b, chunk, (size_t)r);
	}
	zip_fclose(f);
	if (st != PC_ZIP_OK) {
		pc_buf_free(&b);
		return st;
	}
	pc_buf_putc(&b, '\0');
	*out = b.s;
	*len = b.len - 1;
	return PC_ZIP_OK;
}

/* A zip of the given members, in memory (the fuzzer and the tests make
 * Word files with it); 0, or -1 when libzip cannot */
int pc_zip_build(const char *const *names, const char *const *data, const size_t *lens, size_t n,
		 struct pc_buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (!src)
		return -1;
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return -1;
	}
	zip_source_keep(src);   /* read back after zip_close */
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		zip_source_t *m = zip_source_buffer(za, data[i], lens[i], 0);
		if (!m || zip_file_add(za, names[i], m, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
			if (m)
				zip_source_free(m);
			rc = -1;
		}
	}
	if (rc || zip_close(za) < 0) {
		if (rc == 0)
			zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_source_open(src) < 0) {
		zip_source_free(src);
		return -1;
	}
	char chunk[65536];
	zip_int64_t r;
	while ((r = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		pc_buf_add(out, chunk, (size_t)r);
	zip_source_close(src);
	zip_source_free(src);
	return r < 0 ? -1 : 0;
}
