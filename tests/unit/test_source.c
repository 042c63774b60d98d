/*
 * test_source.c - the encoding layer and line map: BOM, CP932, CRLF,
 * invalid bytes replaced one-for-one, columns in characters, and the
 * heading normaliser.
 */
#include "internal.h"
#include "unit.h"

static struct pc_doc *raw(const char *s, size_t n)
{
	struct pc_open_opts o = {.raw = 1};
	return pc_doc_from_mem("t.md", s, n, &o);
}

static bool has_rule(const struct pc_doc *d, const char *rule)
{
	for (size_t i = 0; i < d->nfindings; i++)
		if (!strcmp(d->findings[i].rule, rule))
			return true;
	return false;
}

int main(void)
{
	size_t line, col;
	struct pc_doc *d = raw("abc\n漢字x\r\nz", strlen("abc\n漢字x\r\nz"));
	INT_EQ(d->enc, PC_ENC_UTF8, "plain utf-8");
	OK(d->crlf, "CRLF seen");
	pc_doc_linecol(d, 4 + 6, &line, &col);
	INT_EQ(line, 2, "line of x");
	INT_EQ(col, 3, "column of x counts characters");
	pc_doc_linecol(d, strlen("abc\n漢字x\r\n"), &line, &col);
	INT_EQ(line, 3, "line after CRLF");
	pc_doc_free(d);

	d = raw("\xEF\xBB\xBF# 見出し\n", 3 + strlen("# 見出し\n"));
	INT_EQ(d->enc, PC_ENC_UTF8_BOM, "BOM detected");
	OK(d->text[0] == '#', "BOM dropped from the text");
	pc_doc_free(d);

	/* 「事業計画」 in CP932 */
	const char sj[] = "\x8E\x96\x8B\xC6\x8C\x76\x89\xE6\r\n";
	d = raw(sj, sizeof(sj) - 1);
	INT_EQ(d->enc, PC_ENC_CP932, "CP932 detected");
	OK(!strcmp(d->text, "事業計画\r\n"), "CP932 converted: %s", d->text);
	OK(has_rule(d, "plan.encoding-cp932"), "a note says so");
	pc_doc_free(d);

	/* not UTF-8, not CP932 (0xFF never occurs in either) */
	const char bad[] = "ok\nab\xFF" "c\n";
	d = raw(bad, sizeof(bad) - 1);
	OK(has_rule(d, "plan.encoding"), "invalid byte reported");
	INT_EQ(d->len, sizeof(bad) - 1, "length unchanged");
	OK(d->text[5] == '?', "bad byte replaced one-for-one");
	pc_doc_linecol(d, d->findings[0].start, &line, &col);
	INT_EQ(line, 2, "invalid byte line");
	INT_EQ(col, 3, "invalid byte column");
	pc_doc_free(d);

	/* a stray NUL in an ordinary text file is a finding, not "binary" */
	const char nul[] = "一行目の本文です。\n二行目\0の本文です。\n三行目の本文です。\n";
	d = raw(nul, sizeof(nul) - 1);
	OK(has_rule(d, "plan.encoding"), "NUL reported");
	pc_doc_free(d);

	char bin[512];
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i % 7 == 0 ? 0 : 'A' + i % 26);
	d = raw(bin, sizeof(bin));
	OK(has_rule(d, "plan.binary") && d->unreadable, "binary refused");
	pc_doc_free(d);

	/* UTF-16 without a BOM, short: "# 見出\n一つ目。\n" (一 is 00 4E:
	 * a NUL in the low byte too) */
	{
		static const char le[] = "#\0 \0\x8b\x89\xfa\x51\n\0\x00\x4e\x64\x30\xee\x76\x02\x30\n\0";
		d = raw(le, sizeof(le) - 1);
		INT_EQ(d->enc, PC_ENC_UTF16LE, "UTF-16LE sniffed");
		STR_EQ(d->text, "# 見出\n一つ目。\n", "UTF-16LE decoded");
		pc_doc_linecol(d, strlen("# 見出\n一つ"), &line, &col);
		INT_EQ(col, 3, "UTF-16 column in characters");
		pc_doc_free(d);
		char be[sizeof(le)];
		for (size_t i = 0; i + 1 < sizeof(le) - 1; i += 2) {
			be[i] = le[i + 1];
			be[i + 1] = le[i];
		}
		d = raw(be, sizeof(le) - 1);
		INT_EQ(d->enc, PC_ENC_UTF16BE, "UTF-16BE sniffed");
		STR_EQ(d->text, "# 見出\n一つ目。\n", "UTF-16BE decoded");
		pc_doc_free(d);
		/* a lone surrogate: one finding at its place, the rest read */
		static const char sur[] = "\xff\xfe" "a\0\x00\xd8" "b\0\n\0";
		d = raw(sur, sizeof(sur) - 1);
		INT_EQ(d->bom, 2, "UTF-16 BOM");
		STR_EQ(d->text, "a?b\n", "lone surrogate replaced");
		OK(has_rule(d, "plan.encoding"), "lone surrogate reported");
		pc_doc_free(d);
	}
	/* EUC-JP (「ひらがなの文」) also decodes as CP932 half-width kana and
	 * kanji: the kana decide */
	{
		static const char euc[] = "\xa4\xd2\xa4\xe9\xa4\xac\xa4\xca\xa4\xce\xca\xb8\n";
		d = raw(euc, sizeof(euc) - 1);
		INT_EQ(d->enc, PC_ENC_EUCJP, "EUC-JP detected");
		STR_EQ(d->text, "ひらがなの文\n", "EUC-JP decoded");
		OK(has_rule(d, "plan.encoding-other"), "a note says so");
		pc_doc_free(d);
		static const char jis[] = "\x1b$B$R$i$,$J\x1b(B ok\n";
		d = raw(jis, sizeof(jis) - 1);
		INT_EQ(d->enc, PC_ENC_ISO2022JP, "ISO-2022-JP detected");
		STR_EQ(d->text, "ひらがな ok\n", "ISO-2022-JP decoded");
		pc_doc_free(d);
	}
	/* decomposed kana: normalised, columns still those of the text as written */
	{
		const char nfd[] = "\xe3\x81\x8b\xe3\x82\x99\xe3\x81\x8d\xe3\x82\x99x\n"   /* か゛き゛x */
				   "\xe3\x83\x8f\xe3\x82\x9a\xe3\x83\xb3y\n";                  /* ハ゜ンy */
		d = raw(nfd, strlen(nfd));
		STR_EQ(d->text, "がぎx\nパンy\n", "NFC");
		INT_EQ(d->nnfc, 3, "three changed stretches");
		OK(has_rule(d, "plan.nfc"), "a note says so");
		pc_doc_linecol(d, strlen("がぎ"), &line, &col);
		INT_EQ(line, 1, "NFC line");
		INT_EQ(col, 5, "x is the fifth character as written");
		pc_doc_linecol(d, strlen("がぎx\nパン"), &line, &col);
		INT_EQ(line, 2, "NFC line 2");
		INT_EQ(col, 4, "y is the fourth character as written");
		INT_EQ(pc_doc_orig_off(d, strlen("がぎx\n")), 14, "line start maps to line start");
		pc_doc_free(d);
		/* already NFC: untouched, no map */
		d = raw("がぎ\n", strlen("がぎ\n"));
		INT_EQ(d->nnfc, 0, "NFC text has no map");
		OK(!has_rule(d, "plan.nfc"), "no note");
		pc_doc_free(d);
	}
	/* the same bytes from memory and from a file are read alike: here,
	 * a refusal by the first bytes whatever the name */
	d = raw("%PDF-1.4\n", 9);
	OK(has_rule(d, "plan.format") && d->unreadable, "PDF refused");
	pc_doc_free(d);

	struct pc_arena a = {0};
	STR_EQ(pc_heading_normalise(&a, "1. 補助事業の具体的取組内容", strlen("1. 補助事業の具体的取組内容")),
	       "補助事業の具体的取組内容", "1.");
	STR_EQ(pc_heading_normalise(&a, "１．補助事業の具体的取組内容", strlen("１．補助事業の具体的取組内容")),
	       "補助事業の具体的取組内容", "full-width １．");
	STR_EQ(pc_heading_normalise(&a, "（１）現在の事業の状況", strlen("（１）現在の事業の状況")), "現在の事業の状況",
	       "（１）");
	STR_EQ(pc_heading_normalise(&a, "(2) 事業環境", strlen("(2) 事業環境")), "事業環境", "(2)");
	STR_EQ(pc_heading_normalise(&a, "① 新たに提供する製品", strlen("① 新たに提供する製品")), "新たに提供する製品", "①");
	STR_EQ(pc_heading_normalise(&a, "第2章　将来の展望", strlen("第2章　将来の展望")), "将来の展望", "第2章");
	STR_EQ(pc_heading_normalise(&a, "三、資金調達", strlen("三、資金調達")), "資金調達", "三、");
	STR_EQ(pc_heading_normalise(&a, "1.2 市場規模", strlen("1.2 市場規模")), "市場規模", "1.2");
	STR_EQ(pc_heading_normalise(&a, "収益計画", strlen("収益計画")), "収益計画", "no numbering");
	STR_EQ(pc_heading_normalise(&a, "2030年の展望", strlen("2030年の展望")), "2030年の展望", "a year is not numbering");
	pc_arena_release(&a);
	return unit_done("test_source");
}
