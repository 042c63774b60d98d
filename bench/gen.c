/*
 * gen.c - writes N realistic drafts for benchmarks and batch tests, from
 * the public clean plan: a different company, size, round and amounts for
 * each (the front matter is written anew, consistent with the rules: 2/3
 * and the cap for the round and employee band, 1/12 top-up, value added =
 * operating profit + labour + depreciation), the body's own mentions of
 * those amounts and its 収益計画表 (which the checker compares with the
 * front matter) updated, the body grown to about 15 A4 pages with varied
 * figures, and one seeded defect in about a third of the drafts.
 * Deterministic: draft i is the same bytes on every machine.
 *
 *   gen TEMPLATE.md OUTDIR N [SEED]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static long pick(long lo, long hi)
{
	return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(struct buf *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(b, tmp, (size_t)n);
}

/* replace every occurrence of a with r */
static char *replace(const char *s, const char *a, const char *r)
{
	struct buf b = {0};
	size_t al = strlen(a);
	const char *p;
	while ((p = strstr(s, a))) {
		put(&b, s, (size_t)(p - s));
		puts_(&b, r);
		s = p + al;
	}
	puts_(&b, s);
	return b.s;
}

static void grouped(char *out, size_t cap, long long v)
{
	char d[32];
	int n = snprintf(d, sizeof(d), "%lld", v);
	size_t o = 0;
	for (int i = 0; i < n && o + 2 < cap; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = '\0';
}

/* 36000000 -> "3,600万円"; amounts here are whole 万 */
static void man(char *out, size_t cap, long long yen)
{
	long long m = yen / 10000;
	char g[32];
	if (m >= 10000) {
		grouped(g, sizeof(g), m % 10000);
		if (m % 10000)
			snprintf(out, cap, "%lld億%s万円", m / 10000, g);
		else
			snprintf(out, cap, "%lld億円", m / 10000);
	} else {
		grouped(g, sizeof(g), m);
		snprintf(out, cap, "%s万円", g);
	}
}

static long long cap_for(int round, int emp)
{
	if (round <= 2)
		return 60000000;
	if (round <= 5)
		return emp <= 20 ? 40000000 : emp <= 50 ? 60000000 : 80000000;
	return emp <= 20 ? 20000000 : emp <= 50 ? 40000000 : emp <= 100 ? 60000000 : 80000000;
}

static long long national_for(long long e, int round, int emp)
{
	long long by_rate = e * 2 / 3 <= 60000000 ? e * 2 / 3 : 60000000 + (e - 90000000) / 2;
	long long c = cap_for(round, emp);
	return by_rate < c ? by_rate : c;
}

static const char *const names1[] = {"八甲田", "岩木", "十和田", "津軽", "南部", "下北", "三沢", "黒石", "五所川原", "むつ",
				     "平川", "つがる", "鯵ヶ沢", "深浦", "野辺地", "七戸", "六戸", "階上", "田子", "大間"};
static const char *const names2[] = {"精工", "工業", "製作所", "フーズ", "食品", "物産", "テック", "電機", "木材", "産業"};
static const char *const cats[] = {"建物費", "機械装置・システム構築費", "機械装置・システム構築費", "専門家経費",
				   "広告宣伝・販売促進費", "研修費", "技術導入費", "外注費"};
static const char *const items[] = {"加工区画の改修工事", "5軸制御マシニングセンタ", "CNC三次元測定機",
				    "品質管理システム構築", "認証取得指導", "展示会出展・Webサイト制作", "操作研修",
				    "製造技術の導入"};

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: gen TEMPLATE.md OUTDIR N [SEED]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	struct buf tpl = {0};
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		put(&tpl, chunk, r);
	fclose(f);
	const char *body0 = strstr(tpl.s + 3, "\n---\n");
	if (!body0) {
		fprintf(stderr, "gen: %s has no front matter\n", argv[1]);
		return 2;
	}
	body0 += 5;
	mkdir(argv[2], 0777);
	long n = strtol(argv[3], NULL, 10);
	uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;

	for (long i = 0; i < n; i++) {
		rng = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i * 0xBF58476D1CE4E5B9ULL + 1;
		for (int k = 0; k < 8; k++)
			next();
		int round = (int)pick(3, 9), emp = (int)pick(5, 140);
		char company[128];
		snprintf(company, sizeof(company), "株式会社%s%s", names1[pick(0, 19)], names2[pick(0, 9)]);
		int nexp = (int)pick(3, 7);
		long long amt[8], eligible = 0;
		for (int k = 0; k < nexp; k++) {
			amt[k] = pick(40, 2600) * 10000LL;
			eligible += amt[k];
		}
		long long national = national_for(eligible, round, emp) / 10000 * 10000;
		long long pref = eligible / 12 < 7500000 ? eligible / 12 / 10000 * 10000 : 7500000;
		int defect = (int)pick(0, 23);   /* 0..7: a seeded defect; else clean */
		long long eligible_fm = eligible, national_fm = national, pref_fm = pref;
		if (defect == 0)
			eligible_fm += 500000;                    /* expense-sum */
		if (defect == 1)
			national_fm = eligible * 2 / 3 / 10000 * 10000 + 1000000;   /* over the rate */
		if (defect == 2)
			pref_fm = pref + 500000 > 7500000 ? 8000000 : pref + 500000;   /* over 1/12 */
		double scale = 0.4 + (double)pick(0, 300) / 100.0;

		struct buf out = {0};
		printf_(&out, "---\nplancheck: 1\nprogram: saikouchiku\nround: %d\nframe: 通常枠\ntopup: aomori\n", round);
		printf_(&out, "applicant:\n  name: %s\n  form: 法人\n  size: 中小企業\n  employees: %d\n  capital: 1,000万円\n", company, emp);
		printf_(&out, "  industry: 金属製品製造業\n  address: 青森県八戸市桔梗野工業団地%ld番地\n  priority_field: 次世代環境自動車関連\n", pick(1, 99));
		printf_(&out, "support_org:\n  name: 八戸港南信用金庫\n  id: \"106702000431\"\n  confirmed: true\n");
		printf_(&out, "bank_confirmation: %s\n", national_fm > 30000000 ? "true" : "false");
		printf_(&out, "restructuring:\n  type: 新分野展開\n  existing:\n    product: 鋼材切削部品の受託加工\n    market: 県内外の産業機械メーカー\n");
		printf_(&out, "  new:\n    product: 電動車向けアルミ精密切削部品\n    market: 東北・北関東の電動車部品メーカー\nexpenses:\n");
		for (int k = 0; k < nexp; k++) {
			char g[32];
			grouped(g, sizeof(g), amt[k]);
			printf_(&out, "  - category: %s\n    item: %s\n    amount: %s\n    quotes: %ld\n", cats[k], items[k], g, pick(1, 3));
		}
		char e[64], nat[64], pf[64];
		man(e, sizeof(e), eligible_fm);
		man(nat, sizeof(nat), national_fm);
		man(pf, sizeof(pf), pref_fm);
		printf_(&out, "subsidy:\n  eligible_total: %s\n  national: %s\n  prefecture: %s\n", e, nat, pf);
		printf_(&out, "financial_plan:\n  unit: 千円\n  base_year: 2023\n  rows:\n");
		static const int years[] = {2021, 2023, 2024, 2025, 2026, 2027, 2028};
		static const char *const kinds[] = {"実績", "基準年度", "計画", "計画", "計画", "計画", "計画"};
		static const long base[7][6] = {{312000, 9800, 10500, 96000, 14200, 0}, {318000, 8600, 9100, 99000, 19400, 12000},
						{345000, 12300, 12900, 103500, 18700, 30000}, {372000, 15800, 16300, 107800, 17600, 45000},
						{398000, 19100, 19600, 112400, 16500, 58000}, {421000, 22000, 22400, 116600, 15400, 68000},
						{443000, 24600, 25000, 120800, 14300, 78000}};
		long long va_base = 0, va_last = 0;
		long tv[7][8];   /* the body's 収益計画表, in its row order */
		for (int y = 0; y < 7; y++) {
			long v[6];
			/* whole 10 千円, so that every figure is a whole 万円 */
			for (int k = 0; k < 6; k++)
				v[k] = (long)((double)base[y][k] * scale / 10.0 + 0.5) * 10;
			long va = v[1] + v[3] + v[4];
			if (defect == 3 && y == 3)
				va += 6000;   /* value-added formula */
			if (y == 1)
				va_base = va;
			if (y == 6)
				va_last = va;
			printf_(&out, "    - {year: %d, kind: %s, sales: %ld, operating_profit: %ld, ordinary_profit: %ld, labor_cost: %ld, depreciation: %ld, value_added: %ld, employees: %d, new_business_sales: %ld}\n",
				years[y], kinds[y], v[0], v[1], v[2], v[3], v[4], va, emp + y, v[5]);
			long row[8] = {v[0], v[5], v[1], v[2], v[3], v[4], va, emp + y};
			for (int k = 0; k < 8; k++)
				tv[y][k] = row[k];
		}
		printf_(&out, "timeline:\n  national_application: 2022-06-30\n  national_adoption: 2022-08-25\n");
		printf_(&out, "  national_grant_application: %s\n", defect == 4 ? "2022-08-10" : "2022-09-26");
		printf_(&out, "  national_grant_decision: 2022-11-15\n  prefecture_preliminary: 2023-05-15\n  project_end: 2023-10-20\n"
			      "  performance_report: 2023-11-10\n  national_confirmation: 2024-01-12\n"
			      "  prefecture_grant_application: 2024-02-09\n  payment_claim: 2024-02-26\n---\n");

		/* the body: the company and its amounts, then grown to ~15 pages */
		char *b1 = replace(body0, "株式会社八甲田精工", company);
		char man_e[64], man_n[64], man_p[64], man_va[64];
		man(man_e, sizeof(man_e), defect == 5 ? eligible + 2000000 : eligible);   /* prose number */
		man(man_n, sizeof(man_n), national);
		man(man_p, sizeof(man_p), pref);
		man(man_va, sizeof(man_va), va_base * 1000);
		char tmp[128];
		snprintf(tmp, sizeof(tmp), "補助対象経費は合計%s", man_e);
		char *b2 = replace(b1, "補助対象経費は合計3,600万円", tmp);
		snprintf(tmp, sizeof(tmp), "補助対象経費%sに消費税", man_e);
		char *b3 = replace(b2, "補助対象経費3,600万円に消費税", tmp);
		snprintf(tmp, sizeof(tmp), "%sを国の補助金", man_n);
		char *b4 = replace(b3, "2,000万円を国の補助金", tmp);
		snprintf(tmp, sizeof(tmp), "県の上乗せ補助金%s", man_p);
		char *b5 = replace(b4, "県の上乗せ補助金300万円", tmp);
		snprintf(tmp, sizeof(tmp), "の付加価値額は%s（", man_va);
		char *b6 = replace(b5, "の付加価値額は1億2,700万円（", tmp);
		/* the growth the rows give, rounded half up as the checker reads it */
		double total = ((double)va_last / (double)va_base - 1.0) * 100.0;
		double simple = total / 5.0, cagr = (pow((double)va_last / (double)va_base, 0.2) - 1.0) * 100.0;
		snprintf(tmp, sizeof(tmp), "年率平均%.1f%%（複利換算では年率%.1f%%）", floor(simple * 10 + 0.5) / 10,
			 floor(cagr * 10 + 0.5) / 10);
		char *g1 = replace(b6, "年率平均5.1%（複利換算では年率4.7%）", tmp);
		snprintf(tmp, sizeof(tmp), "伸び率は5年間で%.1f%%", floor(total * 10 + 0.5) / 10);
		free(b6);
		b6 = replace(g1, "伸び率は5年間で25.7%", tmp);
		free(g1);
		/* the 収益計画表: the same figures as the rows */
		{
			static const char *const labels[] = {"売上高", "うち新事業売上高", "営業利益", "経常利益",
							     "人件費", "減価償却費", "付加価値額", "従業員数（人）"};
			const char *from = strstr(b6, "| 売上高 |"), *to = from ? strstr(from, "\n\n") : NULL;
			if (from && to) {
				struct buf t = {0};
				for (int k = 0; k < 8; k++) {
					printf_(&t, "| %s |", labels[k]);
					for (int y = 0; y < 7; y++) {
						char g[32];
						grouped(g, sizeof(g), tv[y][k]);
						printf_(&t, " %s |", g);
					}
					printf_(&t, "%s", k < 7 ? "\n" : "");
				}
				char *old = strndup(from, (size_t)(to - from));
				char *nb = replace(b6, old, t.s);
				free(old);
				free(t.s);
				free(b6);
				b6 = nb;
			}
		}
		char *b7 = defect == 6 ? replace(b6, "マーケット・市場規模", "マーケット・市場規模（マーケテイング）") : strdup(b6);
		char *b8 = defect == 7 ? replace(b7, "## （2）強み・弱み・機会・脅威（SWOT分析）", "## （2）当社を取り巻く状況") : strdup(b7);
		puts_(&out, b8);
		/* more of the plan's own kind of prose, numbers varied so that
		 * no sentence repeats another */
		puts_(&out, "\n# 5. 補足資料\n");
		for (int k = 0; k < 24; k++) {
			printf_(&out, "\n## （%d）%s市場の動向\n\n", k + 1, k % 2 ? "東北" : "北関東");
			printf_(&out, "%d年度の調査では、同分野の設備投資額は前年比%ld.%ld%%の伸びとなった。当社の取引先%ld社のうち%ld社が電動化部品の外注を拡大する方針であり、月あたり%ld個程度の引き合いが見込まれる。\n\n",
				2018 + k % 6, pick(1, 19), pick(0, 9), pick(5, 40), pick(1, 5), pick(200, 3000));
			printf_(&out, "第%d四半期には新規の試作案件を%ld件受注し、うち%ld件で量産の見積依頼を受けた。単価は1個あたり平均%ld円で、材料は客先支給である。\n\n",
				k % 4 + 1, pick(2, 12), pick(1, 3), pick(1500, 9000));
			printf_(&out, "- 課題%d：技能者%ld名の育成を%ld年度までに終える。\n- 対策%d：外部研修%ld日と社内研修%ld日を組み合わせる。\n",
				k + 1, pick(1, 6), 2024L + k % 4, k + 1, pick(3, 20), pick(5, 30));
		}
		free(b1);
		free(b2);
		free(b3);
		free(b4);
		free(b5);
		free(b6);
		free(b7);
		free(b8);
		char path[4096];
		snprintf(path, sizeof(path), "%s/draft-%05ld.md", argv[2], i + 1);
		FILE *o = fopen(path, "w");
		if (!o || fwrite(out.s, 1, out.n, o) != out.n || fclose(o) != 0) {
			fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
			return 1;
		}
		free(out.s);
	}
	free(tpl.s);
	return 0;
}
