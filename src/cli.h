/*
 * cli.h - what the subcommands (cmd_*.c) share: the parsed common options
 * and the command entry points registered in main.c's table.
 */
#ifndef PC_CLI_H
#define PC_CLI_H

#include "internal.h"

struct pc_cli {
	const char *cmd;
	const char **args;
	size_t nargs;
	enum pc_format format;
	const char *rules_dir, *output, *program, *topup;
	const char **dicts;         /* --dict FILE, repeatable */
	size_t ndicts;
	const char *config;         /* --config FILE */
	int no_config;              /* --no-config */
	int verbose;                /* -v: say which configuration and dictionary were used */
	int format_set;             /* --format was given (else a configuration's format: applies) */
	const char *values[8];      /* per-command valued options */
	unsigned flags;             /* per-command flags, bit i = extra_flags[i] */
	struct pc_open_opts open;
	int lang_en, quiet, help, color, jobs;
};

int pc_cli_parse(struct pc_cli *c, const char *cmd, int argc, char **argv,
		 const char *const *extra_flags, const char *const *extra_values);
void pc_cli_free(struct pc_cli *c);
int pc_usage_error(const char *cmd, const char *fmt, const char *arg);
const char *pc_data_dir(void);
/* the rule packs named by --rules, or the installed ones, with --config
 * and --dict over them; NULL after printing why */
struct pc_ruleset *pc_cli_rules(const struct pc_cli *c);
/* the same for one draft: its nearest .plancheck.yml unless --config or
 * --no-config says otherwise */
struct pc_ruleset *pc_cli_rules_for(const struct pc_cli *c, const char *draft);
/* the rules directory --rules names, or the installed one, in buf */
const char *pc_cli_rules_dir(const struct pc_cli *c, char *buf, size_t n);
/* a setup (config.h) for commands that check drafts: each draft gets the
 * rules of its nearest .plancheck.yml */
struct pc_setup;
void pc_cli_setup(const struct pc_cli *c, struct pc_setup *s, char *buf, size_t n);

int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_manual(int argc, char **argv);
int cmd_handbook(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
