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
