/*
 * cmd_check.c - `plancheck check FILE...`: read each draft, run the rule
 * packs, print findings as text or JSON.  A file that cannot be opened is
 * reported on stderr and makes the exit status 2, but the other files are
 * still checked; anything wrong inside a file is a finding (exit 1).
 */
#include "cli.h"
#include "config.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

const char *pc_cli_rules_dir(const struct pc_cli *c, char *buf, size_t n)
{
	if (c->rules_dir)
		return c->rules_dir;
	snprintf(buf, n, "%s/rules", pc_data_dir());
	return buf;
}

struct pc_ruleset *pc_cli_rules(const struct pc_cli *c)
{
	char buf[4096];
	return pc_config_rules(pc_cli_rules_dir(c, buf, sizeof(buf)), c->no_config ? NULL : c->config, c->dicts,
			       c->ndicts, stderr);
}

struct pc_ruleset *pc_cli_rules_for(const struct pc_cli *c, const char *draft)
{
	char buf[4096];
	char *found = NULL;
	const char *cfg = c->no_config ? NULL : c->config;
	if (!cfg && !c->no_config && draft)
		cfg = found = pc_config_find(draft);
	struct pc_ruleset *rs = pc_config_rules(pc_cli_rules_dir(c, buf, sizeof(buf)), cfg, c->dicts, c->ndicts, stderr);
	free(found);
	return rs;
}

void pc_cli_setup(const struct pc_cli *c, struct pc_setup *s, char *buf, size_t n)
{
	pc_setup_init(s, pc_cli_rules_dir(c, buf, n), stderr);
	s->dicts = c->dicts;
	s->ndicts = c->ndicts;
	s->config = c->config;
	s->no_config = c->no_config;
}

/* -v: which configuration a draft was checked with, once per change */
static void say_config(const struct pc_config *cfg, const char *draft, const void **last)
{
	if (*last == (const void *)cfg && *last)
		return;
	*last = cfg;
	const char *dic = pc_mecab_dictionary();
	if (cfg)
		fprintf(stderr, "plancheck: %s: 設定 %s（辞書 %zu 件、規則の設定 %zu 件）\n", draft, cfg->path, cfg->ndicts,
			cfg->nrules);
	else
		fprintf(stderr, "plancheck: %s: 設定ファイルなし（計画書のフォルダーから上に .plancheck.yml がありません）\n",
			draft);
	if (dic)
		fprintf(stderr, "plancheck: 形態素解析の辞書 %s\n", dic);
}

static void check_usage(void)
{
	printf("使い方: plancheck check [オプション] FILE...\n\n"
	       "事業計画書を読み、規則に照らして指摘を表示します。\n"
	       "終了コード: 0 エラーなし / 1 エラーあり / 2 実行できなかった\n\n"
	       "  --format text|json|sarif  出力形式（sarif は GitHub などのコード検査画面用）\n"
	       "  --rules DIR               規則のディレクトリ\n"
	       "  --dict FILE               利用者の辞書（一行に一語か hunspell の .dic、繰り返し可）\n"
	       "  --config FILE             設定ファイル（既定: 計画書のフォルダーから上にさかのぼって\n"
	       "                            いちばん近い .plancheck.yml）\n"
	       "  --no-config               設定ファイルを読まない\n"
	       "  --lang ja|en              指摘の言語\n"
	       "  -v                        使った設定ファイルと辞書を表示する\n"
	       "  -q                        エラーだけを表示する\n");
}

int cmd_check(int argc, char **argv)
{
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "check", argc, argv, NULL, NULL);
	if (rc)
		return rc;
	if (c.help) {
		check_usage();
		pc_cli_free(&c);
		return 0;
	}
	if (c.nargs == 0) {
		pc_cli_free(&c);
		return pc_usage_error("check", "検査するファイルを指定してください%s", "");
	}
	char dirbuf[4096];
	struct pc_setup setup;
	pc_cli_setup(&c, &setup, dirbuf, sizeof(dirbuf));
	/* the first draft's rules decide the format (a configuration's
	 * format:) and name the rules in the report (SARIF's catalogue) */
	const struct pc_config *cfg = NULL;
	struct pc_ruleset *rs = pc_setup_rules(&setup, c.args[0], &cfg);
	if (!rs) {
		pc_setup_free(&setup);
		pc_cli_free(&c);
		return 2;
	}
	enum pc_format format = c.format;
	if (!c.format_set && cfg && cfg->format >= 0)
		format = (enum pc_format)cfg->format;
	struct pc_report_opts ro = {.color = c.color, .quiet = c.quiet, .lang_en = c.lang_en, .rules = rs,
				    .screen_rows = pc_screen_rows()};
	int status = 0;
	char msg[1024];
	const void *said = NULL;
	struct pc_report_dest to = {.file = stdout};
	struct pc_reporter *out = pc_reporter_open(pc_format_name(format), &to, &ro, msg, sizeof(msg));
	if (!out) {
		fprintf(stderr, "plancheck: %s\n", msg);
		pc_setup_free(&setup);
		pc_cli_free(&c);
		return 2;
	}
	for (size_t i = 0; i < c.nargs; i++) {
		char *err = NULL;
		if (!(rs = pc_setup_rules(&setup, c.args[i], &cfg))) {
			status = 2;   /* its configuration is broken: said on stderr */
			continue;
		}
		c.open.rules = rs;   /* typed against its program's schema as it is read */
		struct pc_doc *d = pc_doc_open(c.args[i], &c.open, &err);
		if (!d) {
			fprintf(stderr, "plancheck: %s\n", err);
			free(err);
			status = 2;
			continue;
		}
		pc_check(d, rs);
		pc_findings_finish(d);
		if (c.verbose)
			say_config(cfg, c.args[i], &said);
		pc_reporter_doc(out, d, NULL);
		if (pc_findings_count(d, PC_ERROR, 0) && status == 0)
			status = 1;
		pc_doc_free(d);
	}
	if (pc_reporter_close(out, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "plancheck: %s\n", msg);
		status = 2;
	}
	if (fflush(stdout) != 0) {
		perror("plancheck: stdout");
		status = 2;
	}
	pc_setup_free(&setup);
	pc_cli_free(&c);
	return status;
}
