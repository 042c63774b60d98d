/*
 * check_spelling.c - the `spelling` kind: typos, not vocabulary.  Words are
 * runs of katakana (with ー; ・ splits a run) and runs of Latin letters; a
 * run glued to letters or digits of the other script (Uターン, ECサイト,
 * Tier1) is part of a larger word and is not checked alone.  A word is
 * known when the IPA dictionary (through MeCab), dicts/<dictionary> (our
 * hunspell list of business, GX and DX loanwords), the system's Latin
 * dictionary (en_US) or the user's dictionaries (dicts/user.dic, --dict,
 * a configuration's dict:) has it, or when it is a compound of dictionary
 * words of three characters or more (ホタテ＋ボイル).  An unknown word is a
 * typo only when one typing slip away from a known word - a small kana
 * for a large one (マーケテイング), a dropped or doubled ー or ッ
 * (カーボンニュトラル), a voiced kana for an unvoiced one (ハンドバック),
 * two kana swapped, one too many; for Latin words a dropped, doubled,
 * swapped or wrong vowel letter - and that word is the suggestion.  A
 * word close to nothing is a name, not a typo: `report: unknown` rules
 * (shipped off) list those.
 *
 * The dictionaries are shared by every rule set of the process (review
 * with several configurations, serve): one lexicon per dictionary, kept
 * until exit, with en_US loaded only when a Latin word is not already
 * decided.  Verdicts are cached per lexicon (a bounded table, cleared when
 * full: a verdict never depends on the cache), and the user's words are
 * the rule's own.  hunspell is not thread-safe: a lexicon's mutex guards
 * it and its cache.
 */
#include "kind.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum verdict { V_NONE = 0, V_KNOWN, V_TYPO, V_UNKNOWN };

struct slot {
	uint64_t h;                 /* 0: empty */
	unsigned char v;            /* enum verdict */
	uint32_t sugg;              /* offset of the suggestion in the lexicon's pool */
};

#define CACHE_SLOTS (1u << 16)

/* the user's words: exact, as written (and lower-cased for Latin) */
struct words {
	uint64_t *slot;
	size_t cap, n;
};

struct lexicon {
	char *key;                  /* aff path + dic path + latin name */
	Hunhandle *ja;              /* dicts/<dictionary> */
	struct words ours;          /* its words as listed, without compounds */
	char *latin;                /* "en_US", or NULL */
	Hunhandle *lat;             /* loaded on first need */
	bool lat_failed;
	pthread_mutex_t lock;
	struct slot *slots;
	size_t used;
	struct pc_buf pool;         /* suggestions, NUL-separated */
	struct lexicon *next;
};


struct pc_speller {
	struct lexicon *lx;
	struct words user;
	long min_len;
	bool unknown;               /* report: unknown (the names), not typos */
};

static void read_words(struct words *w, const char *path);
static bool words_has(const struct words *w, uint64_t h);
static uint64_t word_hash(const char *s, size_t n);

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lexicon *registry;

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
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

static uint64_t word_hash(const char *s, size_t n)
{
	return pc_fnv1a(s, n, PC_FNV_SEED) | 1;   /* 0 marks an empty slot */
}

/* ---- the user's words ------------------------------------------------------ */

static bool words_has(const struct words *w, uint64_t h)
{
	if (!w->cap)
		return false;
	for (size_t i = h & (w->cap - 1);; i = (i + 1) & (w->cap - 1)) {
		if (!w->slot[i])
			return false;
		if (w->slot[i] == h)
			return true;
	}
}

static void words_add(struct words *w, const char *s, size_t n)
{
	if ((w->n + 1) * 2 > w->cap) {
		struct words g = {calloc(w->cap ? w->cap * 2 : 256, sizeof(*g.slot)), w->cap ? w->cap * 2 : 256, 0};
		if (!g.slot)
			abort();
		for (size_t i = 0; i < w->cap; i++)
			if (w->slot[i]) {
				size_t k = w->slot[i] & (g.cap - 1);
				while (g.slot[k])
					k = (k + 1) & (g.cap - 1);
				g.slot[k] = w->slot[i];
				g.n++;
			}
		free(w->slot);
		*w = g;
	}
	uint64_t h = word_hash(s, n);
	size_t i = h & (w->cap - 1);
	while (w->slot[i] && w->slot[i] != h)
		i = (i + 1) & (w->cap - 1);
	if (!w->slot[i])
		w->n++;
	w->slot[i] = h;
}

/* one word a line, or a hunspell .dic: its count line and /flags go */
static void read_words(struct words *w, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	bool first = true;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *s = line;
		if (first && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
			s += 3;   /* a BOM from Notepad */
		size_t l = strcspn(s, "\r\n/\t #");
		s[l] = '\0';
		if (first && l && strspn(s, "0123456789") == l) {
			first = false;
			continue;
		}
		first = false;
		if (l)
			words_add(w, s, l);
	}
	fclose(f);
}

void pc_rules_add_words(struct pc_ruleset *rs, const char *path)
{
	for (size_t i = 0; i < rs->nrules; i++)
		/* another kind's data is behind as */
		if (rs->rules[i].kind == &pc_kind_spelling && rs->rules[i].as->spelling.speller)
			read_words(&rs->rules[i].as->spelling.speller->user, path);
}

static bool user_knows(const struct pc_speller *sp, const char *s, size_t n, bool latin)
{
	if (words_has(&sp->user, word_hash(s, n)))
		return true;
	if (!latin || n >= 64)
		return false;
	/* a Latin word at the start of a sentence or in a heading is
	 * capitalised: the user's "smartfarm" covers "Smartfarm" */
	char low[64];
	for (size_t i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	return words_has(&sp->user, word_hash(low, n));
}

/* ---- lexicons ------------------------------------------------------------- */

static struct lexicon *lexicon_get(const char *aff, const char *dic, const char *latin)
{
	char key[8300];
	snprintf(key, sizeof(key), "%s|%s|%s", aff, dic, latin ? latin : "");
	pthread_mutex_lock(&registry_lock);
	struct lexicon *lx = registry;
	while (lx && strcmp(lx->key, key))
		lx = lx->next;
	if (!lx) {
		lx = calloc(1, sizeof(*lx));
		if (!lx)
			abort();
		lx->key = strdup(key);
		lx->ja = Hunspell_create(aff, dic);
		read_words(&lx->ours, dic);
		lx->latin = latin ? strdup(latin) : NULL;
		lx->slots = calloc(CACHE_SLOTS, sizeof(*lx->slots));
		if (!lx->key || !lx->ja || !lx->slots)
			abort();
		pthread_mutex_init(&lx->lock, NULL);
		lx->next = registry;
		registry = lx;
	}
	pthread_mutex_unlock(&registry_lock);
	return lx;
}

/* en_US and the like: only when a Latin word needs it (building it costs
 * more than checking a whole draft) */
static Hunhandle *latin_dict(struct lexicon *lx)
{
	if (!lx->lat && !lx->lat_failed && lx->latin) {
		char aff[512], dic[512];
		snprintf(aff, sizeof(aff), "/usr/share/hunspell/%s.aff", lx->latin);
		snprintf(dic, sizeof(dic), "/usr/share/hunspell/%s.dic", lx->latin);
		lx->lat = Hunspell_create(aff, dic);
		lx->lat_failed = !lx->lat;
	}
	return lx->lat;
}

static struct slot *cache_find(struct lexicon *lx, uint64_t h)
{
	for (size_t i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1))
		if (!lx->slots[i].h || lx->slots[i].h == h)
			return &lx->slots[i];
}

static void cache_put(struct lexicon *lx, uint64_t h, enum verdict v, const char *sugg)
{
	if ((lx->used + 1) * 2 > CACHE_SLOTS) {
		/* full: start again (bounded memory for a long-running server;
		 * a verdict is the same whenever it is computed) */
		memset(lx->slots, 0, CACHE_SLOTS * sizeof(*lx->slots));
		lx->used = 0;
		lx->pool.len = 0;
	}
	struct slot *s = cache_find(lx, h);
	if (!s->h)
		lx->used++;
	s->h = h;
	s->v = (unsigned char)v;
	s->sugg = (uint32_t)lx->pool.len;
	if (sugg)
		pc_buf_add(&lx->pool, sugg, strlen(sugg) + 1);
	else
		pc_buf_putc(&lx->pool, '\0');
}

/* ---- katakana -------------------------------------------------------------- */

static size_t u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* a katakana word in the IPA dictionary, or in ours */
static bool kata_entry(struct lexicon *lx, const char *s, size_t n)
{
	if (pc_lex_has(s, n))
		return true;
	char w[256];
	if (n >= sizeof(w))
		return false;
	memcpy(w, s, n);
	w[n] = '\0';
	return Hunspell_spell(lx->ja, w) != 0;
}

/* a compound of dictionary words of three characters or more: ホタテ＋
 * ボイル, サプライ＋チェーン.  Shorter parts would let typos through
 * (ヒト＋ポンプ for ヒートポンプ); ours (hunspell) compounds on its own. */
static bool kata_compound(struct lexicon *lx, const char *s, size_t n, bool with_ours)
{
	bool reach[257] = {true};
	if (n > 256 || n < 18)
		return false;   /* two parts of three characters at least */
	for (size_t i = 0; i < n; i += 3) {
		if (!reach[i])
			continue;
		struct pc_lex_entry e[32];
		size_t k = pc_lex_prefixes(s + i, n - i, e, PC_ARRAY_LEN(e));
		for (size_t q = 0; q < k; q++)
			if (e[q].len >= 9 && !(i == 0 && e[q].len == n))
				reach[i + e[q].len] = true;
		if (with_ours)
			for (size_t j = i + 9; j <= n; j += 3)
				if (!reach[j] && !(i == 0 && j == n)) {
					char w[257];
					memcpy(w, s + i, j - i);
					w[j - i] = '\0';
					reach[j] = Hunspell_spell(lx->ja, w) != 0;
				}
	}
	return reach[n];
}

static bool kata_known(struct lexicon *lx, const char *s, size_t n, bool with_ours)
{
	return kata_entry(lx, s, n) || kata_compound(lx, s, n, with_ours);
}

/* pairs one typing slip apart: small and large kana, voiced and not */
static const char *const swaps[][2] = {
	{"ァ", "ア"}, {"ィ", "イ"}, {"ゥ", "ウ"}, {"ェ", "エ"}, {"ォ", "オ"}, {"ッ", "ツ"}, {"ャ", "ヤ"},
	{"ュ", "ユ"}, {"ョ", "ヨ"}, {"カ", "ガ"}, {"キ", "ギ"}, {"ク", "グ"}, {"ケ", "ゲ"}, {"コ", "ゴ"},
	{"サ", "ザ"}, {"シ", "ジ"}, {"ス", "ズ"}, {"セ", "ゼ"}, {"ソ", "ゾ"}, {"タ", "ダ"}, {"チ", "ヂ"},
	{"ツ", "ヅ"}, {"テ", "デ"}, {"ト", "ド"}, {"ハ", "バ"}, {"ヒ", "ビ"}, {"フ", "ブ"}, {"ヘ", "ベ"},
	{"ホ", "ボ"}, {"ハ", "パ"}, {"ヒ", "ピ"}, {"フ", "プ"}, {"ヘ", "ペ"}, {"ホ", "ポ"}, {"バ", "パ"},
	{"ビ", "ピ"}, {"ブ", "プ"}, {"ベ", "ペ"}, {"ボ", "ポ"},
};
/* what a slip adds or drops */
static const char *const inserts[] = {"ー", "ッ", "ン", "ィ", "ェ", "ャ", "ュ", "ョ", "ァ", "ォ", "ゥ"};

struct cand {
	char w[260];
	size_t n;
};

/* a common noun of the IPA dictionary (not a name: パエリア is no slip
 * for the company パリエア), or a word of ours */
static bool kata_common(struct lexicon *lx, const char *s, size_t n)
{
	struct pc_lex_entry e[32];
	size_t k = pc_lex_prefixes(s, n, e, PC_ARRAY_LEN(e));
	for (size_t q = 0; q < k; q++)
		if (e[q].len == n && !strncmp(e[q].feature, "名詞,", strlen("名詞,")) &&
		    strncmp(e[q].feature, "名詞,固有名詞", strlen("名詞,固有名詞")))
			return true;
	return words_has(&lx->ours, word_hash(s, n));   /* hunspell would take compounds too */
}

/* a slip's result must be a word of the dictionaries itself, not a
 * compound: ブラインタンク less its ブ is ライン＋タンク, no slip */
static bool try_cand(struct lexicon *lx, const struct cand *c, const char *orig, size_t on, char *out, size_t outn)
{
	if (c->n == on && !memcmp(c->w, orig, on))
		return false;
	if (c->n < 12 || !kata_common(lx, c->w, c->n))
		return false;
	snprintf(out, outn, "%.*s", (int)c->n, c->w);
	return true;
}

/* the final ー is a matter of style (コンピュータ, プリンター), never a slip */
static bool final_bar_variant(struct lexicon *lx, const char *s, size_t n)
{
	static const char bar[] = "ー";
	if (n > 6 && !memcmp(s + n - 3, bar, 3))
		return kata_known(lx, s, n - 3, true);
	char w[260];
	if (n + 3 >= sizeof(w))
		return false;
	memcpy(w, s, n);
	memcpy(w + n, bar, 3);
	return kata_known(lx, w, n + 3, true);
}

/* ウイ/ウィ, ウエ/ウェ, ウオ/ウォ, クオ/クォ, フイ/フィ are both right
 * (外来語の表記, 平成3年内閣告示第2号: フイルム, ウイスキー, クオリティ) */
static bool small_variant(const char *s, size_t at)
{
	static const char *const before[] = {"ウ", "ク", "グ", "フ", "ヴ", "ツ"};
	for (size_t i = 0; at >= 3 && i < PC_ARRAY_LEN(before); i++)
		if (!memcmp(s + at - 3, before[i], 3))
			return true;
	return false;
}

/* what a slip leaves out or puts in twice: ー ッ ン and the small kana */
static bool slip_kana(const char *s)
{
	static const char *const k[] = {"ー", "ッ", "ン", "ァ", "ィ", "ゥ", "ェ", "ォ", "ャ", "ュ", "ョ"};
	for (size_t i = 0; i < PC_ARRAY_LEN(k); i++)
		if (!memcmp(s, k[i], 3))
			return true;
	return false;
}

/* the slips that give a word of the dictionaries; edits only in
 * [lo, hi) (a part of a compound is not changed where it meets the
 * other part: ウェイ＋トチェッカー is not a slip in チェッカー) */
static bool kata_slip(struct lexicon *lx, const char *s, size_t n, size_t lo, size_t hi, bool voicing, char *out,
		      size_t outn)
{
	struct cand c;
	if (n + 6 >= sizeof(c.w) || n < 12)
		return false;   /* four characters at least: shorter words have too many neighbours */
	/* one kana for its pair */
	for (size_t i = lo; i < hi; i += u8len(s + i)) {
		size_t cl = u8len(s + i);
		for (size_t p = 0; p < PC_ARRAY_LEN(swaps); p++)
			for (int side = 0; side < 2; side++) {
				const char *from = swaps[p][side], *to = swaps[p][!side];
				if (cl != strlen(from) || memcmp(s + i, from, cl))
					continue;
				if (p < 5 && small_variant(s, i))
					continue;
				/* voiced for unvoiced only in long words: フライヤー and
				 * プライヤー, バゲット and バケット are all words */
				if (p >= 9 && !voicing)
					continue;
				memcpy(c.w, s, i);
				memcpy(c.w + i, to, strlen(to));
				memcpy(c.w + i + strlen(to), s + i + cl, n - i - cl);
				c.n = n - cl + strlen(to);
				if (try_cand(lx, &c, s, n, out, outn))
					return true;
			}
	}
	/* a kana too many, or two swapped */
	for (size_t i = lo; i < hi; i += u8len(s + i)) {
		size_t cl = u8len(s + i);
		memcpy(c.w, s, i);
		memcpy(c.w + i, s + i + cl, n - i - cl);
		c.n = n - cl;
		/* only what a slip puts in: ー ッ ン, a small kana, a kana twice
		 * (プレミックス less its ミ is another word, not a slip); never
		 * the final ー (style) */
		bool twice = i + cl < n && !memcmp(s + i, s + i + cl, cl);
		if ((slip_kana(s + i) || twice) && (i + cl < n || memcmp(s + i, "ー", 3)))
			if (try_cand(lx, &c, s, n, out, outn))
				return true;
		if (i + cl < hi) {
			size_t dl = u8len(s + i + cl);
			memcpy(c.w, s, i);
			memcpy(c.w + i, s + i + cl, dl);
			memcpy(c.w + i + dl, s + i, cl);
			memcpy(c.w + i + dl + cl, s + i + cl + dl, n - i - cl - dl);
			c.n = n;
			if (try_cand(lx, &c, s, n, out, outn))
				return true;
		}
	}
	/* a kana dropped (not a final ー: style), where it can stand: a
	 * small kana after a plain one, ー ッ ン after a plain or small one */
	for (size_t i = lo > 3 ? lo : 3; i < hi; i += u8len(s + i)) {
		const char *prev = s + i - 3;
		bool plain = !slip_kana(prev);
		if (!plain && (!memcmp(prev, "ー", 3) || !memcmp(prev, "ッ", 3) || !memcmp(prev, "ン", 3)))
			continue;
		for (size_t k = 0; k < PC_ARRAY_LEN(inserts); k++) {
			if (!plain && k >= 3)
				continue;   /* no small kana after a small kana */
			/* a small ャ ュ ョ left out makes another syllable (キャ, キ),
			 * not a slip of the keys: キッシュ is no キャッシュ, シッピング
			 * no ショッピング */
			if (k >= 5 && k <= 7)
				continue;
			size_t il = strlen(inserts[k]);
			memcpy(c.w, s, i);
			memcpy(c.w + i, inserts[k], il);
			memcpy(c.w + i + il, s + i, n - i);
			c.n = n + il;
			if (try_cand(lx, &c, s, n, out, outn))
				return true;
		}
	}
	return false;
}

/* a slip in the word, or in one part of a compound whose other part is a
 * word (カーボン＋ニュトラル, スマート＋ファクトリ－): the suggestion is
 * the whole word put right */
static bool kata_typo(struct lexicon *lx, const char *s, size_t n, char *out, size_t outn)
{
	bool voicing = n >= 18;   /* six characters */
	if (kata_slip(lx, s, n, 0, n, voicing, out, outn))
		return true;
	char fix[256];
	struct pc_lex_entry e[32];
	size_t k = pc_lex_prefixes(s, n, e, PC_ARRAY_LEN(e));
	for (size_t q = 0; q < k; q++)
		if (e[q].len >= 9 && e[q].len < n &&
		    kata_slip(lx, s + e[q].len, n - e[q].len, 3, n - e[q].len, voicing, fix, sizeof(fix))) {
			snprintf(out, outn, "%.*s%s", (int)e[q].len, s, fix);
			return true;
		}
	/* the first part wrong, the last a word */
	for (size_t j = n - 9; j >= 12 && j < n; j -= 3)
		if (kata_entry(lx, s + j, n - j) && kata_slip(lx, s, j, 0, j - 3, voicing, fix, sizeof(fix))) {
			snprintf(out, outn, "%s%.*s", fix, (int)(n - j), s + j);
			return true;
		}
	return false;
}

/* ---- Latin ----------------------------------------------------------------- */

static bool latin_spell(struct lexicon *lx, const char *w)
{
	if (Hunspell_spell(lx->ja, w))
		return true;
	Hunhandle *h = latin_dict(lx);
	return h && Hunspell_spell(h, w);
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Japanese written in Latin letters (Furano, Hokkaido, Mashu, Kizuna):
 * a name, whatever English word it is one letter from.  Hepburn and
 * kunrei syllables, long vowels, ん and small っ (doubled consonants). */
static bool romaji(const char *low, size_t n)
{
	static const char *const onsets[] = {"ky", "gy", "sh", "sy", "ch", "ty", "ts", "ny", "hy", "by", "py", "my",
					     "ry", "zy", "jy", "dy", "k", "g", "s", "z", "j", "t", "d", "n", "h", "f",
					     "b", "p", "m", "y", "r", "w", "v"};
	size_t i = 0;
	while (i < n) {
		char c = low[i];
		if (strchr("aeiou", c)) {
			i++;
			continue;
		}
		if (c == 'n' && (i + 1 == n || !strchr("aeiouy", low[i + 1]))) {
			i++;   /* ん */
			continue;
		}
		if (i + 1 < n && c == low[i + 1] && !strchr("aeioun", c)) {
			i++;   /* っ */
			continue;
		}
		if (c == 't' && i + 2 < n && low[i + 1] == 'c' && low[i + 2] == 'h') {
			i++;   /* っち written tch */
			continue;
		}
		size_t k = 0;
		for (; k < PC_ARRAY_LEN(onsets); k++) {
			size_t ol = strlen(onsets[k]);
			if (i + ol < n && !strncmp(low + i, onsets[k], ol) && strchr("aeiou", low[i + ol]))
				break;
		}
		if (k == PC_ARRAY_LEN(onsets))
			return false;
		i += strlen(onsets[k]) + 1;
	}
	return true;
}

/* a slip in a Latin word: a doubled letter undoubled or the other way
 * round, two letters swapped, a wrong or a dropped vowel.  Not any letter
 * dropped: terroir less its i is terror, and ecommerce less its e is
 * commerce, and neither is a slip.  Only common (lower-case) words count
 * as the target, and only from seven letters on (eight capitalised): a
 * shorter word is one slip from some English word more often than not
 * (sabor, luger, testa), and a name one letter from another is a name. */
static bool latin_typo(struct lexicon *lx, const char *s, size_t n, char *out, size_t outn)
{
	char low[64], w[66];
	bool cap = s[0] >= 'A' && s[0] <= 'Z';
	if (n + 2 >= sizeof(low) || n < (cap ? 8u : 7u))
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	if (romaji(low, n))
		return false;
	Hunhandle *h = latin_dict(lx);
	if (!h)
		return false;
#define TRY()                                                                  \
	do {                                                                   \
		if (Hunspell_spell(h, w)) {                                    \
			snprintf(out, outn, "%s", w);                          \
			if (cap && out[0] >= 'a' && out[0] <= 'z')             \
				out[0] = (char)(out[0] - 32);                  \
			return true;                                           \
		}                                                              \
	} while (0)
	for (size_t i = 0; i < n; i++) {
		/* a letter doubled by mistake */
		if (i + 1 < n && low[i] == low[i + 1]) {
			memcpy(w, low, i);
			memcpy(w + i, low + i + 1, n - i - 1);
			w[n - 1] = '\0';
			TRY();
		}
		/* two swapped */
		if (i + 1 < n && low[i] != low[i + 1]) {
			memcpy(w, low, n);
			w[i] = low[i + 1];
			w[i + 1] = low[i];
			w[n] = '\0';
			TRY();
		}
		/* a consonant not doubled */
		if (!is_vowel(low[i]) && (i + 1 == n || low[i + 1] != low[i]) && i > 0) {
			memcpy(w, low, i + 1);
			memcpy(w + i + 1, low + i, n - i);
			w[n + 1] = '\0';
			TRY();
		}
		/* a wrong vowel */
		if (is_vowel(low[i]))
			for (const char *v = "aeiouy"; *v; v++) {
				if (*v == low[i])
					continue;
				memcpy(w, low, n);
				w[i] = *v;
				w[n] = '\0';
				TRY();
			}
	}
	/* a vowel dropped inside the word */
	for (size_t i = 1; i < n; i++)
		for (const char *v = "aeiou"; *v; v++) {
			memcpy(w, low, i);
			w[i] = *v;
			memcpy(w + i + 1, low + i, n - i);
			w[n + 1] = '\0';
			TRY();
		}
#undef TRY
	return false;
}

/* ---- the verdict ------------------------------------------------------------- */

/* known, a typo (with its suggestion), or unknown; cached per lexicon.
 * The suggestion is copied to the caller's buffer while the lock is held. */
static enum verdict judge(struct lexicon *lx, const char *s, size_t n, bool kata, bool near, char *sugg, size_t sl)
{
	uint64_t h = word_hash(s, n);
	enum verdict v;
	sugg[0] = '\0';
	pthread_mutex_lock(&lx->lock);
	struct slot *c = cache_find(lx, h);
	if (c->h) {
		v = (enum verdict)c->v;
		if (v == V_TYPO && !near)
			v = V_UNKNOWN;   /* not looked for in this draft: the same answer whatever the cache holds */
		else
			snprintf(sugg, sl, "%s", lx->pool.s + c->sugg);
		pthread_mutex_unlock(&lx->lock);
		return v;
	}
	char w[256];
	memcpy(w, s, n);
	w[n] = '\0';
	bool known = kata ? kata_known(lx, s, n, true) || final_bar_variant(lx, s, n) : latin_spell(lx, w);
	if (known)
		v = V_KNOWN;
	else if (!near) {
		pthread_mutex_unlock(&lx->lock);
		return V_UNKNOWN;   /* not cached: another draft may look further */
	} else
		v = (kata ? kata_typo(lx, s, n, sugg, sl) : latin_typo(lx, s, n, sugg, sl)) ? V_TYPO : V_UNKNOWN;
	cache_put(lx, h, v, v == V_TYPO ? sugg : NULL);
	pthread_mutex_unlock(&lx->lock);
	return v;
}

/* ---- the rule ---------------------------------------------------------------- */

static void speller_free(struct pc_speller *sp)
{
	if (!sp)
		return;
	free(sp->user.slot);
	free(sp);   /* the lexicon stays for the process: other rule sets share it */
}

static bool compile_spelling(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_ynode *dn = pc_ymap_get(m, "dictionary");
	const char *name = dn ? pc_loader_str(L, dn, "dictionary") : NULL;
	char aff[4096], dic[4096], user[4096];
	const char *err;
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
	if (!pc_mecab_ready(&err)) {
		pc_loader_error(L, m, "%s", err);
		return false;
	}
	const struct pc_ynode *lt = pc_ymap_get(m, "latin");
	const char *latin = NULL;
	if (lt) {
		latin = pc_loader_str(L, lt, "latin");
		char la[4096], ld[4096];
		snprintf(la, sizeof(la), "/usr/share/hunspell/%s.aff", latin ? latin : "");
		snprintf(ld, sizeof(ld), "/usr/share/hunspell/%s.dic", latin ? latin : "");
		if (!latin || strchr(latin, '/') || !exists(la) || !exists(ld)) {
			pc_loader_error(L, lt, "欧文の辞書 %s が見つかりません（Debian の hunspell-en-us など）",
					latin ? latin : "");
			return false;
		}
	}
	const struct pc_ynode *rp = pc_ymap_get(m, "report");
	if (rp && !pc_yscalar_is(rp, "typos") && !pc_yscalar_is(rp, "unknown")) {
		pc_loader_error(L, rp, "report は typos（書き誤り）か unknown（辞書にない語）です");
		return false;
	}
	struct pc_speller *sp = calloc(1, sizeof(*sp));
	if (!sp)
		abort();
	sp->unknown = pc_yscalar_is(rp, "unknown");
	sp->min_len = 3;
	if (pc_ymap_get(m, "min_length") && !pc_loader_int(L, pc_ymap_get(m, "min_length"), &sp->min_len)) {
		free(sp);
		return false;
	}
	bool has_user = dict_path(rules_dir, "user", "dic", user, sizeof(user));
	sp->lx = lexicon_get(aff, dic, latin);
	if (has_user)
		read_words(&sp->user, user);
	r->as->spelling.speller = sp;
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

/* letters and digits, ASCII or full-width: what glues a run into a
 * larger word (Uターン, ５Gネットワーク, Tier1) */
static bool is_alnum(int32_t cp)
{
	return is_latin(cp) || (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	       (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

static int32_t cp_before(const char *t, size_t at)
{
	if (!at)
		return -1;
	size_t i = at - 1;
	while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
		i--;
	size_t j = i;
	return pc_utf8_next(t, at, &j);
}

static int32_t cp_at(const char *t, size_t len, size_t at)
{
	if (at >= len)
		return -1;
	return pc_utf8_next(t, len, &at);
}

/* Looking for the word a slip came from costs a hundred dictionary
 * look-ups; a draft gets that for its first so many distinct words that
 * no dictionary has (a plan has a few dozen: names, new words), so that
 * a list of 2,000 product names costs what a plan does.  Which words are
 * looked into depends on the draft alone. */
#define NEAR_KATA 128
#define NEAR_LATIN 32

struct budget {
	struct words near, far;     /* unknown words looked into, and past the budget */
	size_t nkata, nlatin;
};

static void check_token(struct pc_run *x, const struct pc_rule *r, size_t s, size_t e, bool kata, size_t bend,
			struct budget *bu)
{
	struct pc_doc *d = x->d;
	struct pc_speller *sp = r->as->spelling.speller;
	const char *t = d->text;
	size_t nchars = kata ? (e - s) / 3 : e - s;
	if ((long)nchars < sp->min_len || e - s >= 250)
		return;
	int32_t before = cp_before(t, s), after = cp_at(t, bend, e);
	/* part of a larger word: Uターン, ECサイト, Tier1, 5G */
	if (kata ? is_alnum(before) || is_alnum(after)
		 : (before >= '0' && before <= '9') || (after >= '0' && after <= '9') || is_kata(before) ||
			   is_kata(after) || before == '-' || after == '-' || before == '_' || after == '_')
		return;
	if (!kata) {
		bool upper = false, lower_then_upper = false;
		for (size_t i = s; i < e; i++) {
			upper |= t[i] >= 'A' && t[i] <= 'Z' && i > s;
			lower_then_upper |= i > s && t[i] >= 'A' && t[i] <= 'Z' && t[i - 1] >= 'a' && t[i - 1] <= 'z';
		}
		if (upper || lower_then_upper)
			return;   /* ISO, IATF, iPhone, SmartFarm: acronyms and names */
	}
	if (user_knows(sp, t + s, e - s, !kata))
		return;
	char sugg[600];
	uint64_t h = word_hash(t + s, e - s);
	size_t *used = kata ? &bu->nkata : &bu->nlatin;
	bool counted = words_has(&bu->near, h), past = !counted && words_has(&bu->far, h);
	bool near = counted || (!past && *used < (kata ? NEAR_KATA : NEAR_LATIN));
	enum verdict v = judge(sp->lx, t + s, e - s, kata, near, sugg, sizeof(sugg));
	if (v == V_KNOWN)
		return;
	if (!counted && near) {
		words_add(&bu->near, t + s, e - s);
		(*used)++;
	} else if (!near && !past)
		words_add(&bu->far, t + s, e - s);
	/* a verb or adjective written in katakana goes on in kana: the
	 * dictionary's word is longer than the run (ダブる, ハモる) */
	if (kata && bend > e) {
		struct pc_lex_entry en[32];
		size_t k = pc_lex_prefixes(t + s, (bend - s) < e - s + 12 ? bend - s : e - s + 12, en, PC_ARRAY_LEN(en));
		for (size_t q = 0; q < k; q++)
			if (en[q].len > e - s)
				return;
	}
	if ((v == V_TYPO) == sp->unknown)
		return;
	struct pc_val w = {.t = X_TEXT, .s = pc_arena_strndup(&d->arena, t + s, e - s)};
	struct pc_val sg = {.t = X_TEXT, .s = pc_arena_strdup(&d->arena, sugg)};
	pc_run_local(x, L_WRITTEN, w);
	pc_run_local(x, L_SUGGEST, sg);
	struct pc_finding *f = pc_run_emit(x, r, s, e, r->level, NULL);
	if (!sugg[0])
		f->suggestion = NULL;
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
	struct budget bu = {0};
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
					check_token(x, r, ts, at, mode == 1, bl->tend, &bu);
				ts = at;
				mode = m;
			}
			if (cp == -2)
				break;
		}
	}
	free(bu.near.slot);
	free(bu.far.slot);
}

static const char *const spelling_keys[] = {"dictionary", "latin", "min_length", "report", NULL};
static void release_spelling(struct pc_rule *r)
{
	speller_free(r->as->spelling.speller);
}

const struct pc_kind pc_kind_spelling = {"spelling", spelling_keys, compile_spelling, run_spelling, release_spelling, NULL};
