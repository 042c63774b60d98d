/*
 * test_docx.c - the Word reader on the committed fixtures (one saved by
 * python-docx, one by LibreOffice): headings, lists, tracked changes, a
 * text box read once, merged cells, what is left out, and the places a
 * Word user finds the text at.  Run from the repository's root.
 */
#include "internal.h"
#include "unit.h"

#include <stdlib.h>

static struct pc_doc *open_raw(const char *path)
{
	struct pc_open_opts o = {.raw = 1};
	char *err = NULL;
	struct pc_doc *d = pc_doc_open(path, &o, &err);
	if (!d) {
		fprintf(stderr, "%s\n", err);
		free(err);
	}
	return d;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static const struct pc_place *place_of(const struct pc_doc *d, const char *text)
{
	const char *p = strstr(d->text, text);
	return p ? pc_doc_place(d, (size_t)(p - d->text)) : NULL;
}

static const char *note(const struct pc_doc *d)
{
	for (size_t i = 0; i < d->nfindings; i++)
		if (!strcmp(d->findings[i].rule, "plan.docx"))
			return d->findings[i].message;
	return "";
}

int main(void)
{
	struct pc_doc *d = open_raw("tests/fixtures/docx/python-docx.docx");
	OK(d && d->source == PC_SRC_DOCX && !d->unreadable, "python-docx fixture read as Word");
	if (d) {
		OK(strstr(d->text, "# 1. 補助事業の具体的取組内容\n") != NULL, "Heading 1 style: %s", d->text);
		OK(strstr(d->text, "## （1）現在の事業の状況\n") != NULL, "Heading 2 style");
		OK(strstr(d->text, "である。りんごの加工を主力とする。") != NULL, "tracked insertion kept");
		OK(!strstr(d->text, "古い削除済みの文"), "tracked deletion dropped");
		OK(strstr(d->text, "- 強みは自社農園を持つことである。") != NULL, "bullet list item");
		OK(strstr(d->text, "2. 第二に販路を広げる。") != NULL, "numbered list drawn as Word counts");
		INT_EQ(count(d->text, "テキストボックスの中の文である。"), 1, "text box read once");
		OK(strstr(d->text, "次の図に体制を示す。\n\nテキストボックスの中の文") != NULL, "text box after its anchor");
		INT_EQ(count(d->text, "| 製造 |"), 2, "vMerge: the merged cell's text in each row");
		const char *second = strstr(strstr(d->text, "| 製造 |") + 1, "| 製造 |");
		const struct pc_place *p = second ? pc_doc_place(d, (size_t)(second - d->text) + 2) : NULL;
		OK(p && p->table == 1 && p->row == 3 && p->col == 1, "merged cell placed at its first cell");
		OK(strstr(d->text, "| ※ 付加価値額は営業利益＋人件費＋減価償却費 |  |  |  |") != NULL, "gridSpan: once, then empty cells");
		p = place_of(d, "弱みは販路");
		OK(p && p->para == 2 && p->heading && !strcmp(p->heading, "1. 補助事業の具体的取組内容 › （2）強み・弱み・機会・脅威（SWOT分析）"),
		   "paragraph 2 of its section: %s %d", p && p->heading ? p->heading : "-", p ? p->para : -1);
		p = place_of(d, "34,500");
		OK(p && p->table == 2 && p->row == 3 && p->col == 2, "table 2, row 3, column 2");
		OK(strstr(note(d), "コメント 1 件") && strstr(note(d), "脚注 1 件") && strstr(note(d), "画像・図 1 点"),
		   "left out, counted: %s", note(d));
		struct pc_arena a = {0};
		const char *w = pc_place_where(&a, d, (size_t)(strstr(d->text, "弱みは") - d->text), 0);
		STR_EQ(w, "「1. 補助事業の具体的取組内容 › （2）強み・弱み・機会・脅威（SWOT分析）」の 2 段落目", "where, in words");
		w = pc_place_where(&a, d, (size_t)(strstr(d->text, "34,500") - d->text), 0);
		STR_EQ(w, "表 2 の 3 行 2 列（「4. 収益計画」の中）", "a cell, in words");
		STR_EQ(pc_place_quote(&a, d, (size_t)(strstr(d->text, "弱みは") - d->text),
				      (size_t)(strstr(d->text, "弱みは") - d->text) + strlen("弱みは販路が県内に限られることである。")),
		       "弱みは販路が県内に限られることである。", "quote");
		pc_arena_release(&a);
		pc_doc_free(d);
	}

	d = open_raw("tests/fixtures/docx/libreoffice.docx");
	OK(d && d->source == PC_SRC_DOCX && !d->unreadable, "LibreOffice fixture read as Word");
	if (d) {
		OK(strstr(d->text, "# 1. 補助事業の具体的取組内容\n") != NULL, "LibreOffice heading: %s", d->text);
		OK(strstr(d->text, "である。りんごの加工を主力とする。") != NULL, "tracked insertion kept");
		OK(!strstr(d->text, "古い削除済みの文"), "tracked deletion dropped");
		INT_EQ(count(d->text, "テキストボックスの中の文である。"), 1, "one of mc:AlternateContent's versions");
		OK(strstr(d->text, "| 実施体制 |  |  |") != NULL, "a caption row spanning the table");
		INT_EQ(count(d->text, "| 製造 |"), 2, "merged down");
		OK(strstr(d->text, "| 付加価値額 | 127,000 | 134,500 | 141,200 |") != NULL, "years as columns");
		pc_doc_free(d);
	}

	/* a zip with word/document.xml that is not XML: one error, no crash */
	d = pc_doc_from_mem("broken.docx", "PK\003\004junk", 8, NULL);   /* its 8 bytes (10 read past the literal: ASan) */
	OK(d && d->unreadable, "a broken zip is refused");
	pc_doc_free(d);
	return unit_done("test_docx");
}
