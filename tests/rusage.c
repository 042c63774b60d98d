/*
 * rusage.c - run a command and print what it used, from wait4's rusage:
 * "cpu" prints user + system time in milliseconds (the pathological tests
 * compare N against 10N as a ratio; CPU time is steadier than the wall
 * clock on a busy machine), "rss" prints the peak resident set in KiB
 * (the memory line of `make bench`).  The command's output goes to
 * /dev/null.  Exit: 3 when the command died of a signal; otherwise 0 for
 * cpu and the command's own status for rss.
 *
 *   rusage cpu|rss COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "cpu") && strcmp(argv[1], "rss")))
		return 2;
	bool cpu = !strcmp(argv[1], "cpu");
	pid_t pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) < 0)
		return 2;
	if (cpu)
		printf("%ld\n", (long)((ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
				       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000));
	else
		printf("%ld\n", ru.ru_maxrss);
	if (WIFSIGNALED(st))
		return 3;
	return cpu ? 0 : WEXITSTATUS(st);
}
