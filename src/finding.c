/*
 * finding.c - the one findings model every check writes to: adding (with a
 * cap so a pathological file cannot produce millions), applying the body's
 * waiver comments, and the stable sort by position then rule that makes
 * output byte-identical from run to run.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *pc_severity_name(enum pc_severity s)
{
	switch (s) {
	case PC_ERROR:
		return "error";
	case PC_WARNING:
		return "warning";
	default:
		return "info";
	}
}

struct pc_finding *pc_finding_add(struct pc_doc *d, const char *rule,
				  enum pc_severity sev, size_t start, size_t end,
				  const char *fmt, ...)
{
	static _Thread_local struct pc_finding sink;   /* past the cap: writes vanish */
	va_list ap;

	if (d->nfindings >= PC_MAX_FINDINGS) {
		d->dropped++;
		memset(&sink, 0, sizeof(sink));
		return &sink;
	}
	d->findings = pc_grow(&d->arena, d->findings, &d->capfindings,
			      d->nfindings + 1, sizeof(*d->findings));
	struct pc_finding *f = &d->findings[d->nfindings++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	if (start > d->len)
		start = d->len;
	if (end < start)
		end = start;
	if (end > d->len)
		end = d->len;
	f->start = start;
	f->end = end;
	f->seq = d->seq++;

	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *m = pc_arena_alloc(&d->arena, (size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(m, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
	f->message = m;
	return f;
}

bool pc_findings_full(const struct pc_doc *d)
{
	return d->nfindings >= PC_MAX_FINDINGS;
}

void pc_finding_drop(struct pc_doc *d)
{
	d->dropped++;
}

void pc_edit_add(struct pc_doc *d, const char *rule, size_t start, size_t end, const char *replacement)
{
	d->edits = pc_grow(&d->arena, d->edits, &d->capedits, d->nedits + 1, sizeof(*d->edits));
	struct pc_finding *f = &d->edits[d->nedits++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->start = start < d->len ? start : d->len;
	f->end = end < f->start ? f->start : end > d->len ? d->len : end;
	f->replacement = replacement;
	f->message = "";
	f->seq = d->seq++;
}

/* "saikouchiku.expense-sum" is named by itself, by its pack "saikouchiku"
 * or by "*" */
static bool waiver_names(const char *list, const char *rule)
{
	size_t rl = strlen(rule);
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *q = p;
		while (*q && *q != ' ' && *q != ',')
			q++;
		size_t l = (size_t)(q - p);
		if (l == 1 && *p == '*')
			return true;
		if (l == rl && memcmp(p, rule, l) == 0)
			return true;
		if (l < rl && rule[l] == '.' && memcmp(p, rule, l) == 0)
			return true;
		p = q;
	}
	return false;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct pc_finding *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void pc_findings_sort(struct pc_doc *d)
{
	if (d->nfindings > 1)
		qsort(d->findings, d->nfindings, sizeof(*d->findings), cmp_finding);
}

static int cmp_waiver(const void *a, const void *b)
{
	const struct pc_waiver *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

void pc_findings_finish(struct pc_doc *d)
{
	/* waivers sorted by start, with the furthest end reached so far: a
	 * finding looks back only while some earlier waiver can still cover
	 * it, instead of testing every waiver (10,000 of them made that
	 * quadratic) */
	size_t nw = d->nwaivers;
	size_t *reach = nw ? pc_arena_alloc(&d->arena, nw * sizeof(*reach)) : NULL;
	if (nw) {
		qsort(d->waivers, nw, sizeof(*d->waivers), cmp_waiver);
		for (size_t w = 0; w < nw; w++)
			reach[w] = w && reach[w - 1] > d->waivers[w].end ? reach[w - 1] : d->waivers[w].end;
	}
	for (size_t i = 0; i < d->nfindings + d->nedits && nw; i++) {
		struct pc_finding *f = i < d->nfindings ? &d->findings[i] : &d->edits[i - d->nfindings];
		/* parser findings about waivers themselves cannot be waived */
		if (strcmp(f->rule, "plan.waiver") == 0)
			continue;
		size_t lo = 0, hi = nw;   /* first waiver starting after f */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (d->waivers[mid].start <= f->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t w = lo; w-- > 0 && reach[w] > f->start;) {
			const struct pc_waiver *wv = &d->waivers[w];
			if (f->start < wv->end && waiver_names(wv->rules, f->rule)) {
				f->waived = 1;
				f->waiver = wv->reason ? wv->reason : "";
				break;
			}
		}
	}
	if (d->dropped) {
		/* the notice goes past the cap, so that no finding (nor the
		 * replacement it carries, for fix) makes room for it */
		size_t dropped = d->dropped;
		d->dropped = 0;   /* said once, if finish runs again */
		d->findings = pc_grow(&d->arena, d->findings, &d->capfindings, d->nfindings + 1, sizeof(*d->findings));
		struct pc_finding *f = &d->findings[d->nfindings++];
		memset(f, 0, sizeof(*f));
		f->rule = "plan.too-many-findings";
		f->severity = PC_WARNING;
		f->start = f->end = d->len;
		f->seq = d->seq++;
		f->message = pc_arena_printf(&d->arena, "指摘が多すぎるため %zu 件を省略しました", dropped);
	}
	pc_findings_sort(d);
}

size_t pc_findings_count(const struct pc_doc *d, enum pc_severity sev, int waived)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nfindings; i++)
		if (d->findings[i].severity == sev && d->findings[i].waived == waived)
			n++;
	return n;
}

static const char *data_dir;

void pc_data_dir_set(const char *dir)
{
	data_dir = dir;
}

const char *pc_data_dir_get(void)
{
	return data_dir;
}
