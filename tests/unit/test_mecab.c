/*
 * test_mecab.c - the morphology module: the dictionary loads, a draft's
 * sentences become tokens whose byte spans cover the text they came from,
 * features read field by field, dictionary look-ups, several threads
 * tokenising at once, long sentences given to MeCab in pieces (cut after
 * a 、, never inside a character, every byte still covered), and a clear
 * error for a dictionary that is not there.  Skipped (counted as passed checks of nothing) never: without
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
			OK(!t->f->unknown, "in the dictionary");
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

	/* a sentence of 3,000 digits, then 600 "新工場、" (4,800 bytes): MeCab
	 * reads it in pieces of at most 1 KB; the tokens still cover every
	 * byte in order, and each piece of the second part ends after a 、 */
	{
		size_t cap = 16384, n = 0;
		char *buf = malloc(cap);
		n += (size_t)snprintf(buf, cap, "---\nprogram: saikouchiku\n---\n# 概要\n\n");
		size_t body = n;
		for (int i = 0; i < 3000; i++)
			buf[n++] = '7';
		for (int i = 0; i < 600; i++)
			n += (size_t)snprintf(buf + n, cap - n, "新工場、");
		n += (size_t)snprintf(buf + n, cap - n, "を作る。\n");
		struct pc_doc *ld = pc_doc_from_mem("long.md", buf, n, NULL);
		const struct pc_tokens *lt = pc_doc_tokens(ld);
		bool covered = lt && lt->n && lt->v[0].start == body, small = true, after_comma = true;
		for (size_t i = 0; lt && i < lt->n; i++) {
			const struct pc_token *t = &lt->v[i];
			small &= t->end - t->start <= 1024;
			if (i + 1 < lt->n)
				covered &= lt->v[i + 1].start == t->end;
			/* 新工場 is 新 + 工場 or one word: never cut in the middle */
			if (t->start >= body + 3000 && t->end - t->start < 3 && ld->text[t->start] != '\n')
				after_comma = false;
		}
		OK(covered, "pieces: every byte of the long sentence is in a token, in order");
		OK(small, "pieces: no token longer than a piece");
		OK(after_comma, "pieces: a cut falls at a character, after a 、");
		pc_doc_free(ld);
		free(buf);
	}

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
