/*
 * output.c - writing files the safe way: every output goes to a temporary
 * file in the destination's own directory, is flushed to disk, and only
 * then renamed over the destination, so a reader never sees half a file
 * and a full disk or a crash leaves the old file (or none) in place.  Also
 * the guard that refuses to write over one of the inputs.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* all of data to fd, retrying short writes */
static int write_all(int fd, const char *p, size_t left)
{
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return 0;
}

/* the process's umask, read once without changing it: umask(0) and back
 * would let another thread create a file world-writable in between */
static mode_t process_umask;
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	bool found = false;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Umask:", 6)) {
			process_umask = (mode_t)strtoul(line + 6, NULL, 8);
			found = true;
			break;
		}
	if (f)
		fclose(f);
	if (!found) {
		process_umask = umask(0);
		umask(process_umask);
	}
}

/* The permissions and owner a replaced file had (like), or a new
 * document's (0666 less the umask).  When the owner cannot be kept (not
 * root, a group we are not in), the group and others lose every bit: a
 * private plan must never come out more readable than it went in. */
static void keep_mode(int fd, const struct stat *like)
{
	pthread_once(&umask_once, read_umask);
	if (!like) {
		fchmod(fd, 0666 & ~process_umask);
		return;
	}
	mode_t mode = like->st_mode & 07777;
	if ((like->st_uid != geteuid() || like->st_gid != getegid()) &&
	    fchown(fd, like->st_uid, like->st_gid) != 0)
		mode &= 0700;
	fchmod(fd, mode);
}

/* why a file cannot be made at path, in words: a folder that does not
 * exist said "一時ファイルを作れません: No such file or directory" */
void pc_cannot_create(const char *path, int e, char *err, size_t errlen)
{
	if (e == ENOENT || e == ENOTDIR)
		snprintf(err, errlen, "%s: 書き込み先のフォルダーがありません", path);
	else if (e == EACCES || e == EPERM || e == EROFS)
		snprintf(err, errlen, "%s: 書き込み先のフォルダーに書き込む権限がありません", path);
	else
		snprintf(err, errlen, "%s: 一時ファイルを作れません: %s", path, strerror(e));
}

/* a temporary name in path's own directory (rename() is then atomic):
 * PATH.tmp.XXXXXX, or DIR/.tmp.XXXXXX when that would pass NAME_MAX */
static char *tmp_name(const char *path)
{
	size_t pl = strlen(path);
	const char *slash = strrchr(path, '/');
	size_t base = slash ? pl - (size_t)(slash - path) - 1 : pl;
	char *tmp = malloc(pl + 16);
	if (!tmp)
		abort();
	if (base + 11 <= 255)
		snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
	else
		snprintf(tmp, pl + 16, "%.*s.tmp.XXXXXX", (int)(pl - base), path);
	return tmp;
}

int pc_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	return pc_write_atomic_ex(path, data, len, true, err, errlen);
}

static int write_atomic(const char *path, const void *data, size_t len, bool durable,
			const struct stat *like, char *err, size_t errlen)
{
	char *tmp = tmp_name(path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		pc_cannot_create(path, errno, err, errlen);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0) {
		snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
		goto fail;
	}
	if (durable && fsync(fd) != 0 && errno != EINVAL) {
		snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
		goto fail;
	}
	keep_mode(fd, like);
	if (close(fd) != 0) {
		fd = -1;
		snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: 保存できません: %s", path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* durable: fsync before the rename.  A batch writes thousands of files and
 * syncs its directory once at the end instead (syncfs); the rename alone
 * already guarantees no reader ever sees half a file.  A file replaced
 * keeps its permissions and owner. */
int pc_write_atomic_ex(const char *path, const void *data, size_t len, bool durable, char *err, size_t errlen)
{
	struct stat st;
	/* a device or a pipe (/dev/stdout, /dev/full, a FIFO) is written in
	 * place: renaming a temporary file over it would replace the device
	 * node itself, and as root that succeeds */
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s: ディレクトリです", path);
			return -1;
		}
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write_all(fd, data, len) != 0) {
			snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		return 0;
	}
	return write_atomic(path, data, len, durable, exists ? &st : NULL, err, errlen);
}

int pc_write_atomic_like(const char *path, const void *data, size_t len, const struct stat *like, char *err,
			 size_t errlen)
{
	return write_atomic(path, data, len, true, like, err, errlen);
}

int pc_write_through(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write_all(fd, data, len) != 0 || ftruncate(fd, (off_t)len) != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		snprintf(err, errlen, "%s: 書き込めません: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

bool pc_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ---- the same, streamed: for outputs too big to build in memory ---------- */

struct pc_atomic {
	FILE *f;
	char *tmp, *path;   /* tmp NULL: writing a device in place */
	bool like;          /* replacing a file: keep its mode and owner */
	struct stat st;
};

struct pc_atomic *pc_atomic_open(const char *path, char *err, size_t errlen)
{
	struct pc_atomic *a = calloc(1, sizeof(*a));
	if (!a)
		abort();
	a->path = strdup(path);
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		a->f = S_ISDIR(st.st_mode) ? NULL : fopen(path, "w");
	} else {
		a->tmp = tmp_name(path);
		a->like = exists;
		if (exists)
			a->st = st;
		int fd = mkstemp(a->tmp);
		a->f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (fd >= 0 && !a->f)
			close(fd);
	}
	if (!a->f) {
		if (a->tmp)
			pc_cannot_create(path, errno, err, errlen);
		else
			snprintf(err, errlen, "%s: %s", path, S_ISDIR(st.st_mode) ? "ディレクトリです" : strerror(errno));
		if (a->tmp)
			unlink(a->tmp);
		free(a->tmp);
		free(a->path);
		free(a);
		return NULL;
	}
	return a;
}

FILE *pc_atomic_file(struct pc_atomic *a)
{
	return a->f;
}

int pc_atomic_commit(struct pc_atomic *a, bool durable, char *err, size_t errlen)
{
	int rc = 0;
	if (fflush(a->f) != 0 || ferror(a->f) || (durable && a->tmp && fsync(fileno(a->f)) != 0 && errno != EINVAL)) {
		snprintf(err, errlen, "%s: 書き込めません: %s", a->path, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (a->tmp)
		keep_mode(fileno(a->f), a->like ? &a->st : NULL);
	if (fclose(a->f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: 書き込めません: %s", a->path, strerror(errno));
		rc = -1;
	}
	if (a->tmp) {
		if (rc == 0 && rename(a->tmp, a->path) != 0) {
			snprintf(err, errlen, "%s: 保存できません: %s", a->path, strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			unlink(a->tmp);
	}
	free(a->tmp);
	free(a->path);
	free(a);
	return rc;
}

void pc_atomic_abandon(struct pc_atomic *a)
{
	fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	free(a);
}
