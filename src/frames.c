/*
 * frames.c - a program's frames by round, from its pack's frames.yml:
 * the columns (name, label, type), the dimensions a value may depend on
 * (fields of the plan), and one row per frame and range of rounds whose
 * cells are values or splits by a dimension.  Read when the schema is
 * finished (a dimension is a field, checked against it).  A plan's frame is
 * matched by its name or an alias, folded (NFKC, no spaces or brackets),
 * with the 類型 either in the name or in the subtype field; a frame of
 * other rounds, a typo and a frame whose 類型 is missing are told apart for
 * the frame rule kind.  The values are what rules read as frame.<column>.
 */
#include "frames.h"
#include "kind.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum pc_ctype t;
} ctypes[] = {
	{"fraction", PC_C_FRACTION}, {"amount", PC_C_AMOUNT}, {"percent", PC_C_PERCENT},
	{"integer", PC_C_INT}, {"boolean", PC_C_BOOL}, {"date", PC_C_DATE}, {"text", PC_C_TEXT},
};

/* ---- loading ------------------------------------------------------------------ */

void pc_frames_load(struct pc_loader *L, struct pc_pack *p, const struct pc_ynode *root)
{
	static const char *const top[] = {"frames", "subtype_field", "dimensions", "columns", "rows", NULL};
	if (!pc_loader_keys(L, root, top, NULL, "frames.yml"))
		return;
	const struct pc_ynode *pn = pc_ymap_get(root, "frames");
	const char *program = pn ? pc_loader_str(L, pn, "frames") : NULL;
	if (!program || !*program) {
		if (!pn)
			pc_loader_error(L, root, "frames.yml には frames（どの program の申請枠か）が必要です");
		return;
	}
	/* that the pack applies to this program is checked in pc_frames_finish,
	 * once its pack.yml is read too */
	struct pc_ruleset *rs = pc_loader_ruleset(L);
	struct pc_arena *a = pc_loader_arena(L);
	for (size_t i = 0; i < rs->nframes; i++)
		if (!strcmp(rs->frames[i]->program, program)) {
			pc_loader_error(L, pn, "program「%s」の申請枠は %s で定義済みです", program,
					rs->frames[i]->file->path);
			return;
		}
	struct pc_frames *f = pc_arena_alloc(a, sizeof(*f));
	f->program = program;
	f->root = root;
	f->file = pc_loader_file(L);
	f->pack = p;
	rs->frames = pc_grow(a, rs->frames, &rs->capframes, rs->nframes + 1, sizeof(*rs->frames));
	rs->frames[rs->nframes++] = f;
}

static bool parse_value(struct pc_loader *L, enum pc_ctype t, const struct pc_ynode *n, struct pc_val *out)
{
	memset(out, 0, sizeof(*out));
	if (!n || n->kind != PC_Y_SCALAR || !n->len) {
		pc_loader_error(L, n, "値を書いてください");
		return false;
	}
	const char *s = n->str;
	char *end;
	switch (t) {
	case PC_C_FRACTION: {
		long num = strtol(s, &end, 10), den = 1;
		if (end == s)
			goto bad;
		if (*end == '/') {
			const char *q = end + 1;
			den = strtol(q, &end, 10);
			if (end == q || den <= 0)
				goto bad;
		}
		if (*end || num < 0)
			goto bad;
		out->t = X_NUM;
		out->r.n = num;
		out->r.d = den;
		return true;
	}
	case PC_C_AMOUNT: {
		int64_t yen;
		if (pc_amount_parse(s, n->len, 1, &yen, NULL) != PC_OK)
			goto bad;
		out->t = X_NUM;
		out->unit = U_YEN;
		out->r.n = yen;
		out->r.d = 1;
		return true;
	}
	case PC_C_PERCENT: {
		/* 3.0%: tenths and hundredths of a percent */
		long whole = strtol(s, &end, 10), frac = 0, scale = 1;
		if (end == s)
			goto bad;
		if (*end == '.') {
			const char *q = end + 1;
			while (*q >= '0' && *q <= '9' && scale < 10000) {
				frac = frac * 10 + (*q++ - '0');
				scale *= 10;
			}
			end = (char *)q;
		}
		if (strcmp(end, "%"))
			goto bad;
		out->t = X_NUM;
		out->r.n = (__int128)whole * scale + frac;
		out->r.d = (__int128)100 * scale;
		return true;
	}
	case PC_C_INT: {
		long v = strtol(s, &end, 10);
		if (end == s || *end)
			goto bad;
		out->t = X_NUM;
		out->r.n = v;
		out->r.d = 1;
		return true;
	}
	case PC_C_BOOL:
		if (!strcmp(s, "true") || !strcmp(s, "false")) {
			out->t = X_BOOL;
			out->b = !strcmp(s, "true");
			return true;
		}
		goto bad;
	case PC_C_DATE: {
		struct pc_date dt;
		if (pc_date_parse(s, n->len, &dt) != PC_OK)
			goto bad;
		out->t = X_DATE;
		out->days = pc_date_days(dt);
		return true;
	}
	case PC_C_TEXT:
		out->t = X_TEXT;
		out->s = pc_loader_str(L, n, "値");
		return out->s != NULL;
	}
bad:
	pc_loader_error(L, n, "「%s」は%sとして読めません", s,
			t == PC_C_FRACTION ? "補助率（2/3 のような分数）" : t == PC_C_AMOUNT ? "金額"
			: t == PC_C_PERCENT ? "百分率（3.0% など）" : t == PC_C_INT ? "整数"
			: t == PC_C_BOOL ? "true か false" : "日付");
	return false;
}

/* "0-20", "21-", "-5", "101" */
static bool parse_range(const char *s, struct pc_rat *lo, struct pc_rat *hi)
{
	lo->d = hi->d = 0;
	const char *dash = strchr(s, '-');
	char *end;
	if (!dash) {
		long v = strtol(s, &end, 10);
		if (end == s || *end)
			return false;
		lo->n = hi->n = v;
		lo->d = hi->d = 1;
		return true;
	}
	if (dash > s) {
		long v = strtol(s, &end, 10);
		if (end != dash)
			return false;
		lo->n = v;
		lo->d = 1;
	}
	if (dash[1]) {
		long v = strtol(dash + 1, &end, 10);
		if (*end)
			return false;
		hi->n = v;
		hi->d = 1;
	}
	return lo->d || hi->d;
}

static int dim_of(const struct pc_frames *f, const char *name)
{
	for (size_t i = 0; i < f->ndims; i++)
		if (!strcmp(f->dims[i].name, name))
			return (int)i;
	return -1;
}

static struct pc_fcell *parse_cell(struct pc_loader *L, struct pc_frames *f, const struct pc_frame_col *c,
				   const struct pc_ynode *n)
{
	struct pc_arena *a = pc_loader_arena(L);
	struct pc_fcell *cell = pc_arena_alloc(a, sizeof(*cell));
	cell->dim = -1;
	if (!n || n->kind != PC_Y_MAP)
		return parse_value(L, c->type, n, &cell->v) ? cell : NULL;
	const struct pc_ynode *by = pc_ymap_get(n, "by");
	cell->dim = by && by->kind == PC_Y_SCALAR ? dim_of(f, by->str) : -1;
	if (cell->dim < 0) {
		struct pc_buf b = {0};
		for (size_t i = 0; i < f->ndims; i++)
			pc_buf_printf(&b, "%s%s", i ? ", " : "", f->dims[i].name);
		pc_loader_error(L, by ? by : n, "値を分けるときは by: に次のどれかを書いてください: %s", b.s ? b.s : "（dimensions がありません）");
		pc_buf_free(&b);
		return NULL;
	}
	const struct pc_frame_dim *dm = &f->dims[cell->dim];
	bool numeric = dm->numeric;
	cell->cases = pc_arena_alloc(a, n->n * sizeof(*cell->cases));
	for (size_t i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->str;
		if (!strcmp(k, "by"))
			continue;
		struct pc_fcell *sub = parse_cell(L, f, c, n->vals[i]);
		if (!sub)
			return NULL;
		if (!strcmp(k, "else")) {
			cell->otherwise = sub;
			continue;
		}
		struct pc_fcase *cs = &cell->cases[cell->ncases++];
		cs->key = k;
		cs->cell = sub;
		if (numeric) {
			cs->range = true;
			if (!parse_range(k, &cs->lo, &cs->hi)) {
				pc_loader_error(L, n->keys[i], "「%s」は %s の範囲（0-20、21-50、101- など）ではありません", k, dm->name);
				return NULL;
			}
		} else if (dm->values) {
			bool ok = false;
			for (size_t v = 0; v < dm->nvalues && !ok; v++)
				ok = !strcmp(dm->values[v], k);
			if (!ok) {
				pc_loader_error(L, n->keys[i], "「%s」は %s（%s）の値ではありません", k, dm->name, dm->field);
				return NULL;
			}
		}
	}
	return cell;
}

static const char **str_list(struct pc_loader *L, const struct pc_ynode *n, size_t *count)
{
	*count = 0;
	if (!n)
		return NULL;
	size_t cnt = n->kind == PC_Y_SEQ ? n->n : 1;
	const char **v = pc_arena_alloc(pc_loader_arena(L), cnt * sizeof(*v));
	for (size_t i = 0; i < cnt; i++) {
		const struct pc_ynode *x = n->kind == PC_Y_SEQ ? n->vals[i] : n;
		const char *s = pc_loader_str(L, x, "リストの項目");
		if (s)
			v[(*count)++] = s;
	}
	return v;
}

static bool read_rounds(struct pc_loader *L, const struct pc_ynode *n, long *lo, long *hi)
{
	struct pc_rat a, b;
	if (!n || n->kind != PC_Y_SCALAR || !parse_range(n->str, &a, &b) || (a.d && b.d && a.n > b.n)) {
		pc_loader_error(L, n, "rounds は「1-2」「6-9」「12」「10-」のような公募回の範囲です");
		return false;
	}
	*lo = a.d ? (long)a.n : -1;
	*hi = b.d ? (long)b.n : -1;
	return true;
}

static void fold_row(struct pc_arena *a, struct pc_frame *r)
{
	r->folded = pc_arena_alloc(a, (r->naliases + 2) * sizeof(*r->folded));
	r->folded[r->nfolded++] = pc_name_fold(a, r->label, strlen(r->label));
	if (r->subtype) {
		const char *both = pc_arena_printf(a, "%s%s", r->name, r->subtype);
		r->folded[r->nfolded++] = pc_name_fold(a, both, strlen(both));
	}
	for (size_t i = 0; i < r->naliases; i++)
		r->folded[r->nfolded++] = pc_name_fold(a, r->aliases[i], strlen(r->aliases[i]));
}

void pc_frames_finish(struct pc_loader *L, struct pc_frames *f, const struct pc_schema *s)
{
	struct pc_arena *a = pc_loader_arena(L);
	const struct pc_ynode *root = f->root;
	struct pc_doc *was = pc_loader_file(L);
	pc_loader_set_file(L, f->file);
	if (!f->pack->program || strcmp(f->pack->program, f->program))
		pc_loader_error(L, pc_ymap_get(root, "frames"), "frames「%s」はパック「%s」の program（%s）と一致しません",
				f->program, f->pack->name, f->pack->program ? f->pack->program : "なし");
	if (!s) {
		pc_loader_error(L, pc_ymap_get(root, "frames"), "program「%s」には項目の定義（schema.yml）がありません", f->program);
		pc_loader_set_file(L, was);
		return;
	}
	const struct pc_ynode *sf = pc_ymap_get(root, "subtype_field");
	if (sf) {
		f->subtype_field = pc_loader_str(L, sf, "subtype_field");
		const struct pc_field *fl = f->subtype_field ? pc_schema_field(s, f->subtype_field) : NULL;
		if (!fl || fl->vtype != PC_V_TEXT)
			pc_loader_error(L, sf, "subtype_field「%s」は計画書の文字列の項目ではありません", sf->str);
	}
	/* dimensions: fields of the plan */
	const struct pc_ynode *dn = pc_ymap_get(root, "dimensions");
	if (dn && dn->kind != PC_Y_MAP)
		pc_loader_error(L, dn, "dimensions は「名前: {field: 項目, …}」の組です");
	for (size_t i = 0; dn && dn->kind == PC_Y_MAP && i < dn->n; i++) {
		static const char *const dk[] = {"field", "label", "unit", "default", "yes", "no", NULL};
		const struct pc_ynode *m = dn->vals[i];
		if (!pc_loader_keys(L, m, dk, NULL, "dimension"))
			continue;
		f->dims = pc_grow(a, f->dims, &f->capdims, f->ndims + 1, sizeof(*f->dims));
		struct pc_frame_dim *dm = &f->dims[f->ndims];
		memset(dm, 0, sizeof(*dm));
		dm->name = pc_arena_strdup(a, dn->keys[i]->str);
		dm->field = pc_loader_str(L, pc_ymap_get(m, "field"), "field");
		const struct pc_field *fl = dm->field ? pc_schema_field(s, dm->field) : NULL;
		if (!fl || fl->type == PC_F_MAP || fl->type == PC_F_LIST || strstr(fl->path, "[]")) {
			pc_loader_error(L, pc_ymap_get(m, "field") ? pc_ymap_get(m, "field") : m,
					"dimension の field は計画書の（リストの外の）値の項目です");
			continue;
		}
		dm->numeric = fl->type == PC_F_INT || fl->type == PC_F_AMOUNT;
		dm->boolean = fl->type == PC_F_BOOL;
		if (fl->type == PC_F_ENUM) {
			dm->values = pc_arena_alloc(a, fl->nvalues * sizeof(*dm->values));
			for (size_t v = 0; v < fl->nvalues; v++)
				dm->values[dm->nvalues++] = fl->values[v].value;
		} else if (dm->boolean) {
			static const char *tf[] = {"true", "false"};
			dm->values = tf;
			dm->nvalues = 2;
		}
		dm->label = pc_ymap_get(m, "label") ? pc_loader_str(L, pc_ymap_get(m, "label"), "label") : fl->label;
		if (pc_ymap_get(m, "unit"))
			dm->unit = pc_loader_str(L, pc_ymap_get(m, "unit"), "unit");
		if (pc_ymap_get(m, "yes"))
			dm->yes = pc_loader_str(L, pc_ymap_get(m, "yes"), "yes");
		if (pc_ymap_get(m, "no"))
			dm->no = pc_loader_str(L, pc_ymap_get(m, "no"), "no");
		const struct pc_ynode *df = pc_ymap_get(m, "default");
		if (df) {
			enum pc_ctype t = dm->boolean ? PC_C_BOOL : dm->numeric ? PC_C_INT : PC_C_TEXT;
			parse_value(L, t, df, &dm->dflt);
		}
		f->ndims++;
	}
	/* columns */
	const struct pc_ynode *cn = pc_ymap_get(root, "columns");
	if (!cn || cn->kind != PC_Y_MAP)
		pc_loader_error(L, cn ? cn : root, "columns は「名前: {label, type}」の組です");
	for (size_t i = 0; cn && cn->kind == PC_Y_MAP && i < cn->n; i++) {
		static const char *const ck[] = {"label", "type", "description", NULL};
		const struct pc_ynode *m = cn->vals[i];
		if (!pc_loader_keys(L, m, ck, NULL, "column"))
			continue;
		const char *name = cn->keys[i]->str;
		if (!strcmp(name, "name") || !strcmp(name, "subtype") || !strcmp(name, "source")) {
			pc_loader_error(L, cn->keys[i], "列の名前「%s」は frame.%s として決まっています。別の名前にしてください", name, name);
			continue;
		}
		f->cols = pc_grow(a, f->cols, &f->capcols, f->ncols + 1, sizeof(*f->cols));
		struct pc_frame_col *c = &f->cols[f->ncols];
		memset(c, 0, sizeof(*c));
		c->name = pc_arena_strdup(a, name);
		c->label = pc_loader_str(L, pc_ymap_get(m, "label"), "label");
		if (pc_ymap_get(m, "description"))
			c->description = pc_loader_str(L, pc_ymap_get(m, "description"), "description");
		const struct pc_ynode *ty = pc_ymap_get(m, "type");
		bool found = false;
		for (size_t k = 0; ty && k < PC_ARRAY_LEN(ctypes) && !found; k++)
			if (pc_yscalar_is(ty, ctypes[k].name)) {
				c->type = ctypes[k].t;
				found = true;
			}
		if (!found) {
			pc_loader_error(L, ty ? ty : m, "列の type は fraction, amount, percent, integer, boolean, date, text のどれかです");
			continue;
		}
		f->ncols++;
	}
	/* rows */
	const struct pc_ynode *rn = pc_ymap_get(root, "rows");
	if (!rn || rn->kind != PC_Y_SEQ) {
		pc_loader_error(L, rn ? rn : root, "rows は「- frame: 枠の名前」で始まる行のリストです");
		pc_loader_set_file(L, was);
		return;
	}
	f->rows = pc_arena_alloc(a, rn->n * sizeof(*f->rows));
	static const char *const rk[] = {"frame", "subtype", "aliases", "rounds", "source", "note", "unconfirmed", NULL};
	const char **colnames = pc_arena_alloc(a, (f->ncols + 1) * sizeof(*colnames));
	for (size_t c = 0; c < f->ncols; c++)
		colnames[c] = f->cols[c].name;
	for (size_t i = 0; i < rn->n; i++) {
		const struct pc_ynode *m = rn->vals[i];
		if (!pc_loader_keys(L, m, rk, colnames, "申請枠の行"))
			continue;
		struct pc_frame *r = &f->rows[f->nrows];
		memset(r, 0, sizeof(*r));
		r->at = m;
		r->file = f->file;
		r->name = pc_loader_str(L, pc_ymap_get(m, "frame"), "frame");
		if (!r->name || !*r->name)
			continue;
		if (pc_ymap_get(m, "subtype"))
			r->subtype = pc_loader_str(L, pc_ymap_get(m, "subtype"), "subtype");
		r->label = r->subtype ? pc_arena_printf(a, "%s（%s）", r->name, r->subtype) : r->name;
		r->aliases = str_list(L, pc_ymap_get(m, "aliases"), &r->naliases);
		if (!read_rounds(L, pc_ymap_get(m, "rounds"), &r->rlo, &r->rhi))
			continue;
		const struct pc_ynode *src = pc_ymap_get(m, "source");
		if (!src) {
			pc_loader_error(L, m, "申請枠「%s」の行に source（公募回と出典）がありません", r->label);
			continue;
		}
		r->source = pc_loader_str(L, src, "source");
		if (pc_ymap_get(m, "note"))
			r->note = pc_loader_str(L, pc_ymap_get(m, "note"), "note");
		r->cells = pc_arena_alloc(a, (f->ncols + 1) * sizeof(*r->cells));
		r->unconfirmed = pc_arena_alloc(a, f->ncols + 1);
		bool ok = true;
		for (size_t c = 0; c < f->ncols; c++) {
			const struct pc_ynode *v = pc_ymap_get(m, f->cols[c].name);
			if (v && !(r->cells[c] = parse_cell(L, f, &f->cols[c], v)))
				ok = false;
		}
		size_t nu;
		const char **un = str_list(L, pc_ymap_get(m, "unconfirmed"), &nu);
		for (size_t k = 0; k < nu; k++) {
			int c = pc_frames_col(f, un[k]);
			if (c < 0 || !r->cells[c]) {
				pc_loader_error(L, pc_ymap_get(m, "unconfirmed"), "unconfirmed の「%s」はこの行の列ではありません", un[k]);
				ok = false;
			} else
				r->unconfirmed[c] = true;
		}
		if (!ok)
			continue;
		fold_row(a, r);
		f->nrows++;
	}
	/* one name, one meaning: two rows of one round may not answer to it */
	for (size_t i = 0; i < f->nrows; i++)
		for (size_t j = i + 1; j < f->nrows; j++) {
			const struct pc_frame *x = &f->rows[i], *y = &f->rows[j];
			bool overlap = (x->rhi < 0 || y->rlo < 0 || y->rlo <= x->rhi) && (y->rhi < 0 || x->rlo < 0 || x->rlo <= y->rhi);
			if (!overlap)
				continue;
			for (size_t p = 0; p < x->nfolded; p++)
				for (size_t q = 0; q < y->nfolded; q++)
					if (!strcmp(x->folded[p], y->folded[q]))
						pc_loader_error(L, y->at, "申請枠「%s」と「%s」が同じ公募回に同じ名前「%s」で読まれます",
								x->label, y->label, y->folded[q]);
		}
	pc_loader_set_file(L, was);
}

/* ---- lookups ------------------------------------------------------------------- */

int pc_frames_col(const struct pc_frames *f, const char *name)
{
	if (!strcmp(name, "name"))
		return PC_FRAME_COL_NAME;
	if (!strcmp(name, "subtype"))
		return PC_FRAME_COL_SUBTYPE;
	if (!strcmp(name, "source"))
		return PC_FRAME_COL_SOURCE;
	for (size_t i = 0; f && i < f->ncols; i++)
		if (!strcmp(f->cols[i].name, name))
			return (int)i;
	return -1;
}

const char *pc_frames_near_col(const struct pc_frames *f, const char *name)
{
	const char *best = NULL;
	size_t bd = 3;
	for (size_t i = 0; f && i < f->ncols; i++) {
		size_t d = pc_edit_distance(name, f->cols[i].name);
		if (d < bd) {
			bd = d;
			best = f->cols[i].name;
		}
	}
	return best;
}

static bool in_round(const struct pc_frame *r, long round)
{
	return (r->rlo < 0 || round >= r->rlo) && (r->rhi < 0 || round <= r->rhi);
}

static bool answers(const struct pc_frame *r, const char *folded)
{
	for (size_t i = 0; i < r->nfolded; i++)
		if (!strcmp(r->folded[i], folded))
			return true;
	return false;
}

bool pc_frames_known(const struct pc_frames *f, const char *name)
{
	for (size_t i = 0; f && i < f->nrows; i++)
		if (!strcmp(f->rows[i].name, name) || !strcmp(f->rows[i].label, name))
			return true;
	return false;
}

const char *pc_frames_near(const struct pc_frames *f, const char *name, long round)
{
	struct pc_arena a = {0};
	const char *w = pc_name_fold(&a, name, strlen(name)), *best = NULL;
	size_t bd = (size_t)-1, wl = pc_utf8_count(w, strlen(w));
	for (size_t i = 0; f && i < f->nrows; i++) {
		const struct pc_frame *r = &f->rows[i];
		if (round >= 0 && !in_round(r, round))
			continue;
		for (size_t k = 0; k < r->nfolded; k++) {
			size_t d = pc_edit_distance(w, r->folded[k]);
			if (d < bd) {
				bd = d;
				best = r->label;
			}
		}
	}
	pc_arena_release(&a);
	/* bytes: a kanji is three; a slip of about a third of the name */
	return best && bd <= 3 + wl ? best : NULL;
}

const char *pc_frames_rounds_of(struct pc_arena *a, const struct pc_frames *f, const char *name)
{
	const char *w = pc_name_fold(a, name, strlen(name));
	long lo[64], hi[64];
	size_t n = 0;
	for (size_t i = 0; f && i < f->nrows && n < 64; i++) {
		const struct pc_frame *r = &f->rows[i];
		bool base = r->subtype && !strcmp(pc_name_fold(a, r->name, strlen(r->name)), w);
		if (!answers(r, w) && !base)
			continue;
		lo[n] = r->rlo < 0 ? 1 : r->rlo;
		hi[n] = r->rhi;
		n++;
	}
	/* sorted by first round, then merged where they meet */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && lo[j] < lo[j - 1]; j--) {
			long t = lo[j];
			lo[j] = lo[j - 1];
			lo[j - 1] = t;
			t = hi[j];
			hi[j] = hi[j - 1];
			hi[j - 1] = t;
		}
	struct pc_buf b = {0};
	for (size_t i = 0; i < n;) {
		long l = lo[i], h = hi[i];
		size_t j = i + 1;
		while (j < n && h >= 0 && lo[j] <= h + 1) {
			h = hi[j] < 0 ? -1 : (hi[j] > h ? hi[j] : h);
			j++;
		}
		if (h == l)
			pc_buf_printf(&b, "%s第%ld回", b.len ? "、" : "", l);
		else if (h < 0)
			pc_buf_printf(&b, "%s第%ld回以降", b.len ? "、" : "", l);
		else
			pc_buf_printf(&b, "%s第%ld〜%ld回", b.len ? "、" : "", l, h);
		i = j;
	}
	const char *s = pc_arena_strdup(a, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

const char *pc_frames_of_round(struct pc_arena *a, const struct pc_frames *f, long round)
{
	struct pc_buf b = {0};
	for (size_t i = 0; f && i < f->nrows; i++) {
		const struct pc_frame *r = &f->rows[i];
		if (!in_round(r, round))
			continue;
		bool twice = false;
		for (size_t k = 0; k < i && !twice; k++)
			twice = in_round(&f->rows[k], round) && !strcmp(f->rows[k].label, r->label);
		if (!twice)
			pc_buf_printf(&b, "%s%s", b.len ? "、" : "", r->label);
	}
	const char *s = pc_arena_strdup(a, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

void pc_frames_resolve(struct pc_doc *d, const struct pc_frames *f)
{
	d->frame = NULL;
	d->frame_how = PC_FRAME_NONE;
	struct pc_ynode *fn = d->fm ? pc_ymap_get(d->fm, "frame") : NULL;
	if (!f || !fn || fn->vtype != PC_V_TEXT || !fn->len || d->round < 0)
		return;
	const char *w = pc_name_fold(&d->arena, fn->str, fn->len), *sub = NULL;
	if (f->subtype_field) {
		const struct pc_ynode *st = pc_plan_node(d, f->subtype_field);
		if (st && st->vtype == PC_V_TEXT && st->len)
			sub = pc_name_fold(&d->arena, st->str, st->len);
	}
	const struct pc_frame *found = NULL;
	bool any = false, needs = false;
	for (size_t i = 0; i < f->nrows; i++) {
		const struct pc_frame *r = &f->rows[i];
		bool exact = answers(r, w);
		bool base = !exact && r->subtype && !strcmp(pc_name_fold(&d->arena, r->name, strlen(r->name)), w);
		if (base && sub) {
			const char *rs = pc_name_fold(&d->arena, r->subtype, strlen(r->subtype));
			/* 類型 written with or without the frame's name */
			exact = !strcmp(rs, sub) || !strcmp(pc_name_fold(&d->arena, r->label, strlen(r->label)), sub);
			base = !exact;
		}
		if (!exact && !base)
			continue;
		any = true;
		if (!in_round(r, d->round))
			continue;
		if (exact && !found)
			found = r;
		needs |= base;
	}
	if (found) {
		d->frame = found;
		d->frame_how = PC_FRAME_FOUND;
		/* the frame's own name from here on, as an enumeration's alias */
		fn->str = found->label;
		fn->len = strlen(found->label);
	} else
		d->frame_how = needs ? PC_FRAME_NEEDS_SUBTYPE : any ? PC_FRAME_OTHER_ROUND : PC_FRAME_UNKNOWN;
}

/* ---- values --------------------------------------------------------------------- */

static int rcmp(struct pc_rat x, struct pc_rat y)
{
	__int128 a = x.n * y.d, b = y.n * x.d;
	return a < b ? -1 : a > b;
}

static const struct pc_fcell *pick(const struct pc_doc *d, const struct pc_frames *f, const struct pc_fcell *c)
{
	while (c && c->dim >= 0) {
		const struct pc_frame_dim *dm = &f->dims[c->dim];
		const struct pc_ynode *n = pc_plan_node(d, dm->field);
		struct pc_val v = dm->dflt;
		if (n && n->vtype == PC_V_TEXT) {
			v.t = X_TEXT;
			v.s = n->str;
		} else if (n && (n->vtype == PC_V_INT || n->vtype == PC_V_AMOUNT)) {
			v.t = X_NUM;
			v.r.n = n->ival;
			v.r.d = 1;
		} else if (n && n->vtype == PC_V_BOOL) {
			v.t = X_BOOL;
			v.b = n->ival != 0;
		}
		if (v.t == X_MISSING)
			return NULL;
		const struct pc_fcell *next = c->otherwise;
		for (size_t i = 0; i < c->ncases; i++) {
			const struct pc_fcase *cs = &c->cases[i];
			bool hit = false;
			if (cs->range && v.t == X_NUM)
				hit = (!cs->lo.d || rcmp(v.r, cs->lo) >= 0) && (!cs->hi.d || rcmp(v.r, cs->hi) <= 0);
			else if (v.t == X_TEXT)
				hit = !strcmp(cs->key, v.s);
			else if (v.t == X_BOOL)
				hit = !strcmp(cs->key, v.b ? "true" : "false");
			if (hit) {
				next = cs->cell;
				break;
			}
		}
		c = next;
	}
	return c;
}

struct pc_val pc_frame_value(const struct pc_doc *d, int col, bool unconfirmed)
{
	struct pc_val none = {.t = X_MISSING};
	const struct pc_frame *r = d->frame;
	const struct pc_frames *f = d->schema ? d->schema->frames : NULL;
	if (!r || !f)
		return none;
	if (col < 0) {
		if (unconfirmed)
			return none;
		struct pc_val v = {.t = X_TEXT};
		v.s = col == PC_FRAME_COL_NAME ? r->name : col == PC_FRAME_COL_SUBTYPE ? r->subtype : r->source;
		return v.s ? v : none;
	}
	if ((size_t)col >= f->ncols || !r->cells[col] || r->unconfirmed[col] != unconfirmed)
		return none;
	const struct pc_fcell *c = pick(d, f, r->cells[col]);
	return c ? c->v : none;
}

/* ---- formatting ----------------------------------------------------------------- */

const char *pc_fval_format(struct pc_arena *a, enum pc_ctype t, const struct pc_val *v)
{
	switch (t) {
	case PC_C_FRACTION:
		if (v->r.d == 1)
			return pc_arena_printf(a, "%lld", (long long)v->r.n);
		return pc_arena_printf(a, "%lld/%lld", (long long)v->r.n, (long long)v->r.d);
	case PC_C_PERCENT: {
		/* 3.0%, 1.5%, 10% as written in the guidelines */
		long long tenths = (long long)(v->r.n * 1000 / v->r.d);
		if (tenths % 10 == 0 && tenths >= 100)
			return pc_arena_printf(a, "%lld%%", tenths / 10);
		return pc_arena_printf(a, "%lld.%lld%%", tenths / 10, tenths % 10);
	}
	default:
		return pc_val_format(a, v, NULL);
	}
}

static void case_label(struct pc_buf *b, const struct pc_frame_dim *dm, const struct pc_fcase *cs)
{
	if (cs->range) {
		const char *u = dm->unit ? dm->unit : "";
		if (cs->lo.d && cs->hi.d && cs->lo.n == cs->hi.n)
			pc_buf_printf(b, "%lld%s", (long long)cs->lo.n, u);
		else if (!cs->lo.d || cs->lo.n == 0)
			pc_buf_printf(b, "%lld%s以下", (long long)cs->hi.n, u);
		else if (!cs->hi.d)
			pc_buf_printf(b, "%lld%s以上", (long long)cs->lo.n, u);
		else
			pc_buf_printf(b, "%lld〜%lld%s", (long long)cs->lo.n, (long long)cs->hi.n, u);
	} else if (!strcmp(cs->key, "true") && dm->yes)
		pc_buf_puts(b, dm->yes);
	else if (!strcmp(cs->key, "false") && dm->no)
		pc_buf_puts(b, dm->no);
	else
		pc_buf_puts(b, cs->key);
}

static void fmt_cell(struct pc_arena *a, struct pc_buf *b, const struct pc_frames *f, const struct pc_frame_col *c,
		     const struct pc_fcell *cell, int depth)
{
	if (cell->dim < 0) {
		pc_buf_puts(b, pc_fval_format(a, c->type, &cell->v));
		return;
	}
	const struct pc_frame_dim *dm = &f->dims[cell->dim];
	const char *sep = depth ? "、" : "・";
	if (depth)
		pc_buf_puts(b, "（");
	for (size_t i = 0; i < cell->ncases; i++) {
		if (i)
			pc_buf_puts(b, sep);
		case_label(b, dm, &cell->cases[i]);
		if (cell->cases[i].cell->dim < 0)
			pc_buf_puts(b, " ");
		fmt_cell(a, b, f, c, cell->cases[i].cell, depth + 1);
	}
	if (cell->otherwise) {
		pc_buf_printf(b, "%sその他%s", cell->ncases ? sep : "", cell->otherwise->dim < 0 ? " " : "");
		fmt_cell(a, b, f, c, cell->otherwise, depth + 1);
	}
	if (depth)
		pc_buf_puts(b, "）");
}

const char *pc_fcell_format(struct pc_arena *a, const struct pc_frames *f, const struct pc_frame_col *c,
			    const struct pc_fcell *cell)
{
	struct pc_buf b = {0};
	fmt_cell(a, &b, f, c, cell, 0);
	const char *s = pc_arena_strdup(a, b.s ? b.s : "");
	pc_buf_free(&b);
	return s;
}

/* ---- the table as people read it ---------------------------------------------------- */

static long last_round(const struct pc_frames *f)
{
	long hi = 0;
	for (size_t i = 0; i < f->nrows; i++) {
		hi = f->rows[i].rhi > hi ? f->rows[i].rhi : hi;
		hi = f->rows[i].rlo > hi ? f->rows[i].rlo : hi;
	}
	return hi;
}

const char *pc_frame_rounds(struct pc_arena *a, const struct pc_frame *r)
{
	if (r->rlo >= 0 && r->rlo == r->rhi)
		return pc_arena_printf(a, "第%ld回", r->rlo);
	if (r->rhi < 0)
		return pc_arena_printf(a, "第%ld回以降", r->rlo < 0 ? 1 : r->rlo);
	return pc_arena_printf(a, "第%ld〜%ld回", r->rlo < 0 ? 1 : r->rlo, r->rhi);
}

void pc_frames_print(FILE *out, const struct pc_frames *f, long only, bool json)
{
	struct pc_arena a = {0};
	long last = last_round(f);
	bool first_round = true;
	if (json)
		fprintf(out, "{\"program\": \"%s\", \"rounds\": [", f->program);
	for (long rd = 1; rd <= last; rd++) {
		if (only > 0 && rd != only)
			continue;
		if (json)
			fprintf(out, "%s\n {\"round\": %ld, \"frames\": [", first_round ? "" : ",", rd);
		else
			fprintf(out, "%s第%ld回\n", first_round ? "" : "\n", rd);
		first_round = false;
		bool first = true;
		for (size_t i = 0; i < f->nrows; i++) {
			const struct pc_frame *r = &f->rows[i];
			if (!in_round(r, rd))
				continue;
			if (json) {
				fprintf(out, "%s\n  {\"frame\": ", first ? "" : ",");
				pc_json_str(out, r->name);
				fputs(", \"subtype\": ", out);
				if (r->subtype)
					pc_json_str(out, r->subtype);
				else
					fputs("null", out);
				fputs(", \"label\": ", out);
				pc_json_str(out, r->label);
				fputs(", \"rounds\": ", out);
				pc_json_str(out, pc_frame_rounds(&a, r));
				fputs(", \"source\": ", out);
				pc_json_str(out, r->source);
				if (r->note) {
					fputs(", \"note\": ", out);
					pc_json_str(out, r->note);
				}
				fputs(", \"values\": [", out);
			} else {
				fprintf(out, "  %s（%s）\n", r->label, pc_frame_rounds(&a, r));
				if (r->note)
					fprintf(out, "    %s\n", r->note);
			}
			bool fv = true;
			for (size_t c = 0; c < f->ncols; c++) {
				if (!r->cells[c])
					continue;
				const char *t = pc_fcell_format(&a, f, &f->cols[c], r->cells[c]);
				if (json) {
					fprintf(out, "%s{\"column\": \"%s\", \"label\": ", fv ? "" : ", ", f->cols[c].name);
					pc_json_str(out, f->cols[c].label);
					fputs(", \"text\": ", out);
					pc_json_str(out, t);
					fprintf(out, ", \"unconfirmed\": %s}", r->unconfirmed[c] ? "true" : "false");
				} else
					fprintf(out, "    %s: %s%s\n", f->cols[c].label, t, r->unconfirmed[c] ? "（未確認）" : "");
				fv = false;
			}
			if (json)
				fputs("]}", out);
			else
				fprintf(out, "    出典: %s\n", r->source);
			first = false;
		}
		if (json)
			fputs("]}", out);
	}
	if (json)
		fputs("\n]}\n", out);
	pc_arena_release(&a);
}

/* ---- the same table as a chapter of the books ------------------------------------ */

/* a table cell's text: "|" would end the cell */
static void cell_text(struct pc_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			pc_buf_puts(b, "｜");
		else if (*s == '\n')
			pc_buf_putc(b, ' ');
		else
			pc_buf_putc(b, *s);
}

char *pc_frames_markdown(const struct pc_frames *f, const char *number)
{
	struct pc_arena a = {0};
	struct pc_buf b = {0};
	long last = last_round(f);
	/* the rows by first round, as the pack lists them within a round */
	size_t *order = calloc(f->nrows + 1, sizeof(*order)), n = 0;
	for (long rd = 0; rd <= last; rd++)
		for (size_t i = 0; i < f->nrows; i++)
			if ((f->rows[i].rlo < 0 ? 0 : f->rows[i].rlo) == rd)
				order[n++] = i;
	pc_buf_printf(&b, "## %s 公募回ごとの申請枠 {#waku-ichiran}\n\n", number);
	pc_buf_puts(&b, "次の表と各枠の表は、plancheck が検査に使う申請枠の表（規則パックの frames.yml）から作っています。"
			"「未確認」とした値は、公募回を明記した公開資料で確かめられていないもので、plancheck はそれを警告にしか使いません。\n\n");
	pc_buf_puts(&b, "| 公募回 | 申請枠 |\n|---|---|\n");
	for (long rd = 1; rd <= last; rd++) {
		pc_buf_printf(&b, "| 第%ld回 | ", rd);
		cell_text(&b, pc_frames_of_round(&a, f, rd));
		pc_buf_puts(&b, " |\n");
	}
	pc_buf_puts(&b, "\n");
	for (size_t k = 0; k < n; k++) {
		const struct pc_frame *r = &f->rows[order[k]];
		pc_buf_printf(&b, "### %s（%s）\n\n", r->label, pc_frame_rounds(&a, r));
		if (r->note)
			pc_buf_printf(&b, "%s。\n\n", r->note);
		bool any = false;
		for (size_t c = 0; c < f->ncols; c++) {
			if (!r->cells[c])
				continue;
			if (!any)
				pc_buf_puts(&b, "| 項目 | 内容 |\n|---|---|\n");
			any = true;
			pc_buf_puts(&b, "| ");
			cell_text(&b, f->cols[c].label);
			pc_buf_puts(&b, " | ");
			cell_text(&b, pc_fcell_format(&a, f, &f->cols[c], r->cells[c]));
			if (r->unconfirmed[c])
				pc_buf_puts(&b, "（未確認）");
			pc_buf_puts(&b, " |\n");
		}
		if (any)
			pc_buf_puts(&b, "\n");
		pc_buf_printf(&b, "出典: %s\n\n", r->source);
	}
	free(order);
	pc_arena_release(&a);
	return b.s;
}
