/*
 * cmd_init.c - `plancheck init [DIR]`: write a commented .plancheck.yml
 * (every key explained in Japanese, nothing switched on) into DIR or the
 * current folder, for a support desk to fill in and share.  An existing
 * file is left alone unless --force.
 */
#include "cli.h"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int cmd_init(int argc, char **argv)
{
	static const char *const flags[] = {"--force", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "init", argc, argv, flags, NULL);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck init [DIR] [--force]\n\n"
		       "設定ファイル .plancheck.yml のひな形（説明のコメント付き）を DIR（既定: 今のフォルダー）に書きます。\n"
		       "そのフォルダーと下のフォルダーの計画書を検査するときに読まれます。\n"
		       "すでにあるときは書きません（--force で置き換え）。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs > 1) {
		pc_cli_free(&c);
		return pc_usage_error("init", "フォルダーは1つだけ指定してください%s", "");
	}
	const char *dir = c.nargs ? c.args[0] : ".";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "plancheck init: %s はフォルダーではありません\n", dir);
		pc_cli_free(&c);
		return 2;
	}
	char path[4096], err[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, PC_CONFIG_NAME);
	if (stat(path, &st) == 0 && !(c.flags & 1)) {
		fprintf(stderr, "plancheck init: %s はすでにあります（置き換えるには --force）\n", path);
		pc_cli_free(&c);
		return 2;
	}
	if (pc_write_atomic(path, pc_config_template, strlen(pc_config_template), err, sizeof(err)) != 0) {
		fprintf(stderr, "plancheck init: %s\n", err);
		pc_cli_free(&c);
		return 2;
	}
	printf("%s を書きました。dict と rules を書き足してください（plancheck check -v で使われたか確かめられます）\n", path);
	pc_cli_free(&c);
	return 0;
}
