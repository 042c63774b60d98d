/*
 * yaml.c - a thin layer over libyaml's event API that builds a small tree
 * (maps, sequences, scalars) in which every node keeps its byte span in the
 * document.  Used for plan front matter and for rule files alike.  Only the
 * given slice reaches libyaml; aliases are refused (an alias bomb costs us
 * nothing), nesting is capped, duplicate keys are findings, and two common
 * typing slips — tab indentation and a full-width colon after a key — are
 * reported with a hint and repaired in a same-length copy, so the rest of
 * the file is still read and no offset moves.
 */
#include "internal.h"

#include <string.h>
#include <yaml.h>

struct frame {
	struct pc_ynode *node;
	struct pc_ynode *key;     /* map: key waiting for its value */
	size_t cap;
};

struct ctx {
	struct pc_doc *d;
	const struct pc_yaml_opts *o;
	struct pc_finding *alias; /* the first alias; the rest are counted */
	size_t naliases;
	/* the last mark turned into an offset: marks mostly move forward on
	 * one line, so the next walk starts here, not at the line's start */
	size_t cur_line, cur_col, cur_off;
	bool cur_valid;
	/* the slice's line starts as libyaml counts lines: it also breaks
	 * at NEL, LS and PS (U+0085, U+2028, U+2029), which the document's
	 * line map does not */
	size_t *ylines, nylines;
};

/* libyaml marks count characters, not bytes (measured on 0.2.5): turn a
 * (line, column) mark into a byte offset through the slice's line starts */
static size_t mark_off(struct ctx *c, yaml_mark_t m, size_t hi)
{
	size_t li = m.line;
	if (li >= c->nylines)
		return hi;
	const char *t = c->d->text;
	size_t off, k;
	if (c->cur_valid && c->cur_line == li && c->cur_col <= m.column) {
		off = c->cur_off;
		k = c->cur_col;
	} else {
		off = c->ylines[li];
		k = 0;
	}
	/* never walk a column past the end of the line */
	for (; k < m.column && off < hi && t[off] != '\n' && t[off] != '\r'; k++)
		(void)pc_u8(t, c->d->len, &off);
	c->cur_line = li;
	c->cur_col = k;
	c->cur_off = off;
	c->cur_valid = true;
	return off > hi ? hi : off;
}

/* the slice's line starts with libyaml's breaks: LF, CR LF, CR, NEL, LS
 * and PS (a few dozen lines of front matter) */
static void yaml_lines(struct ctx *c, size_t start, size_t end)
{
	const unsigned char *t = (const unsigned char *)c->d->text;
	size_t cap = 64;
	c->ylines = pc_arena_alloc(&c->d->arena, cap * sizeof(*c->ylines));
	c->ylines[c->nylines++] = start;
	for (size_t i = start; i < end;) {
		size_t w = 0;
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= end || t[i + 1] != '\n')))
			w = 1;
		else if (t[i] == 0xC2 && i + 1 < end && t[i + 1] == 0x85)
			w = 2;
		else if (t[i] == 0xE2 && i + 2 < end && t[i + 1] == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9))
			w = 3;
		if (!w) {
			i++;
			continue;
		}
		i += w;
		c->ylines = pc_grow(&c->d->arena, c->ylines, &cap, c->nylines + 1, sizeof(*c->ylines));
		c->ylines[c->nylines++] = i;
	}
}

/* a libyaml line number (0-based) as the document's (1-based) */
static size_t ctx_line(struct ctx *c, size_t yline)
{
	size_t line, col;
	pc_doc_linecol(c->d, c->ylines[yline < c->nylines ? yline : c->nylines - 1], &line, &col);
	return line;
}

static const char *rid(struct ctx *c, const char *suffix)
{
	return pc_arena_printf(&c->d->arena, "%s.%s", c->o->rule_prefix, suffix);
}

static void add_child(struct ctx *c, struct frame *f, struct pc_ynode *n)
{
	struct pc_doc *d = c->d;
	struct pc_ynode *p = f->node;

	if (p->kind == PC_Y_SEQ) {
		p->vals = pc_grow(&d->arena, p->vals, &f->cap, p->n + 1, sizeof(*p->vals));
		p->vals[p->n++] = n;
		return;
	}
	if (!f->key) {
		if (n->kind != PC_Y_SCALAR)
			pc_finding_add(d, rid(c, "yaml"), PC_ERROR, n->start, n->start,
				       "キーには文字列を書いてください");
		f->key = n;
		return;
	}
	struct pc_ynode *k = f->key;
	f->key = NULL;
	if (k->kind != PC_Y_SCALAR)
		return;
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->keys[i]->str, k->str) == 0) {
			size_t line, col;
			pc_doc_linecol(d, p->keys[i]->start, &line, &col);
			struct pc_finding *fd = pc_finding_add(
				d, rid(c, "duplicate-key"), PC_ERROR, k->start, k->end,
				"キー「%s」が重複しています（最初は %zu 行目）。後の値は読み込んでいません",
				k->str, line);
			fd->suggestion = "どちらか一方を消してください";
			return;
		}
	}
	size_t cap = f->cap;
	p->keys = pc_grow(&d->arena, p->keys, &cap, p->n + 1, sizeof(*p->keys));
	p->vals = pc_grow(&d->arena, p->vals, &f->cap, p->n + 1, sizeof(*p->vals));
	p->keys[p->n] = k;
	p->vals[p->n++] = n;
}

/* Japanese words for libyaml's problems; the English stays in brackets
 * so a search engine still finds it. */
static const char *problem_ja(const char *p)
{
	static const struct {
		const char *en, *ja;
	} tab[] = {
		{"did not find expected key", "キーが見つかりません（字下げがずれていないか確認してください）"},
		{"mapping values are not allowed in this context", "この位置に「キー: 値」は書けません（値の中の「:」は引用符で囲んでください）"},
		{"could not find expected ':'", "「:」が見つかりません"},
		{"found character that cannot start any token", "ここに書けない文字があります（タブ文字や全角記号を確認してください）"},
		{"did not find expected ',' or ']'", "「,」か「]」が足りません"},
		{"did not find expected ',' or '}'", "「,」か「}」が足りません"},
		{"found unexpected end of stream", "途中でファイルが終わっています"},
		{"did not find expected node content", "値がありません"},
		{"block sequence entries are not allowed in this context", "この位置に「- 」のリストは書けません"},
		{"found undefined tag handle", "未定義のタグです"},
		{"found unknown escape character", "不明なエスケープ文字です"},
		{"did not find expected <document start>", "文書の始まりが見つかりません"},
	};
	for (size_t i = 0; i < PC_ARRAY_LEN(tab); i++)
		if (p && strcmp(p, tab[i].en) == 0)
			return tab[i].ja;
	return "YAML として読めません";
}

/* Same-length repairs with a finding each: leading tabs become spaces;
 * "key：" becomes "key:  " (the 3-byte colon turns into ':' + 2 spaces). */
static void prescan(struct ctx *c, char *copy, size_t start, size_t end)
{
	struct pc_doc *d = c->d;
	size_t i = 0, n = end - start;
	while (i < n) {
		size_t ls = i;
		size_t le = i;
		while (le < n && copy[le] != '\n')
			le++;
		size_t j = ls;
		bool tab = false;
		while (j < le && (copy[j] == ' ' || copy[j] == '\t')) {
			if (copy[j] == '\t') {
				copy[j] = ' ';
				tab = true;
			}
			j++;
		}
		if (tab)
			pc_finding_add(d, rid(c, "tab-indent"), PC_ERROR, start + ls, start + j,
				       "字下げにタブ文字が使われています。YAML の字下げは半角スペースだけです")
				->suggestion = "タブを半角スペース2つに置き換えてください";
		if (j < le && copy[j] == '-' && j + 1 < le && copy[j + 1] == ' ')
			j += 2;
		size_t k = j;
		while (k < le && ((copy[k] >= 'a' && copy[k] <= 'z') || (copy[k] >= 'A' && copy[k] <= 'Z') ||
				  (copy[k] >= '0' && copy[k] <= '9') || copy[k] == '_'))
			k++;
		while (k < le && copy[k] == ' ')
			k++;
		if (k > j && k + 3 <= le && memcmp(copy + k, "：", 3) == 0) {
			pc_finding_add(d, rid(c, "fullwidth-colon"), PC_ERROR, start + k, start + k + 3,
				       "キーの後ろが全角の「：」になっています。半角の「:」にしてください")
				->suggestion = "「：」を半角の「: 」に置き換えてください";
			memcpy(copy + k, ":  ", 3);
		}
		i = le + 1;
	}
}

struct pc_ynode *pc_yaml_parse(struct pc_doc *d, size_t start, size_t end,
			       const struct pc_yaml_opts *o)
{
	struct ctx c = {.d = d, .o = o};
	yaml_lines(&c, start, end);

	char *copy = pc_arena_strndup(&d->arena, d->text + start, end - start);
	prescan(&c, copy, start, end);

	yaml_parser_t p;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)copy, end - start);

	struct frame *stack = NULL;
	size_t depth = 0, cap = 0;
	struct pc_ynode *root = NULL;
	bool done = false;

	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			size_t off = mark_off(&c, p.problem_mark, end);
			struct pc_finding *f = pc_finding_add(d, rid(&c, "yaml"), PC_ERROR, off, off,
							      "%s（%s）", problem_ja(p.problem),
							      p.problem ? p.problem : "syntax error");
			f->suggestion = "字下げと「キー: 値」の形を確認してください";
			if (p.context && p.context_mark.line != p.problem_mark.line)
				f->suggestion = pc_arena_printf(&d->arena, "%zu 行目から始まる部分の書き方を確認してください",
								ctx_line(&c, p.context_mark.line));
			break;
		}
		size_t s = mark_off(&c, ev.start_mark, end);
		size_t e = mark_off(&c, ev.end_mark, end);
		struct pc_ynode *n = NULL;

		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			n = pc_arena_alloc(&d->arena, sizeof(*n));
			n->kind = PC_Y_SCALAR;
			n->start = s;
			n->end = e;
			n->str = pc_arena_strndup(&d->arena, (const char *)ev.data.scalar.value,
						  ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_ALIAS_EVENT:
			n = pc_arena_alloc(&d->arena, sizeof(*n));
			n->kind = PC_Y_NULL;
			n->start = s;
			n->end = e;
			/* an alias bomb is one mistake, not thousands */
			if (!c.naliases++)
				c.alias = pc_finding_add(d, rid(&c, "yaml-alias"), PC_ERROR, s, e,
							 "YAML の別名（*%s）は使えません。値をそのまま書いてください",
							 (const char *)ev.data.alias.anchor);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if ((int)depth >= o->max_depth) {
				pc_finding_add(d, rid(&c, "yaml-depth"), PC_ERROR, s, s,
					       "入れ子が深すぎます（%d 段まで）。ここから後は読み込んでいません",
					       o->max_depth);
				done = true;
				break;
			}
			n = pc_arena_alloc(&d->arena, sizeof(*n));
			n->kind = ev.type == YAML_MAPPING_START_EVENT ? PC_Y_MAP : PC_Y_SEQ;
			n->start = s;
			n->end = e;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0) {
				struct frame *f = &stack[--depth];
				if (e > f->node->end)
					f->node->end = e;
				if (f->key && f->node->kind == PC_Y_MAP) {
					/* "key" with no value at all: a null */
					struct pc_ynode *nul = pc_arena_alloc(&d->arena, sizeof(*nul));
					nul->kind = PC_Y_NULL;
					nul->start = nul->end = f->key->end;
					add_child(&c, f, nul);
				}
			}
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (!n)
			continue;
		if (depth > 0)
			add_child(&c, &stack[depth - 1], n);
		else if (!root)
			root = n;
		if (n->kind == PC_Y_MAP || n->kind == PC_Y_SEQ) {
			stack = pc_grow(&d->arena, stack, &cap, depth + 1, sizeof(*stack));
			stack[depth].node = n;
			stack[depth].key = NULL;
			stack[depth].cap = 0;
			depth++;
		}
	}
	if (c.naliases > 1 && c.alias)
		c.alias->message = pc_arena_printf(&d->arena, "%s（ほかに %zu か所）", c.alias->message,
						   c.naliases - 1);
	/* containers left open by an error end where the error was */
	while (depth > 0) {
		struct frame *f = &stack[--depth];
		if (f->node->end < f->node->start)
			f->node->end = f->node->start;
	}
	yaml_parser_delete(&p);
	return root;
}

struct pc_ynode *pc_ymap_get(const struct pc_ynode *m, const char *key)
{
	if (!m || m->kind != PC_Y_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, key) == 0)
			return m->vals[i];
	return NULL;
}

bool pc_yscalar_is(const struct pc_ynode *n, const char *s)
{
	return n && n->kind == PC_Y_SCALAR && strcmp(n->str, s) == 0;
}
