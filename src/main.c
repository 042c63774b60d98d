/*
 * main.c - the plancheck command line: a git-style table of subcommands,
 * the common options, the data directory lookup ($PLANCHECK_DATA, else
 * next to the binary in a build tree, else ../share/plancheck beside the
 * installed binary, else the compiled-in PREFIX/share/plancheck) and the
 * exit status contract of ../shared/spec/cli.md:
 * 0 no error-level finding, 1 some, 2 the tool could not do its job.
 */
#include "internal.h"
#include "cli.h"
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PC_DATADIR
#define PC_DATADIR "/usr/local/share/plancheck"
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *pc_data_dir(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv("PLANCHECK_DATA");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 32);
	if (n > 0) {
		buf[n] = '\0';
		char *slash = strrchr(buf, '/');
		if (slash) {
			/* the build tree: ./plancheck beside ./rules */
			strcpy(slash, "/rules");
			if (is_dir(buf)) {
				*slash = '\0';
				return buf;
			}
			/* installed: PREFIX/bin/plancheck and PREFIX/share/plancheck,
			 * wherever PREFIX (or DESTDIR) put them */
			strcpy(slash, "/../share/plancheck/rules");
			if (is_dir(buf)) {
				slash[strlen("/../share/plancheck")] = '\0';
				return buf;
			}
		}
	}
	return PC_DATADIR;
}

int pc_usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "plancheck%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'plancheck %s%s--help' で使い方を表示します\n", cmd ? cmd : "", cmd ? " " : "");
	return 2;
}

static int parse_opts(struct pc_cli *c, const char *cmd, int argc, char **argv,
		      const char *const *extra_flags, const char *const *extra_values);

/* Parse the options every command shares; unknown options are usage
 * errors (exit 2, nothing left allocated), operands are collected in
 * c->args for the caller to release with pc_cli_free(). */
int pc_cli_parse(struct pc_cli *c, const char *cmd, int argc, char **argv,
		 const char *const *extra_flags, const char *const *extra_values)
{
	int rc = parse_opts(c, cmd, argc, argv, extra_flags, extra_values);
	if (rc)
		pc_cli_free(c);
	return rc;
}

static int parse_opts(struct pc_cli *c, const char *cmd, int argc, char **argv,
		      const char *const *extra_flags, const char *const *extra_values)
{
	c->cmd = cmd;
	c->format = PC_FMT_TEXT;
	c->args = calloc((size_t)argc + 1, sizeof(*c->args));
	c->dicts = calloc((size_t)argc + 1, sizeof(*c->dicts));
	if (!c->args || !c->dicts)
		abort();
	const char *color = "auto";
	bool only_args = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (only_args || a[0] != '-' || !a[1]) {
			c->args[c->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		char name[64];
		const char *eq = strchr(a, '=');
		size_t nl = eq ? (size_t)(eq - a) : strlen(a);
		if (nl >= sizeof(name))
			return pc_usage_error(cmd, "不明なオプションです: %s", a);
		memcpy(name, a, nl);
		name[nl] = '\0';
		static const char *const takes_value[] = {"--format", "--rules", "--lang", "--max-size",
							  "--color", "-o", "--output", "-j", "--dict",
							  "--program", "--topup", "--config", NULL};
		bool tv = false;
		for (const char *const *p = takes_value; *p; p++)
			tv |= !strcmp(name, *p);
		for (const char *const *p = extra_values; p && *p; p++)
			tv |= !strcmp(name, *p);
		/* -j2 as make and xargs take it: the value joined to the letter */
		bool joined = !tv && !eq && !strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9';
		if (joined) {
			strcpy(name, "-j");
			val = a + 2;
		} else if (tv) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return pc_usage_error(cmd, "%s には値が必要です", name);
		} else if (eq)
			return pc_usage_error(cmd, "%s は値を取りません", name);

		if (!strcmp(name, "--format")) {
			c->format_set = 1;
			if (!strcmp(val, "text"))
				c->format = PC_FMT_TEXT;
			else if (!strcmp(val, "json"))
				c->format = PC_FMT_JSON;
			else if (!strcmp(val, "sarif"))
				c->format = PC_FMT_SARIF;
			else
				return pc_usage_error(cmd, "--format は text, json, sarif のどれかです: %s", val);
		} else if (!strcmp(name, "--rules"))
			c->rules_dir = val;
		else if (!strcmp(name, "--lang")) {
			if (strcmp(val, "ja") && strcmp(val, "en"))
				return pc_usage_error(cmd, "--lang は ja か en です: %s", val);
			c->lang_en = !strcmp(val, "en");
		} else if (!strcmp(name, "--max-size")) {
			char *end;
			errno = 0;
			/* digits only: strtoull reads "-1" as the largest number */
			unsigned long long v = val[0] >= '0' && val[0] <= '9' ? strtoull(val, &end, 10) : 0;
			if (!v)
				end = (char *)val;
			unsigned long long mult = 1;
			if (*end == 'k' || *end == 'K')
				mult = 1024, end++;
			else if (*end == 'm' || *end == 'M')
				mult = 1024 * 1024, end++;
			/* at most 1 GiB: the memory of a check grows with the input */
			if (end == val || *end || errno || v == 0 || v > (1ULL << 30) / mult)
				return pc_usage_error(cmd, "--max-size はバイト数です（例: 16M、1024M まで）: %s", val);
			v *= mult;
			c->open.max_size = (size_t)v;
		} else if (!strcmp(name, "--color"))
			color = val;
		else if (!strcmp(name, "-o") || !strcmp(name, "--output"))
			c->output = val;
		else if (!strcmp(name, "-j")) {
			char *end;
			long j = strtol(val, &end, 10);
			if (end == val || *end || j < 1 || j > 256)
				return pc_usage_error(cmd, "-j は 1 から 256 の整数です: %s", val);
			c->jobs = (int)j;
		} else if (!strcmp(name, "--dict")) {
			char msg[1024];
			if (!pc_dict_readable(val, msg, sizeof(msg))) {
				fprintf(stderr, "plancheck%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", msg);
				return 2;
			}
			c->dicts[c->ndicts++] = val;
		} else if (!strcmp(name, "--config")) {
			struct stat st;
			if (stat(val, &st) != 0 || !S_ISREG(st.st_mode)) {
				fprintf(stderr, "plancheck%s%s: 設定ファイル %s を開けません: %s\n", cmd ? " " : "", cmd ? cmd : "",
					val, stat(val, &st) != 0 ? strerror(errno) : "ファイルではありません");
				return 2;
			}
			c->config = val;
		} else if (!strcmp(name, "--no-config"))
			c->no_config = 1;
		else if (!strcmp(name, "-v") || !strcmp(name, "--verbose"))
			c->verbose = 1;
		else if (!strcmp(name, "--program"))
			c->program = val;
		else if (!strcmp(name, "--topup"))
			c->topup = val;
		else if (!strcmp(name, "-q") || !strcmp(name, "--quiet"))
			c->quiet = 1;
		else if (!strcmp(name, "-h") || !strcmp(name, "--help"))
			c->help = 1;
		else {
			bool known = false;
			for (const char *const *p = extra_flags; p && *p; p++)
				if (!strcmp(name, *p)) {
					known = true;
					c->flags |= 1u << (p - extra_flags);
				}
			for (const char *const *p = extra_values; p && *p && !known; p++)
				if (!strcmp(name, *p)) {
					known = true;
					c->values[p - extra_values] = val;
				}
			if (!known)
				return pc_usage_error(cmd, "不明なオプションです: %s", a);
		}
	}
	c->open.lang_en = c->lang_en;
	/* -o where a command writes no file was read and dropped: `check
	 * plan.md -o result.txt` printed to the terminal and wrote nothing */
	static const char *const writes_file[] = {"report", "review", "fix", "import", "new", "manual", "handbook", NULL};
	bool writes = false;
	for (const char *const *p = writes_file; *p && cmd; p++)
		writes |= !strcmp(cmd, *p);
	if (c->output && cmd && !writes)
		return pc_usage_error(cmd, "-o（出力先のファイル）は使えません: %s。結果は標準出力に出るので、"
					   "ファイルにするには「> ファイル名」でリダイレクトしてください",
				      c->output);
	if (c->config && c->no_config)
		return pc_usage_error(cmd, "--config と --no-config は同時に使えません%s", "");
	if (!strcmp(color, "always"))
		c->color = 1;
	else if (!strcmp(color, "never"))
		c->color = 0;
	else if (!strcmp(color, "auto"))
		c->color = isatty(1) && !getenv("NO_COLOR") && getenv("TERM") &&
			   strcmp(getenv("TERM"), "dumb") != 0;
	else
		return pc_usage_error(cmd, "--color は auto, always, never のどれかです: %s", color);
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		c->color = 0;
	return 0;
}

void pc_cli_free(struct pc_cli *c)
{
	free(c->args);
	free(c->dicts);
	c->args = NULL;
	c->dicts = NULL;
}

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("plancheck %s\n", PC_VERSION);
	return 0;
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"check", cmd_check, "事業計画書を検査し、指摘を表示する"},
	{"rules", cmd_rules, "規則の一覧（--test で各規則の例を検査）"},
	{"explain", cmd_explain, "規則の内容・根拠・マニュアルの節を表示する"},
	{"review", cmd_review, "フォルダーの計画書をまとめて点検し、一覧表と PDF を作る"},
	{"report", cmd_report, "指摘を書き込んだ PDF を作る（-o OUT.pdf）"},
	{"manual", cmd_manual, "事業計画作成マニュアルの PDF を作る（-o OUT.pdf）"},
	{"handbook", cmd_handbook, "認定支援機関のための点検ハンドブックの PDF を作る"},
	{"new", cmd_new, "事業計画書のひな形を作る（-o plan.md、一覧は new --help）"},
	{"init", cmd_init, "設定ファイル .plancheck.yml のひな形を書く"},
	{"serve", cmd_serve, "点検の Web ページを開く（--open でブラウザーも）"},
	{"import", cmd_import, "Word の計画書（.docx）を前付け付きの .md にする（-o PLAN.md）"},
	{"fix", cmd_fix, "表記の置き換えを本文に適用する（-o OUT か --in-place）"},
	{"help", cmd_help, "使い方を表示する"},
	{"version", cmd_version, "版を表示する"},
};

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("使い方: plancheck <コマンド> [オプション] [ファイル...]\n\n"
	       "補助金の事業計画書（前付き＋見出し付き本文、Word の .docx）を提出前に検査します。\n"
	       "何を検査するかは規則集（%s/rules）に書いてあります。\n\n"
	       "コマンド:\n",
	       pc_data_dir());
	for (size_t i = 0; i < PC_ARRAY_LEN(commands); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].help);
	printf("\n共通オプション:\n"
	       "  --format text|json|sarif  出力形式（既定: text）\n"
	       "  --rules DIR               規則のディレクトリ（既定: %s/rules）\n"
	       "  --lang ja|en              指摘の言語（既定: ja）\n"
	       "  --max-size N              読み込むファイルの上限（既定: 16M）\n"
	       "  --color auto|always|never 色付け（NO_COLOR 環境変数で無効）\n"
	       "  --dict FILE               利用者の辞書（一行に一語か hunspell の .dic、繰り返し可）\n"
	       "  --config FILE             設定ファイル（既定: 計画書のフォルダーから上にさかのぼって\n"
	       "                            いちばん近い .plancheck.yml）\n"
	       "  --no-config               設定ファイルを読まない\n"
	       "  -q, --quiet               エラーだけを表示する\n"
	       "  -h, --help                使い方を表示する\n"
	       "  --version                 版を表示する\n\n"
	       "終了コード: 0 エラーなし / 1 エラーあり / 2 実行できなかった（引数・ファイル・規則の誤り）\n",
	       pc_data_dir());
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	const char *name = argv[1];
	/* each draft's arena is freed as the next is read: keep the memory
	 * instead of handing it back to the kernel and faulting it in again
	 * (a quarter of the time of a batch went to page faults) */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	pc_data_dir_set(pc_data_dir());
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return cmd_help(0, NULL);
	if (!strcmp(name, "--version"))
		return cmd_version(0, NULL);
	for (size_t i = 0; i < PC_ARRAY_LEN(commands); i++)
		if (!strcmp(commands[i].name, name)) {
			int rc = commands[i].run(argc - 2, argv + 2);
			pc_mecab_shutdown();   /* the dictionary, if a prose rule loaded it */
			return rc;
		}
	return pc_usage_error(NULL, "不明なコマンドです: %s", name);
}
