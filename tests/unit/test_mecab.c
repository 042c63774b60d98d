/*
 * test_mecab.c - the morphology module: the dictionary loads, a draft's
 * sentences become tokens whose byte spans cover the text they came from,
 * features read field by field, dictionary look-ups, several threads
 * tokenising at once, and a clear error for a dictionary that is not
 * there.  Skipped (counted as passed checks of nothing) never: without
 * MeCab plancheck cannot check prose, so the test fails.
 */
#include "internal.h"
#include "unit.h"

#include <pthread.h>
#include <stdlib.h>

static const char draft[] = "---\nprogram: saikouchiku\n---\n# 概要\n\n当社はマーケティングを強化する。"
			    "新工場でボイルしたタコをオホーツク産として売る。\n\n- Uターン人材を雇う。\n";

static void *work(void *arg)
{
	int *bad = arg;
	for (int i = 0; i < 50; i++) {
		struct pc_doc *d = pc_doc_from_mem("t.md", draft, strlen(draft), NULL);
		const struct pc_tokens *tk = pc_doc_tokens(d);
		if (!tk || tk->n < 10)
			(*bad)++;
		pc_doc_free(d);
	}
	return NULL;
}

int main(void)
{
	const char *err = NULL;
	OK(pc_mecab_ready(&err), "dictionary: %s", err ? err : "");
	OK(pc_mecab_dictionary() != NULL, "dictionary directory known");

	struct pc_doc *d = pc_doc_from_mem("t.md", draft, strlen(draft), NULL);
	const struct pc_tokens *tk = pc_doc_tokens(d);
	OK(tk != NULL, "tokens made");
	OK(pc_doc_tokens(d) == tk, "made once, then shared");
	size_t prev = 0;
	bool spans_ok = true, found_mkt = false, found_ga = false, found_turn = false;
	for (size_t i = 0; tk && i < tk->n; i++) {
		const struct pc_token *t = &tk->v[i];
		spans_ok &= t->start >= prev && t->end > t->start && t->end <= d->len;
		prev = t->end;
		size_t l;
		const char *pos = pc_tok_field(t, 0, &l);
		if (t->end - t->start == strlen("マーケティング") && !memcmp(d->text + t->start, "マーケティング", l ? strlen("マーケティング") : 0)) {
			found_mkt = true;
			OK(!strncmp(pos, "名詞", l), "マーケティング is a noun");
			OK(pc_tok_is(t, 6, "マーケティング"), "base form");
			OK(!t->unknown, "in the dictionary");
		}
		if (t->end - t->start == 3 && !memcmp(d->text + t->start, "を", 3))
			found_ga |= pc_tok_is(t, 0, "助詞") && pc_tok_is(t, 1, "格助詞");
		if (!memcmp(d->text + t->start, "ターン", strlen("ターン")))
			found_turn = true;
	}
	OK(spans_ok, "token spans increase and stay in the text");
	OK(found_mkt, "マーケティング is one token");
	OK(found_ga, "を is a 格助詞");
	OK(found_turn, "the list item is tokenised too");
	size_t l;
	OK(tk && tk->n && pc_tok_field(&tk->v[0], 40, &l) && l == 0, "a field past the end is empty");
	pc_doc_free(d);

	OK(pc_lex_has("ボトル", strlen("ボトル")), "ボトル is a word");
	OK(pc_lex_has("オホーツク", strlen("オホーツク")), "オホーツク is a word");
	OK(!pc_lex_has("マーケテイング", strlen("マーケテイング")), "マーケテイング is not");
	struct pc_lex_entry e[16];
	size_t k = pc_lex_prefixes("カーボンニュートラル", strlen("カーボンニュートラル"), e, 16);
	bool carbon = false;
	for (size_t i = 0; i < k; i++)
		carbon |= e[i].len == strlen("カーボン");
	OK(carbon, "カーボン is a prefix entry of カーボンニュートラル");

	pthread_t th[3];
	int bad[3] = {0};
	for (int i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, work, &bad[i]);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	INT_EQ(bad[0] + bad[1] + bad[2], 0, "threads tokenise side by side");
	pc_mecab_shutdown();
	return unit_done("test_mecab");
}
