/*
 * mecab.c - the morphological analyser: MeCab with the IPA dictionary
 * (Debian's mecab-ipadic-utf8), the only file that includes mecab.h.  The
 * dictionary is loaded once per process (a MeCab model, shared); each
 * thread gets its own tagger and lattice on first use, freed when the
 * thread ends or at pc_mecab_shutdown().  It gives two things: the token
 * stream of a draft's prose (pc_doc_tokens: every sentence of every
 * paragraph and list item, tokenised once and shared by every prose rule)
 * and dictionary look-ups for the speller (pc_lex_prefixes).  Token
 * features point into the dictionary, which stays mapped until exit.
 */
#include "internal.h"

#include <mecab.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifndef PC_MECAB_DICDIR
#define PC_MECAB_DICDIR "/usr/lib/x86_64-linux-gnu/mecab/dic"
#endif

struct tagger {
	mecab_t *m;
	mecab_lattice_t *lat;
	struct tagger *next;        /* the registry, for shutdown */
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t key;
static mecab_model_t *model;
static struct tagger *registry;
static char load_err[4096];
static char dic_used[1024];

static bool has_sysdic(const char *dir)
{
	char p[1100];
	struct stat st;
	snprintf(p, sizeof(p), "%s/sys.dic", dir);
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static mecab_model_t *open_model(const char *dir)
{
	/* -r /dev/null: the dictionary is named here, so no mecabrc is
	 * needed (MeCab refuses to start when none is found) */
	char a0[] = "plancheck", a1[] = "-r", a2[] = "/dev/null", a3[] = "-d";
	char *argv[] = {a0, a1, a2, a3, (char *)(uintptr_t)dir, NULL};
	return mecab_model_new(5, argv);
}

/* IPAdic in UTF-8: the prose rules read its parts of speech, and a
 * JUMAN or EUC-JP dictionary would silently read as nonsense */
static bool model_is_ipadic(mecab_model_t *m, const char *dir)
{
	const mecab_dictionary_info_t *di = mecab_model_dictionary_info(m);
	for (; di; di = di->next)
		if (di->type == MECAB_SYS_DIC && di->charset && strcasecmp(di->charset, "utf-8") &&
		    strcasecmp(di->charset, "utf8")) {
			snprintf(load_err + strlen(load_err), sizeof(load_err) - strlen(load_err),
				 "%s%s は %s の辞書です（UTF-8 の IPAdic が必要です）", *load_err ? "。" : "", dir,
				 di->charset);
			return false;
		}
	mecab_lattice_t *lat = mecab_model_new_lattice(m);
	static const char probe[] = "です";
	bool ok = false;
	for (mecab_node_t *n = mecab_model_lookup(m, probe, probe + strlen(probe), lat); n; n = n->bnext)
		if (n->length == strlen(probe) && !strncmp(n->feature, "助動詞,", strlen("助動詞,")))
			ok = true;
	mecab_lattice_destroy(lat);
	if (!ok)
		snprintf(load_err + strlen(load_err), sizeof(load_err) - strlen(load_err),
			 "%s%s は IPAdic の品詞体系ではありません", *load_err ? "。" : "", dir);
	return ok;
}

static void free_tagger(void *p)
{
	struct tagger *t = p;
	if (!t)
		return;
	pthread_mutex_lock(&reg_lock);
	for (struct tagger **q = &registry; *q; q = &(*q)->next)
		if (*q == t) {
			*q = t->next;
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	mecab_lattice_destroy(t->lat);
	mecab_destroy(t->m);
	free(t);
}

static void load(void)
{
	pthread_key_create(&key, free_tagger);
	/* an explicit choice is final; otherwise Debian's UTF-8 IPAdic, the
	 * one mecab-config names, then whatever mecabrc chose */
	const char *env = getenv("PLANCHECK_MECAB_DIC");
	const char *cands[] = {"/var/lib/mecab/dic/ipadic-utf8", PC_MECAB_DICDIR "/ipadic-utf8",
			       PC_MECAB_DICDIR "/ipadic", "/usr/local/lib/mecab/dic/ipadic",
			       "/var/lib/mecab/dic/debian"};
	struct pc_buf tried = {0};
	size_t n = env && *env ? 1 : PC_ARRAY_LEN(cands);
	for (size_t i = 0; i < n && !model; i++) {
		const char *dir = env && *env ? env : cands[i];
		pc_buf_printf(&tried, "%s%s", tried.len ? ", " : "", dir);
		if (!has_sysdic(dir))
			continue;
		mecab_model_t *m = open_model(dir);
		if (m && model_is_ipadic(m, dir)) {
			model = m;
			snprintf(dic_used, sizeof(dic_used), "%s", dir);
		} else if (m)
			mecab_model_destroy(m);
		else
			snprintf(load_err + strlen(load_err), sizeof(load_err) - strlen(load_err), "%s%s: %s",
				 *load_err ? "。" : "", dir, mecab_strerror(NULL));
	}
	if (!model) {
		char why[1024];
		snprintf(why, sizeof(why), "%.1000s", load_err);
		snprintf(load_err, sizeof(load_err),
			 "MeCab の辞書（UTF-8 の IPAdic）が見つかりません%s%s%s。Debian/Ubuntu では "
			 "apt-get install mecab-ipadic-utf8 で入ります。別の場所にあるときは環境変数 "
			 "PLANCHECK_MECAB_DIC に辞書のディレクトリを指定してください（探した場所: %s）",
			 *why ? "（" : "", why, *why ? "）" : "", tried.s ? tried.s : "");
	}
	pc_buf_free(&tried);
}

bool pc_mecab_ready(const char **err)
{
	pthread_once(&once, load);
	if (!model && err)
		*err = load_err;
	return model != NULL;
}

const char *pc_mecab_dictionary(void)
{
	return pc_mecab_ready(NULL) ? dic_used : NULL;
}

/* this thread's tagger and lattice */
static struct tagger *tagger(void)
{
	if (!pc_mecab_ready(NULL))
		return NULL;
	struct tagger *t = pthread_getspecific(key);
	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	t->m = mecab_model_new_tagger(model);
	t->lat = mecab_model_new_lattice(model);
	if (!t->m || !t->lat)
		abort();   /* out of memory: the model itself loaded */
	pthread_setspecific(key, t);
	pthread_mutex_lock(&reg_lock);
	t->next = registry;
	registry = t;
	pthread_mutex_unlock(&reg_lock);
	return t;
}

void pc_mecab_shutdown(void)
{
	if (!model)
		return;
	pthread_setspecific(key, NULL);
	while (registry) {
		struct tagger *t = registry;
		registry = t->next;
		mecab_lattice_destroy(t->lat);
		mecab_destroy(t->m);
		free(t);
	}
	mecab_model_destroy(model);
	model = NULL;
}

size_t pc_lex_prefixes(const char *s, size_t n, struct pc_lex_entry *out, size_t max)
{
	struct tagger *t = tagger();
	size_t k = 0;
	if (!t || !n)
		return 0;
	for (mecab_node_t *nd = mecab_model_lookup(model, s, s + n, t->lat); nd; nd = nd->bnext) {
		if (nd->stat != MECAB_NOR_NODE || nd->length > n)
			continue;
		bool dup = false;
		for (size_t i = 0; i < k && !dup; i++)
			dup = out[i].len == nd->length;
		if (!dup && k < max)
			out[k++] = (struct pc_lex_entry){nd->length, nd->feature};
	}
	mecab_lattice_clear(t->lat);
	return k;
}

bool pc_lex_has(const char *s, size_t n)
{
	struct pc_lex_entry e[32];
	size_t k = pc_lex_prefixes(s, n, e, PC_ARRAY_LEN(e));
	for (size_t i = 0; i < k; i++)
		if (e[i].len == n)
			return true;
	return false;
}

const char *pc_tok_field(const struct pc_token *t, int k, size_t *len)
{
	if (k < 0 || k > 8) {
		*len = 0;
		return "";
	}
	*len = t->f->flen[k];
	return t->f->feature + t->f->fstart[k];
}

uint32_t pc_tok_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* the fields and their hashes, once per dictionary entry and draft:
 * every rule reads them, and a draft meets the same entries again and
 * again (their feature strings are the dictionary's own, so the pointer
 * is the key) */
static const struct pc_tokfields *fields_of(struct pc_doc *d, const char *f, bool unknown)
{
	struct pc_tokens *tk = &d->tokens;
	if ((tk->tabn + 1) * 2 > tk->tabcap) {
		size_t ncap = tk->tabcap ? tk->tabcap * 2 : 1024;
		struct pc_tokfields **nt = pc_arena_alloc(&d->arena, ncap * sizeof(*nt));
		for (size_t i = 0; i < tk->tabcap; i++)
			if (tk->tab[i]) {
				size_t h = ((uintptr_t)tk->tab[i]->feature >> 3) & (ncap - 1);
				while (nt[h])
					h = (h + 1) & (ncap - 1);
				nt[h] = tk->tab[i];
			}
		tk->tab = nt;
		tk->tabcap = ncap;
	}
	size_t h = ((uintptr_t)f >> 3) & (tk->tabcap - 1);
	while (tk->tab[h] && tk->tab[h]->feature != f)
		h = (h + 1) & (tk->tabcap - 1);
	if (tk->tab[h])
		return tk->tab[h];
	struct pc_tokfields *c = pc_arena_alloc(&d->arena, sizeof(*c));
	size_t n = strlen(f), s = 0;
	c->feature = f;
	c->unknown = unknown;
	for (int q = 0; q < 9; q++) {
		size_t e = s;
		while (e < n && f[e] != ',')
			e++;
		if (s <= n && e < 256 && e - s < 256) {
			c->fstart[q] = (uint8_t)s;
			c->flen[q] = (uint8_t)(e - s);
		}
		c->hash[q] = pc_tok_hash(f + c->fstart[q], c->flen[q]);
		s = e + 1;
	}
	tk->tab[h] = c;
	tk->tabn++;
	return c;
}

bool pc_tok_is(const struct pc_token *t, int k, const char *s)
{
	size_t l;
	const char *f = pc_tok_field(t, k, &l);
	return l == strlen(s) && !memcmp(f, s, l);
}

/* MeCab's unknown-word grouping tries the whole run of one character
 * class from every position in it, and its lattice holds every node of
 * what it is given: 100,000 digits in one line took 17 s, 6 MB of "あ、"
 * 1.1 GB.  So it never gets more than PIECE bytes at once.  A sentence
 * that long is cut just after a 、, a comma, a space or other punctuation
 * in the piece's last CUT_BACK bytes, else before a character that is not
 * a combining mark, else at any character; ordinary sentences are far
 * shorter and are read whole. */
enum { PIECE = 1024, CUT_BACK = 128 };

static bool is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* the code point at s (UTF-8, n bytes left); 0 when it is not one */
static uint32_t code_at(const unsigned char *s, size_t n)
{
	if (n >= 2 && (s[0] & 0xE0) == 0xC0)
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	if (n >= 3 && (s[0] & 0xF0) == 0xE0)
		return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	return s[0] < 0x80 ? s[0] : 0;
}

static bool is_combining(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	       (c >= 0xFE20 && c <= 0xFE2F) || c == 0x3099 || c == 0x309A ||
	       (c >= 0xFE00 && c <= 0xFE0F);   /* variation selectors */
}

/* a place to end a piece that starts at s and may run to s+n (n > PIECE) */
static size_t piece_end(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t lo = PIECE - CUT_BACK, any = 0, plain = 0;
	for (size_t e = PIECE; e > lo; e--) {
		if (is_cont(u[e]))
			continue;
		if (!any)
			any = e;
		uint32_t prev = 0;
		size_t p = e - 1;
		while (p > 0 && is_cont(u[p]))
			p--;
		prev = code_at(u + p, e - p);
		if (prev == 0x3001 || prev == 0xFF0C || prev == 0xFF0E || prev == 0x3000 ||
		    prev == ',' || prev == ' ' || prev == '\t' || prev == ')' || prev == 0xFF09 ||
		    prev == 0x300D || prev == 0x300F || prev == 0x30FB)
			return e;   /* just after 、，．　, ) ）」』・ */
		if (!plain && !is_combining(code_at(u + e, n - e)))
			plain = e;
	}
	if (plain)
		return plain;
	if (any)
		return any;
	/* no character starts in the window (not UTF-8): cut where one does */
	size_t e = PIECE;
	while (e < n && is_cont(u[e]))
		e++;
	return e;
}

static void tokenise_piece(struct pc_doc *d, struct tagger *t, size_t si, size_t from, size_t to)
{
	const char *base = d->text + from;
	mecab_lattice_set_sentence2(t->lat, base, to - from);
	if (!mecab_parse_lattice(t->m, t->lat))
		return;   /* MeCab fails only on memory; the piece is left out */
	for (const mecab_node_t *n = mecab_lattice_get_bos_node(t->lat); n; n = n->next) {
		if (n->stat == MECAB_BOS_NODE || n->stat == MECAB_EOS_NODE || !n->length)
			continue;
		if (d->tokens.n == d->tokens.cap) {
			d->tokens.cap = d->tokens.cap ? d->tokens.cap + d->tokens.cap / 2 : 1024;
			d->tokens.v = realloc(d->tokens.v, d->tokens.cap * sizeof(*d->tokens.v));
			if (!d->tokens.v)
				abort();
		}
		struct pc_token *k = &d->tokens.v[d->tokens.n++];
		k->start = (uint32_t)(from + (size_t)(n->surface - base));
		k->end = k->start + n->length;
		k->f = fields_of(d, n->feature, n->stat == MECAB_UNK_NODE);
		k->sentence = (uint32_t)si;
		k->shash = pc_tok_hash(d->text + k->start, n->length);
	}
}

static void tokenise(struct pc_doc *d, struct tagger *t, size_t si)
{
	const struct pc_sentence *s = &d->sentences[si];
	size_t at = s->start;
	while (s->end - at > PIECE) {
		size_t e = piece_end(d->text + at, s->end - at);
		tokenise_piece(d, t, si, at, at + e);
		at += e;
	}
	if (at < s->end)
		tokenise_piece(d, t, si, at, s->end);
}

void pc_doc_tokens_release(struct pc_doc *d)
{
	free(d->tokens.v);
	d->tokens.v = NULL;
	d->tokens.n = d->tokens.cap = 0;
	d->tokens.done = d->tokens.ok = false;
}

const struct pc_tokens *pc_doc_tokens(struct pc_doc *d)
{
	if (d->tokens.done)
		return d->tokens.ok ? &d->tokens : NULL;
	d->tokens.done = true;
	struct tagger *t = tagger();
	if (!t)
		return NULL;
	if (d->len > UINT32_MAX || d->nsentences > UINT32_MAX)
		return NULL;   /* spans are 32-bit: no prose rule for a draft this size */
	d->tokens.ok = true;
	for (size_t i = 0; i < d->nsentences && !pc_doc_stopped(d); i++)
		tokenise(d, t, i);
	/* as long as it needs to be: it lives as long as the draft */
	if (d->tokens.n && d->tokens.n < d->tokens.cap) {
		struct pc_token *v = realloc(d->tokens.v, d->tokens.n * sizeof(*v));
		if (v) {
			d->tokens.v = v;
			d->tokens.cap = d->tokens.n;
		}
	}
	return &d->tokens;
}
