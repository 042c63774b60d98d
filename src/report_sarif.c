/*
 * report_sarif.c - SARIF 2.1.0 for CI systems and code-scanning views:
 * one run, the rule catalogue in tool.driver.rules (the manual section as
 * help text and as helpUri into manual/, the level as
 * defaultConfiguration), one artifact per draft (its type, encoding and
 * length), one result per finding with its region in Unicode code points,
 * a partial fingerprint that survives lines being inserted above, and
 * waived findings as in-source suppressions with their reason.  Paths are
 * URIs as SARIF consumers resolve them: an absolute path a file:// URI, a
 * relative one relative to %SRCROOT% (originalUriBaseIds: the working
 * directory), bytes outside the unreserved set percent-encoded; clean in
 * Microsoft's SARIF Multitool (tests/contract/sarif-multitool.sh).
 */
#include "report.h"
#include "rules.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct sarif_rule {
	const char *id;
	const char *text;
	const char *full;
	const char *cite;
	enum pc_severity level;
};

struct pc_sarif {
	FILE *out;
	struct sarif_rule *rules;
	size_t nrules;
	size_t ndocs, nresults;
	char *manual;               /* file:// URI of the installed manual/, with a slash */
	struct artifact *arts;      /* in the order the documents came */
	size_t caparts;
	bool relative;              /* some path is relative to %SRCROOT% */
};

struct artifact {
	const char *uri;            /* percent-encoded; relative, absolute, or "stdin" */
	bool base;                  /* relative to %SRCROOT% */
	const char *mime, *encoding;
	size_t length;
};

/* bytes a URI path may hold as they are: RFC 3986 unreserved, and / */
static void put_uri_path(struct pc_buf *b, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		    *c == '.' || *c == '_' || *c == '~' || *c == '/')
			pc_buf_putc(b, (char)*c);
		else {
			pc_buf_putc(b, '%');
			pc_buf_putc(b, hex[*c >> 4]);
			pc_buf_putc(b, hex[*c & 15]);
		}
	}
}

static char *file_uri(struct pc_arena *a, const char *abs_path, bool dir)
{
	struct pc_buf b = {0};
	pc_buf_puts(&b, "file://");
	put_uri_path(&b, abs_path);
	if (dir && (!b.len || b.s[b.len - 1] != '/'))
		pc_buf_putc(&b, '/');
	char *u = pc_arena_strdup(a, b.s);
	pc_buf_free(&b);
	return u;
}

static void artifact_location(FILE *out, const struct artifact *a, long index)
{
	fputs("{\"uri\": ", out);
	pc_json_str(out, a->uri);
	if (a->base)
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
	if (index >= 0)
		fprintf(out, ", \"index\": %ld", index);
	putc('}', out);
}

static const char *level_name(enum pc_severity s)
{
	return s == PC_ERROR ? "error" : s == PC_WARNING ? "warning" : "note";
}

/* the parser's own finding ids, so every result has a ruleIndex */
static const struct {
	const char *id, *text;
	enum pc_severity level;
} parser_rules[] = {
	{"plan.amount", "金額として読めない値", PC_ERROR},
	{"plan.binary", "テキストでないファイル", PC_ERROR},
	{"plan.comment", "閉じていないコメント", PC_WARNING},
	{"plan.date", "存在しない日付・元号の誤り", PC_ERROR},
	{"plan.docx", "Word ファイルから読み込んだ（対象外の部分）", PC_INFO},
	{"plan.duplicate-key", "前付けのキーの重複", PC_ERROR},
	{"plan.empty", "空のファイル", PC_ERROR},
	{"plan.encoding", "読めないバイト・NUL 文字", PC_ERROR},
	{"plan.encoding-cp932", "Shift_JIS として読み込んだ", PC_INFO},
	{"plan.encoding-other", "UTF-16・EUC-JP・ISO-2022-JP として読み込んだ", PC_INFO},
	{"plan.flow-comma", "{…} の中の桁区切りの「,」", PC_ERROR},
	{"plan.format", "読めない種類のファイル（PDF・.doc・画像など）", PC_ERROR},
	{"plan.front-matter", "前付け（YAML）の欠落・閉じ忘れ", PC_ERROR},
	{"plan.fullwidth-colon", "キーの後ろの全角コロン", PC_ERROR},
	{"plan.fullwidth-space", "前付けの全角スペース", PC_ERROR},
	{"plan.heading-form", "見出しの書き方", PC_INFO},
	{"plan.missing-space", "「:」の後の空白の欠落", PC_ERROR},
	{"plan.nbsp", "前付けのノーブレークスペース", PC_ERROR},
	{"plan.nfc", "分解された濁点・半濁点", PC_INFO},
	{"plan.non-bmp", "PDF に印字できない文字", PC_WARNING},
	{"plan.program", "program の欠落・不明", PC_ERROR},
	{"plan.required", "必須の項目の未記入（計画書の項目の定義 schema.yml による）", PC_ERROR},
	{"plan.tab-indent", "YAML の字下げのタブ", PC_ERROR},
	{"plan.table-empty", "データの表の空欄", PC_ERROR},
	{"plan.table-label", "データの表の読めない項目", PC_WARNING},
	{"plan.table-mismatch", "表と前付けの値の不一致", PC_ERROR},
	{"plan.table-total", "表の合計の不一致", PC_ERROR},
	{"plan.too-large", "大きすぎるファイル", PC_ERROR},
	{"plan.too-many-findings", "指摘の省略", PC_WARNING},
	{"plan.type", "値の型の誤り", PC_ERROR},
	{"plan.unknown-key", "不明な前付けのキー", PC_WARNING},
	{"plan.waiver", "理由のない検査の除外", PC_WARNING},
	{"plan.yaml", "YAML の構文の誤り", PC_ERROR},
	{"plan.yaml-alias", "YAML の別名", PC_ERROR},
	{"plan.yaml-depth", "YAML の入れ子が深すぎる", PC_ERROR},
	{"rules.eval", "規則を評価できない", PC_ERROR},
	{"rules.limit", "正規表現の照合の上限", PC_WARNING},
};

const char *pc_parser_rule_text(const char *id, enum pc_severity *level)
{
	for (size_t i = 0; i < PC_ARRAY_LEN(parser_rules); i++)
		if (!strcmp(parser_rules[i].id, id)) {
			if (level)
				*level = parser_rules[i].level;
			return parser_rules[i].text;
		}
	return NULL;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct sarif_rule *)a)->id, ((const struct sarif_rule *)b)->id);
}

static long rule_index(const struct pc_sarif *s, const char *id)
{
	size_t lo = 0, hi = s->nrules;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->rules[mid].id, id);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int sarif_begin(struct pc_reporter *rp, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	FILE *out = rp->out;
	const struct pc_ruleset *rs = rp->opts.rules;
	struct pc_sarif *s = pc_arena_alloc(&rp->arena, sizeof(*s));
	rp->state = s;
	s->out = out;
	size_t n = (rs ? rs->nrules : 0) + PC_ARRAY_LEN(parser_rules);
	s->rules = calloc(n, sizeof(*s->rules));
	if (!s->rules)
		abort();
	for (size_t i = 0; rs && i < rs->nrules; i++) {
		const struct pc_rule *r = &rs->rules[i];
		s->rules[s->nrules++] = (struct sarif_rule){r->id, r->description ? r->description : r->message_src,
							    r->source, r->cite, r->level};
	}
	for (size_t i = 0; i < PC_ARRAY_LEN(parser_rules); i++)
		s->rules[s->nrules++] = (struct sarif_rule){parser_rules[i].id, parser_rules[i].text,
							    "計画書の書式（plan-format）の検査", "keishiki", parser_rules[i].level};
	qsort(s->rules, s->nrules, sizeof(*s->rules), cmp_rule);
	/* the manual, where the installed data lives */
	char real[PATH_MAX];
	const char *dd = pc_data_dir_get();
	if (dd && realpath(dd, real))
		s->manual = file_uri(&rp->arena, pc_arena_printf(&rp->arena, "%s/manual/", real), true);
	else
		s->manual = file_uri(&rp->arena, "/usr/local/share/plancheck/manual/", true);

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"plancheck\",\n          \"version\": \"" PC_VERSION "\",\n"
	      "          \"semanticVersion\": \"" PC_VERSION "\",\n          \"language\": \"ja-JP\",\n"
	      "          \"informationUri\": ",
	      out);
	pc_json_str(out, s->manual);
	fputs(",\n          \"rules\": [", out);
	for (size_t i = 0; i < s->nrules; i++) {
		const struct sarif_rule *r = &s->rules[i];
		fputs(i ? ",\n            {" : "\n            {", out);
		fputs("\"id\": ", out);
		pc_json_str(out, r->id);
		fputs(", \"shortDescription\": {\"text\": ", out);
		pc_json_str(out, r->text ? r->text : r->id);
		fputs("}", out);
		if (r->full) {
			fputs(", \"fullDescription\": {\"text\": ", out);
			pc_json_str(out, r->full);
			fputs("}", out);
		}
		if (r->cite) {
			/* the section as the printed manual heads it, and its file */
			const struct pc_cite *ci = pc_cite_lookup(r->cite);
			fputs(", \"help\": {\"text\": ", out);
			pc_json_str(out, pc_arena_printf(&rp->arena, "マニュアル %s", pc_cite_text(&rp->arena, r->cite)));
			fputs("}", out);
			if (ci && ci->file) {
				struct pc_buf u = {0};
				pc_buf_puts(&u, s->manual);
				put_uri_path(&u, ci->file);
				pc_buf_putc(&u, '#');
				put_uri_path(&u, r->cite);
				fputs(", \"helpUri\": ", out);
				pc_json_str(out, u.s);
				pc_buf_free(&u);
			}
		}
		fprintf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}}", level_name(r->level));
	}
	fputs("\n          ]\n        }\n      },\n      \"language\": \"ja-JP\",\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
	      out);
	return 0;
}

static const char *iana_encoding(enum pc_encoding e)
{
	switch (e) {
	case PC_ENC_CP932:
		return "windows-31j";
	case PC_ENC_UTF16LE:
		return "utf-16le";
	case PC_ENC_UTF16BE:
		return "utf-16be";
	case PC_ENC_EUCJP:
		return "euc-jp";
	case PC_ENC_ISO2022JP:
		return "iso-2022-jp";
	default:
		return "utf-8";
	}
}

static const char *mime_of(const char *path, bool docx)
{
	size_t n = strlen(path);
	if (docx)
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	if (n > 3 && !strcasecmp(path + n - 3, ".md"))
		return "text/markdown";
	return "text/plain";
}

static void sarif_doc(struct pc_reporter *rp, struct pc_doc *d, const struct pc_summary *sum)
{
	struct pc_sarif *s = rp->state;
	FILE *out = s->out;
	(void)sum;
	s->arts = pc_grow(&rp->arena, s->arts, &s->caparts, s->ndocs + 1, sizeof(*s->arts));
	struct artifact *art = &s->arts[s->ndocs];
	{
		struct pc_buf u = {0};
		if (!strcmp(d->path, "-"))
			pc_buf_puts(&u, "stdin");
		else
			put_uri_path(&u, d->path);
		art->uri = pc_arena_strdup(&rp->arena, u.s ? u.s : "");
		pc_buf_free(&u);
		art->base = d->path[0] != '/' && strcmp(d->path, "-");
		if (d->path[0] == '/')
			art->uri = file_uri(&rp->arena, d->path, false);
		s->relative |= art->base;
		bool docx = d->source == PC_SRC_DOCX;
		art->mime = mime_of(d->path, docx);
		art->encoding = docx ? NULL : iana_encoding(d->enc);
		art->length = d->raw_len;
	}
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct pc_finding *f = &d->findings[i];
		size_t l, c, el, ec;
		pc_doc_linecol(d, f->start, &l, &c);
		pc_doc_linecol(d, f->end, &el, &ec);
		if (el == l && ec <= c)
			ec = c + 1;   /* SARIF wants a non-empty region */
		fputs(s->nresults++ ? ",\n        {" : "\n        {", out);
		fputs("\"ruleId\": ", out);
		pc_json_str(out, f->rule);
		long ri = rule_index(s, f->rule);
		if (ri >= 0)
			fprintf(out, ", \"ruleIndex\": %ld", ri);
		fprintf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", level_name(f->severity));
		struct pc_buf m = {0};
		pc_buf_puts(&m, f->message);
		if (f->suggestion) {
			pc_buf_puts(&m, "（提案: ");
			pc_buf_puts(&m, f->suggestion);
			pc_buf_puts(&m, "）");
		}
		pc_json_str(out, m.s);
		pc_buf_free(&m);
		fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", out);
		artifact_location(out, art, (long)s->ndocs);
		fprintf(out, ", \"region\": {\"startLine\": %zu, \"startColumn\": %zu, "
			     "\"endLine\": %zu, \"endColumn\": %zu",
			l, c, el, ec);
		if (d->nplaces) {
			/* a Word draft: lines mean nothing there; the place as the
			 * writer finds it, the flagged text, the heading path */
			struct pc_arena a = {0};
			const struct pc_place *p = pc_doc_place(d, f->start);
			fputs(", \"snippet\": {\"text\": ", out);
			pc_json_str(out, pc_place_quote(&a, d, f->start, f->end));
			fputs("}}}, \"message\": {\"text\": ", out);
			pc_json_str(out, pc_place_where(&a, d, f->start, f->end));
			putc('}', out);
			if (p && p->heading) {
				fputs(", \"logicalLocations\": [{\"fullyQualifiedName\": ", out);
				pc_json_str(out, p->heading);
				fputs(", \"kind\": \"section\"}]", out);
			}
			fputs("}]", out);
			pc_arena_release(&a);
		} else
			fputs("}}}]", out);
		/* stable when lines are added above: the rule, the flagged text
		 * and the text of its line, not the line number */
		size_t ls = d->lines[l - 1], le = pc_doc_line_end(d, l);
		unsigned long long h = pc_fnv1a(f->rule, strlen(f->rule), PC_FNV_SEED);
		h = pc_fnv1a(d->text + f->start, f->end - f->start, h);
		unsigned long long lh = pc_fnv1a(d->text + ls, le - ls, PC_FNV_SEED);
		fprintf(out, ", \"partialFingerprints\": {\"plancheck/v1\": \"%016llx\", \"primaryLocationLineHash\": \"%016llx:1\"}",
			h, lh);
		if (f->waived) {
			fputs(", \"suppressions\": [{\"kind\": \"inSource\", \"justification\": ", out);
			pc_json_str(out, f->waiver && *f->waiver ? f->waiver : "（理由なし）");
			fputs("}]", out);
		}
		putc('}', out);
	}
	s->ndocs++;
}

static int sarif_end(struct pc_reporter *rp, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	struct pc_sarif *s = rp->state;
	FILE *out = s->out;
	/* each draft: where it is, what it is, how long */
	fputs(s->nresults ? "\n      ],\n      \"artifacts\": [" : "],\n      \"artifacts\": [", out);
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct artifact *a = &s->arts[i];
		fputs(i ? ",\n        {\"location\": " : "\n        {\"location\": ", out);
		artifact_location(out, a, -1);
		fputs(", \"mimeType\": ", out);
		pc_json_str(out, a->mime);
		if (a->encoding) {
			fputs(", \"encoding\": ", out);
			pc_json_str(out, a->encoding);
		}
		fprintf(out, ", \"length\": %zu}", a->length);
	}
	fputs(s->ndocs ? "\n      ]" : "]", out);
	/* what relative paths are relative to: the working directory */
	char cwd[PATH_MAX];
	if (s->relative && getcwd(cwd, sizeof(cwd))) {
		fputs(",\n      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ", out);
		pc_json_str(out, file_uri(&rp->arena, cwd, true));
		fputs("}}", out);
	}
	fputs("\n    }\n  ]\n}\n", out);
	free(s->rules);
	return 0;
}

const struct pc_reporter_class pc_reporter_sarif = {"sarif", true, false, sarif_begin, sarif_doc, sarif_end};
