/*
 * config.h - .plancheck.yml, the settings a support desk shares with its
 * clients' drafts: user dictionaries, rule levels and parameters, extra
 * rule packs and the output format.  config.c finds the nearest one for a
 * draft, reads it (strictly, like a rule pack) and keeps one rule set per
 * configuration for every draft of a command.
 */
#ifndef PC_CONFIG_H
#define PC_CONFIG_H

#include "internal.h"

#include <pthread.h>

#define PC_CONFIG_NAME ".plancheck.yml"

/* a rule's level from a configuration: off, or a severity */
enum { PC_LEVEL_UNSET = -2, PC_LEVEL_OFF = -1 };

struct pc_rule_setting {
	const char *id;             /* "common.spelling", or "common.*" */
	bool pack_wide;
	int level;                  /* PC_LEVEL_UNSET, PC_LEVEL_OFF or a pc_severity */
	struct pc_ynode *params;    /* the map's other keys (rule parameters), or NULL */
	struct pc_ynode *key;       /* where it is written, for messages */
	bool used;                  /* some rule matched it */
};

struct pc_config {
	char *path;                 /* as found or given */
	struct pc_doc *doc;         /* the file, raw: spans for messages */
	const char **dicts;         /* resolved against the file's folder */
	size_t ndicts;
	const char **rules_dirs;
	size_t nrules_dirs;
	int format;                 /* a pc_format, or -1 when not set */
	struct pc_rule_setting *rules;
	size_t nrules;
};

/* The nearest .plancheck.yml for a draft: in its folder, else the closest
 * parent, stopping after the home folder (when the draft is under it) or
 * the root.  A malloc'd path, or NULL. */
char *pc_config_find(const char *draft);
/* Read and validate a configuration; NULL after printing every problem
 * as file:line:col to errs. */
struct pc_config *pc_config_load(const char *path, FILE *errs);
void pc_config_free(struct pc_config *c);
/* the setting that applies to a rule: its own id first, else its pack's
 * "pack.*"; NULL when the configuration says nothing of it */
struct pc_rule_setting *pc_config_rule(const struct pc_config *c, const char *id);
/* settings that matched no rule of rs: errors (did-you-mean) to errs;
 * false when there were any */
struct pc_ruleset;
bool pc_config_check_ids(struct pc_config *c, const struct pc_ruleset *rs, FILE *errs);
/* A word list given by --dict or dict: exists and is readable; false and
 * a message in err otherwise. */
bool pc_dict_readable(const char *path, char *err, size_t errlen);

/* What the drafts of one command share: the options that choose rules,
 * and a cache of configurations and rule sets (by folder, then by
 * configuration file), safe to use from several threads. */
struct pc_setup {
	const char *rules_dir;      /* --rules, or the installed rules */
	const char **dicts;         /* --dict, repeatable */
	size_t ndicts;
	const char *config;         /* --config FILE */
	bool no_config;             /* --no-config */
	FILE *errs;
	pthread_mutex_t lock;
	struct pc_setup_dir *dirs;  /* folder -> configuration path */
	size_t ndirs, capdirs;
	struct pc_setup_set *sets;  /* configuration path -> rules (which own it) */
	size_t nsets, capsets;
};

void pc_setup_init(struct pc_setup *s, const char *rules_dir, FILE *errs);
/* The rule set for a draft (NULL path: for no draft in particular: the
 * --config file or none), and the configuration it came with (NULL for
 * none).  NULL after printing why (a broken configuration, rule pack or
 * dictionary): the command then exits 2. */
struct pc_ruleset *pc_setup_rules(struct pc_setup *s, const char *draft, const struct pc_config **cfg);
void pc_setup_free(struct pc_setup *s);

/* The rule packs under rules_dir (and the configuration's rules_dirs)
 * with the configuration at config_path (NULL: none) over them and the
 * dictionaries of both added; the rule set owns the configuration
 * (rs->cfg).  NULL after printing why. */
struct pc_ruleset *pc_config_rules(const char *rules_dir, const char *config_path, const char *const *dicts,
				   size_t ndicts, FILE *errs);
/* the newest modification time of every rule file, configuration and
 * dictionary the setup has loaded (review --resume: a change makes every
 * earlier result stale) */
long long pc_setup_newest(struct pc_setup *s);

/* The commented configuration `plancheck init` writes. */
extern const char pc_config_template[];

#endif
