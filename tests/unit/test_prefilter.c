/*
 * test_prefilter.c - the strings pc_re_needs reads from a pattern (every
 * match lies on one of them) and the patterns it must give up on, and the
 * document side: a rule is skipped only when none of its strings occurs.
 */
#include "regex.h"
#include "unit.h"

#include <stdlib.h>

static struct pc_arena arena;

/* the strings, space-separated, or "-" for none */
static const char *needs(const char *pat)
{
	static char out[4096];
	struct pc_need nd;
	if (!pc_re_needs(pat, strlen(pat), &arena, &nd))
		return "-";
	out[0] = '\0';
	for (size_t k = 0; k < nd.n; k++) {
		if (k)
			strcat(out, " ");
		strncat(out, nd.s[k], nd.len[k]);
	}
	return out;
}

static bool may(const char *text, const char *pat)
{
	struct pc_open_opts o = {.raw = 1};
	struct pc_doc *d = pc_doc_from_mem("t.md", text, strlen(text), &o);
	struct pc_need nd = {0};
	pc_re_needs(pat, strlen(pat), &arena, &nd);
	bool r = pc_doc_may_match(d, &nd);
	pc_doc_free(d);
	return r;
}

int main(void)
{
	static const struct {
		const char *pat, *want;
	} cases[] = {
		{"下さい", "下さい"},
		{"出来(?=る|ない)", "出来る 出来ない"},
		{"行な(?=[うわ])", "行なう 行なわ"},
		{"(?<![変])更(?=に|なる)", "更に 更なる"},
		{"(する|した)事(?![業務])", "する事 した事"},
		{"(?<=[しり])易(?=い|く)", "し易い し易く り易い り易く"},
		{"(?<![^。\\n])尚、", "尚、"},
		{"(?:拘|関)わらず", "拘わらず 関わらず"},
		{"(?:と)?(?:思います|思われる)", "思います 思われる"},
		{"有(?=る(?!べ)|った)", "有る 有った"},
		{"([0-9]+)[ヶケ]月", "ヶ月 ケ月"},
		{"[！!]", "！ !"},
		{"[０-２]+", "０ １ ２"},
		{"ab?c", "a"},            /* b optional: the runs are a and c */
		{"ab+c", "ab"},           /* b once at least, then not followed */
		{"x{0,3}yz", "yz"},
		{"国の補助金|国補助金", "国の補助金 国補助金"},   /* each branch its own */
		{"県(?:の)?補助金|上乗せ", "補助金 上乗せ"},
		/* give up: no string every match must hold */
		{"a|[^x]", "-"},          /* a branch without one */
		{"(a|b", "-"},
		{"(?i)出来る", "-"},
		{"(*UTF)出来る", "-"},
		{"\\Q出来\\E", "-"},
		{"出来\\K", "-"},
		{"(?<name>出来)", "-"},
		{"[^あ]", "-"},
		{"[\\d]", "-"},
		{"[一-龥]", "-"},          /* a class too wide to list */
		{".*", "-"},
		{"(?:あ|い)*", "-"},
		{"(あ)?", "-"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		STR_EQ(needs(cases[i].pat), cases[i].want, cases[i].pat);

	OK(!may("量産ができる。\n", "出来(?=る)"), "出来る absent: skipped");
	OK(may("量産が出来る。\n", "出来(?=る)"), "出来る present: runs");
	OK(!may("出た。来る。\n", "出来(?=る)"), "its characters apart are not the string");
	OK(may("x\n", "[^あ]"), "no strings: always runs");
	OK(may("𠮷野家\n", "𠮷野"), "beyond the BMP: never ruled out");
	setenv("PLANCHECK_PREFILTER", "off", 1);
	OK(may("量産ができる。\n", "出来(?=る)"), "PLANCHECK_PREFILTER=off: always runs");
	return unit_done("prefilter");
}
