/*
 * reader.c - which reader takes a draft: the bytes are sniffed, never the
 * file name, so a draft read from a file, from standard input or from an
 * upload (pc_doc_from_mem) is read the same way.  Readers share one
 * interface (bytes in; UTF-8 text, the kind of source and a position map
 * out): the Word reader (docx.c), the text reader (reader_text.c), and
 * the refusal of the files a folder of drafts also holds (PDF, the old
 * binary Office formats, Excel, images), each with what to do instead.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct refusal {
	const char *what, *todo;
};

static bool has16(const char *s, size_t n, const char *ascii)
{
	/* an OLE directory entry's name is UTF-16LE */
	char pat[64];
	size_t l = strlen(ascii);
	for (size_t i = 0; i < l && 2 * i + 1 < sizeof(pat); i++) {
		pat[2 * i] = ascii[i];
		pat[2 * i + 1] = '\0';
	}
	return memmem(s, n, pat, 2 * l) != NULL;
}

static const struct refusal *refuse_ole(const char *s, size_t n)
{
	static const struct refusal doc = {"Word 97-2003 形式（.doc）のファイルです。この形式は読めません",
					   "Word で .docx 形式で保存し直してください（ファイル → 名前を付けて保存 → 「Word 文書 (*.docx)」）"};
	static const struct refusal xls = {"Excel 97-2003 形式（.xls）のファイルです。事業計画書として読めません",
					   "計画書の本文は Word（.docx）かテキスト（.md・.txt）で用意し、表はそこに貼り付けてください"};
	static const struct refusal ppt = {"PowerPoint 97-2003 形式（.ppt）のファイルです。事業計画書として読めません",
					   "計画書の本文は Word（.docx）かテキスト（.md・.txt）で用意してください"};
	static const struct refusal other = {"Office 97-2003 形式のファイルです。この形式は読めません",
					     "Word の文書なら .docx 形式で保存し直してください"};
	if (has16(s, n, "WordDocument"))
		return &doc;
	if (has16(s, n, "Workbook") || has16(s, n, "Book"))
		return &xls;
	if (has16(s, n, "PowerPoint Document"))
		return &ppt;
	return &other;
}

/* a zip: Word, or which other kind of document */
static const struct refusal *refuse_zip(const char *s, size_t n, bool *docx)
{
	static const struct refusal xlsx = {"Excel ファイル（.xlsx）です。事業計画書として読めません",
					    "計画書の本文は Word（.docx）かテキスト（.md・.txt）で用意し、Excel の表はそこに貼り付けてください"};
	static const struct refusal pptx = {"PowerPoint ファイル（.pptx）です。事業計画書として読めません",
					    "計画書の本文は Word（.docx）かテキスト（.md・.txt）で用意してください"};
	static const struct refusal odt = {"OpenDocument 形式（.odt など）のファイルです。この形式は読めません",
					   "LibreOffice で「Word 2007-365 (.docx)」形式で保存し直してください"};
	static const struct refusal broken = {"zip 形式のファイルですが、壊れているか Word ファイルではありません",
					      "Word で開けるか確かめ、.docx 形式で保存し直してください"};
	static const struct refusal zip = {"zip 形式のファイル（Word 文書ではありません）です。この形式は読めません",
					   "zip を展開して、中の事業計画書（.docx・.md・.txt）を指定してください"};
	*docx = false;
	struct pc_zip *z = pc_zip_open(s, n);
	if (!z)
		return &broken;
	const struct refusal *r = &zip;
	if (pc_zip_has(z, "word/document.xml")) {
		*docx = true;
		r = NULL;
	} else if (pc_zip_has(z, "xl/workbook.xml"))
		r = &xlsx;
	else if (pc_zip_has(z, "ppt/presentation.xml"))
		r = &pptx;
	else if (pc_zip_has(z, "mimetype") && pc_zip_has(z, "content.xml"))
		r = &odt;
	pc_zip_close(z);
	return r;
}

static const struct refusal *refusal(const char *s, size_t n, bool *docx)
{
	static const struct refusal pdf = {"PDF ファイルです。PDF からは事業計画書を読めません",
					   "PDF にする前の Word ファイル（.docx）か、テキスト（.md・.txt）を指定してください"};
	static const struct refusal image = {"画像ファイルです。事業計画書として読めません",
					     "事業計画書の本文（.docx・.md・.txt）を指定してください"};
	static const struct refusal rtf = {"リッチテキスト形式（.rtf）のファイルです。この形式は読めません",
					   "Word で .docx 形式で保存し直してください"};
	const unsigned char *u = (const unsigned char *)s;
	*docx = false;
	if (n >= 5 && !memcmp(s, "%PDF-", 5))
		return &pdf;
	if (n >= 8 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return refuse_ole(s, n);
	if (n >= 4 && (!memcmp(s, "PK\x03\x04", 4) || !memcmp(s, "PK\x05\x06", 4)))
		return refuse_zip(s, n, docx);
	if (n >= 5 && !memcmp(s, "{\\rtf", 5))
		return &rtf;
	if ((n >= 4 && !memcmp(s, "\x89PNG", 4)) || (n >= 3 && !memcmp(s, "\xFF\xD8\xFF", 3)) ||
	    (n >= 4 && !memcmp(s, "GIF8", 4)) || (n >= 4 && (!memcmp(s, "II*\0", 4) || !memcmp(s, "MM\0*", 4))) ||
	    (n >= 12 && !memcmp(s, "RIFF", 4) && !memcmp(s + 8, "WEBP", 4)) ||
	    (n >= 12 && !memcmp(s + 4, "ftyp", 4) && (!memcmp(s + 8, "heic", 4) || !memcmp(s + 8, "heix", 4) ||
						      !memcmp(s + 8, "avif", 4) || !memcmp(s + 8, "mif1", 4))) ||
	    (n >= 14 && u[0] == 'B' && u[1] == 'M' && !memcmp(s + 6, "\0\0\0\0", 4)))
		return &image;
	return NULL;
}

static void unreadable(struct pc_doc *d, const char *rule, const char *msg, const char *todo)
{
	d->text = pc_arena_strdup(&d->arena, "");
	d->len = 0;
	d->unreadable = true;
	pc_finding_add(d, rule, PC_ERROR, 0, 0, "%s", msg)->suggestion = todo;
}

void pc_source_init(struct pc_doc *d, const char *bytes, size_t n)
{
	d->raw = bytes;
	d->raw_len = n;
	d->enc = PC_ENC_UTF8;
	d->source = PC_SRC_TEXT;

	bool docx = false;
	const struct refusal *r = refusal(bytes, n, &docx);
	if (r) {
		unreadable(d, "plan.format", d->opts.lang_en ? "this file format cannot be read as a plan" : r->what,
			   r->todo);
	} else if (docx) {
		pc_read_docx(d, bytes, n);
	} else if (pc_text_looks_binary(bytes, n)) {
		unreadable(d, "plan.binary",
			   d->opts.lang_en ? "this is a binary file, not a plan written as text"
					   : "テキストの事業計画ではなくバイナリファイルです",
			   "事業計画書（.md・.txt）を指定してください");
	} else {
		pc_read_text(d, bytes, n);
	}
	if (!d->unreadable) {
		pc_text_finish(d);
		pc_nfc(d);
		if (d->nnfc)
			pc_finding_add(d, "plan.nfc", PC_INFO, d->nfc[0].nstart, d->nfc[0].nstart + d->nfc[0].nlen,
				       d->opts.lang_en ? "decomposed characters (kana with a separate voiced mark) read as composed (NFC), %zu places"
						       : "濁点・半濁点が分かれた文字（macOS や PDF からのコピー）を、結合した文字として読みました（%zu か所）",
				       d->nnfc)
				->suggestion = "ほかの人やシステムに渡す前に、結合した文字で保存し直すことをおすすめします";
	}
	pc_lines_build(d);
	if (!d->unreadable)
		pc_text_note(d);
}
