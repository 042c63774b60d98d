/*
 * cmd_rules.c - `plancheck rules` (list every rule: id, level, cite,
 * rounds), `plancheck rules --test` (run every rule's own examples through
 * the engine) and `plancheck explain RULE-ID` (what a rule checks, its
 * source and manual section).
 */
#include "cli.h"
#include "frames.h"
#include "rules.h"

#include <stdlib.h>

#include <string.h>

int cmd_rules(int argc, char **argv)
{
	static const char *const flags[] = {"--test", "-v", "--frames", "--write-cache", NULL};
	static const char *const values[] = {"--round", NULL};
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "rules", argc, argv, flags, values);
	if (rc)
		return rc;
	if (c.help) {
		printf("使い方: plancheck rules [--test [-v]] [--rules DIR] [--format text|json]\n"
		       "        plancheck rules --frames [--program P] [--round N] [--format text|json]\n"
		       "        plancheck rules --write-cache [--rules DIR]\n\n"
		       "--frames は申請枠の表（パックの frames.yml）を公募回ごとに表示します。\n"
		       "--write-cache は規則ファイルの読み取り結果を DIR/.plancheck-parsed に書き、次からの起動を速くします\n"
		       "（規則ファイルを書き換えたときは、そのファイルだけ読み直します。make が rules/ に作ります）。\n");
		pc_cli_free(&c);
		return 0;
	}
	if (c.flags & 8)
		pc_rules_cache_write(true);
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	if (c.flags & 8) {
		int st = pc_rules_cache_failed() ? 2 : 0;
		pc_rules_free(rs);
		pc_cli_free(&c);
		return st;
	}
	int status = 0;
	if (c.flags & 4) {
		/* the frames of one program (the only one with frames, or --program) */
		const struct pc_frames *f = NULL;
		for (size_t i = 0; i < rs->nframes; i++)
			if (!c.program || !strcmp(rs->frames[i]->program, c.program))
				f = f ? f : rs->frames[i];
		long round = 0;
		if (c.values[0]) {
			char *end;
			round = strtol(c.values[0], &end, 10);
			if (*end || round <= 0) {
				pc_rules_free(rs);
				pc_cli_free(&c);
				return pc_usage_error("rules", "--round には公募回の番号を書いてください: %s", c.values[0]);
			}
		}
		if (!f) {
			fprintf(stderr, "plancheck rules: %s申請枠の表（frames.yml）がありません\n",
				c.program ? "その program の" : "");
			status = 2;
		} else
			pc_frames_print(stdout, f, round, c.format == PC_FMT_JSON);
	} else if (c.flags & 1) {
		status = pc_rules_selftest(rs, stdout, (c.flags & 2) != 0) ? 1 : 0;
	} else if (c.format == PC_FMT_JSON) {
		pc_rules_json(rs, stdout);
	} else {
		for (size_t i = 0; i < rs->nrules; i++) {
			const struct pc_rule *r = &rs->rules[i];
			char rb[64];
			pc_rule_rounds(r, rb, sizeof(rb));
			printf("%-44s %-7s %-8s %-22s %s\n", r->id, pc_severity_name(r->level), r->kind->name,
			       r->cite, rb);
		}
	}
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}

int cmd_explain(int argc, char **argv)
{
	struct pc_cli c = {0};
	int rc = pc_cli_parse(&c, "explain", argc, argv, NULL, NULL);
	if (rc)
		return rc;
	if (c.help || c.nargs != 1) {
		pc_cli_free(&c);
		if (c.help) {
			printf("使い方: plancheck explain RULE-ID\n");
			return 0;
		}
		return pc_usage_error("explain", "規則の id を1つ指定してください%s", "");
	}
	struct pc_ruleset *rs = pc_cli_rules(&c);
	if (!rs) {
		pc_cli_free(&c);
		return 2;
	}
	const struct pc_rule *r = pc_rules_find(rs, c.args[0]);
	int status = 0;
	if (!r) {
		/* the argument as typed, without what a terminal would obey */
		struct pc_arena a = {0};
		fprintf(stderr, "plancheck explain: 規則「%s」はありません\n",
			pc_strip_controls(&a, c.args[0], strlen(c.args[0]), true));
		pc_arena_release(&a);
		for (size_t i = 0; i < rs->nrules; i++)
			if (pc_edit_distance(rs->rules[i].id, c.args[0]) <= 3)
				fprintf(stderr, "  もしかして: %s\n", rs->rules[i].id);
		status = 2;
	} else {
		char rb[64];
		size_t line, col;
		pc_rule_rounds(r, rb, sizeof(rb));
		pc_doc_linecol(r->file, r->start, &line, &col);
		printf("%s（%s, %s）\n\n", r->id, r->kind->name, pc_severity_name(r->level));
		if (r->description)
			printf("何を検査するか:\n  %s\n\n", r->description);
		printf("指摘の文面:\n  %s\n\n", r->message_src);
		printf("対象: %s%s%s\n", rb, r->nframes ? "、" : "", r->nframes ? r->frames[0] : "");
		printf("根拠: %s\n", r->source);
		const struct pc_cite *ci = pc_cite_lookup(r->cite);
		if (ci)
			printf("マニュアル: %s（%dページ、%s）\n", ci->title, ci->page, r->cite);
		else
			printf("マニュアル: %s\n", r->cite);
		printf("定義: %s:%zu\n", r->file->path, line);
	}
	pc_rules_free(rs);
	pc_cli_free(&c);
	return status;
}
