/*
 * check_spelling.c - the `spelling` kind over hunspell's C API.  Tokens are
 * runs of katakana (with ー; ・ splits a run) and runs of Latin letters;
 * katakana is checked against dicts/<dictionary>.{aff,dic} (our UTF-8
 * list of loanwords and business, GX and DX terms, compounding allowed),
 * Latin words against a system dictionary (Debian's en_US) and then ours.
 * Acronyms in capitals are left alone.  A misspelt token gets a finding
 * with hunspell's suggestions.  User words: dicts/user.dic beside the
 * rules, and --dict FILE (pc_rules_add_words).  One speller per rule set,
 * shared by every document; hunspell calls are serialised by a mutex
 * because `review` checks drafts on several threads.
 */
#include "rules.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* words found correct, as hashes: drafts of one batch share most of their
 * vocabulary, and a hunspell lookup costs thousands of instructions where
 * this costs a few.  Only correct words are kept, so a verdict never
 * depends on which draft came first. */
struct seen_words {
	uint64_t *slot;
	size_t cap, n;
};

struct pc_speller {
	Hunhandle *ja, *latin;
	pthread_mutex_t lock;       /* hunspell and the cache */
	long min_len;
	struct seen_words known;
};

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* dicts/ beside the rules directory, else the data directory's (a copied
 * or custom --rules directory still finds the installed dictionaries) */
static bool dict_path(const char *rules_dir, const char *name, const char *ext, char *out, size_t n)
{
	snprintf(out, n, "%s/../dicts/%s.%s", rules_dir, name, ext);
	if (exists(out))
		return true;
	const char *data = pc_data_dir_get();
	if (data) {
		snprintf(out, n, "%s/dicts/%s.%s", data, name, ext);
		if (exists(out))
			return true;
	}
	return false;
}

static void add_word_file(Hunhandle *h, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	bool first = true;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		size_t l = strcspn(line, "\r\n/\t #");
		line[l] = '\0';
		/* a .dic file starts with its word count: not a word */
		if (first && l && strspn(line, "0123456789") == l) {
			first = false;
			continue;
		}
		first = false;
		if (l)
			Hunspell_add(h, line);
	}
	fclose(f);
}

void pc_rules_add_words(struct pc_ruleset *rs, const char *path)
{
	for (size_t i = 0; i < rs->nrules; i++) {
		struct pc_speller *sp = rs->rules[i].speller;
		if (!sp)
			continue;
		pthread_mutex_lock(&sp->lock);
		add_word_file(sp->ja, path);
		if (sp->latin)
			add_word_file(sp->latin, path);
		pthread_mutex_unlock(&sp->lock);
	}
}

void pc_speller_free(struct pc_speller *sp)
{
	if (!sp)
		return;
	free(sp->known.slot);
	Hunspell_destroy(sp->ja);
	if (sp->latin)
		Hunspell_destroy(sp->latin);
	pthread_mutex_destroy(&sp->lock);
	free(sp);
}

static bool compile_spelling(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *dn = pc_ymap_get(m, "dictionary");
	const char *name = dn ? pc_loader_str(L, dn, "dictionary") : NULL;
	char aff[4096], dic[4096];
	if (!name) {
		if (!dn)
			pc_loader_error(L, m, "spelling の規則には dictionary（dicts/ の辞書名）が必要です");
		return false;
	}
	const char *rules_dir = pc_loader_rules_dir(L);
	if (!dict_path(rules_dir, name, "aff", aff, sizeof(aff)) ||
	    !dict_path(rules_dir, name, "dic", dic, sizeof(dic))) {
		pc_loader_error(L, dn, "辞書 dicts/%s.aff と .dic が見つかりません", name);
		return false;
	}
	struct pc_speller *sp = calloc(1, sizeof(*sp));
	if (!sp)
		abort();
	pthread_mutex_init(&sp->lock, NULL);
	sp->known.cap = 1 << 16;
	sp->known.slot = calloc(sp->known.cap, sizeof(*sp->known.slot));
	if (!sp->known.slot)
		abort();
	sp->ja = Hunspell_create(aff, dic);
	char user[4096];
	if (dict_path(rules_dir, "user", "dic", user, sizeof(user)))
		add_word_file(sp->ja, user);
	const struct pc_ynode *lt = pc_ymap_get(m, "latin");
	if (lt) {
		const char *l = pc_loader_str(L, lt, "latin");
		char la[4096], ld[4096];
		snprintf(la, sizeof(la), "/usr/share/hunspell/%s.aff", l ? l : "");
		snprintf(ld, sizeof(ld), "/usr/share/hunspell/%s.dic", l ? l : "");
		if (l && exists(la) && exists(ld))
			sp->latin = Hunspell_create(la, ld);
		else
			pc_loader_error(L, lt, "欧文の辞書 %s が見つかりません（Debian の hunspell-en-us など）", l ? l : "");
	}
	sp->min_len = 3;
	if (pc_ymap_get(m, "min_length"))
		pc_loader_int(L, pc_ymap_get(m, "min_length"), &sp->min_len);
	r->speller = sp;
	return true;
}

static bool is_kata(int32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE ||
	       (cp >= 0x31F0 && cp <= 0x31FF);
}

static bool is_latin(int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static uint64_t word_hash(const char *s, size_t n)
{
	return pc_fnv1a(s, n, PC_FNV_SEED) | 1;   /* 0 marks an empty slot */
}

static bool seen_has(const struct seen_words *w, uint64_t h)
{
	for (size_t i = h & (w->cap - 1);; i = (i + 1) & (w->cap - 1)) {
		if (!w->slot[i])
			return false;
		if (w->slot[i] == h)
			return true;
	}
}

static void seen_add(struct seen_words *w, uint64_t h)
{
	if ((w->n + 1) * 2 > w->cap)
		return;   /* full enough: just stop caching */
	size_t i = h & (w->cap - 1);
	while (w->slot[i] && w->slot[i] != h)
		i = (i + 1) & (w->cap - 1);
	if (!w->slot[i])
		w->n++;
	w->slot[i] = h;
}

static void check_token(struct pc_run *x, const struct pc_rule *r, size_t s, size_t e, bool kata)
{
	struct pc_doc *d = x->d;
	struct pc_speller *sp = r->speller;
	const char *t = d->text;
	size_t nchars = pc_utf8_count(t + s, e - s);
	if ((long)nchars < sp->min_len)
		return;
	if (!kata) {
		bool upper = true;
		for (size_t i = s; i < e; i++)
			if (t[i] >= 'a' && t[i] <= 'z')
				upper = false;
		if (upper)
			return;   /* ISO, IATF, CNC: acronyms */
		/* a word glued to digits (Tier1, 5G) is a model name */
		if ((s > 0 && t[s - 1] >= '0' && t[s - 1] <= '9') || (e < d->len && t[e] >= '0' && t[e] <= '9'))
			return;
	}
	char word[256];
	if (e - s >= sizeof(word))
		return;
	/* katakana and Latin tokens never share bytes: one cache serves both */
	uint64_t wh = word_hash(t + s, e - s);
	pthread_mutex_lock(&sp->lock);
	if (seen_has(&sp->known, wh)) {
		pthread_mutex_unlock(&sp->lock);
		return;
	}
	memcpy(word, t + s, e - s);
	word[e - s] = '\0';
	bool ok = Hunspell_spell(sp->ja, word) || (!kata && sp->latin && Hunspell_spell(sp->latin, word));
	char **list = NULL;
	int n = 0;
	Hunhandle *h = kata || !sp->latin ? sp->ja : sp->latin;
	if (!ok)
		n = Hunspell_suggest(h, &list, word);
	struct pc_buf b = {0};
	for (int i = 0; i < n && i < 3; i++)
		pc_buf_printf(&b, "%s「%s」", i ? "、" : "", list[i]);
	if (n)
		Hunspell_free_list(h, &list, n);
	if (ok)
		seen_add(&sp->known, wh);
	pthread_mutex_unlock(&sp->lock);
	if (ok) {
		pc_buf_free(&b);
		return;
	}
	struct pc_val w = {.t = X_TEXT, .s = pc_arena_strdup(&d->arena, word)};
	struct pc_val sg = {.t = X_TEXT, .s = pc_arena_strdup(&d->arena, b.s ? b.s : "")};
	pc_run_local(x, L_WRITTEN, w);
	pc_run_local(x, L_SUGGEST, sg);
	struct pc_finding *f = pc_run_emit(x, r, s, e, r->level, NULL);
	if (!b.len)
		f->suggestion = NULL;
	pc_buf_free(&b);
}

/* a three-byte character that is neither katakana (U+30A1-30FF,
 * U+31F0-31FF) nor Latin: kanji, U+3000-307F (、。「」 and most hiragana)
 * and the rest, told by its first two bytes so the scan need not decode */
static bool plain_three(const char *p, size_t left)
{
	unsigned char c = (unsigned char)p[0], c1 = left > 1 ? (unsigned char)p[1] : 0;
	return left >= 3 && ((c >= 0xE4 && c <= 0xEF) || (c == 0xE3 && (c1 == 0x80 || c1 == 0x81)));
}

static void run_spelling(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const char *t = d->text;
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct pc_block *bl = &d->blocks[b];
		if (bl->kind != PC_B_PARA && bl->kind != PC_B_LIST && bl->kind != PC_B_HEADING &&
		    bl->kind != PC_B_TABLE)
			continue;
		size_t i = bl->tstart, ts = 0;
		int mode = 0;   /* 0 none, 1 katakana, 2 latin */
		while (i <= bl->tend) {
			size_t at = i;
			int32_t cp;
			int m;
			if (i >= bl->tend) {
				cp = -2;
				m = 0;
			} else if (plain_three(t + i, bl->tend - i)) {
				cp = 0;
				m = 0;
				i += 3;
			} else {
				cp = pc_u8(t, bl->tend, &i);
				m = cp >= 0 && is_kata(cp) ? 1 : cp >= 0 && is_latin(cp) ? 2 : 0;
			}
			/* ー inside a run only; a run may not start with it */
			if (m == 1 && mode != 1 && cp == 0x30FC)
				m = 0;
			if (m != mode) {
				if (mode)
					check_token(x, r, ts, at, mode == 1);
				ts = at;
				mode = m;
			}
			if (cp == -2)
				break;
		}
	}
}

static const char *const spelling_keys[] = {"dictionary", "latin", "min_length", NULL};
const struct pc_kind pc_kind_spelling = {"spelling", spelling_keys, compile_spelling, run_spelling};
