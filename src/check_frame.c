/*
 * check_frame.c - the `frame` kind: the plan's 申請枠 against its program's
 * frames by round (frames.yml).  A name no round has is the rule's message
 * with {suggest} the nearest frame of the plan's round (or that round's
 * frames); a frame of other rounds is `other_round` with {where} the
 * rounds it exists in; a frame that has 類型 but none written is
 * `subtype` with {suggest} its 類型 (at `subtype_level` when the rule gives
 * one: a plan may say its 類型 elsewhere).  {value} is the frame as written.  A
 * matched alias is not a finding: it reads as the frame's name.
 */
#include "frames.h"
#include "kind.h"
#include "schema.h"

#include <string.h>

static bool compile_frame(struct pc_loader *L, struct pc_rule *r, struct pc_ynode *m)
{
	const struct pc_schema *s = pc_loader_schema(L);
	if (!s || !s->frames) {
		pc_loader_error(L, m, "frame の規則には、この program の申請枠の表（frames.yml）が必要です");
		return false;
	}
	const struct pc_ynode *o = pc_ymap_get(m, "other_round"), *st = pc_ymap_get(m, "subtype");
	if (!o || !st) {
		pc_loader_error(L, m, "frame の規則には other_round（他の回の枠のとき）と subtype（類型がないとき）の文面が必要です");
		return false;
	}
	const struct pc_ynode *sl = pc_ymap_get(m, "subtype_level");
	if (sl) {
		if (!pc_yscalar_is(sl, "error") && !pc_yscalar_is(sl, "warning") && !pc_yscalar_is(sl, "info")) {
			pc_loader_error(L, sl, "subtype_level は error, warning, info のどれかです");
			return false;
		}
		r->as->frame.subtype_level = 1 + (pc_yscalar_is(sl, "error") ? PC_ERROR : pc_yscalar_is(sl, "warning") ? PC_WARNING : PC_INFO);
	}
	return pc_loader_tpl(L, r, o, &r->as->frame.other_round) && pc_loader_tpl(L, r, st, &r->as->frame.subtype);
}

static struct pc_val text(const char *s)
{
	struct pc_val v = {.t = s && *s ? X_TEXT : X_MISSING, .s = s};
	return v;
}

static void run_frame(struct pc_run *x, const struct pc_rule *r)
{
	struct pc_doc *d = x->d;
	const struct pc_frames *f = d->schema ? d->schema->frames : NULL;
	const struct pc_ynode *fn = pc_ymap_get(d->fm, "frame");
	if (!f || !fn || fn->kind != PC_Y_SCALAR)
		return;
	pc_run_local(x, L_VALUE, text(fn->str));
	const struct pc_tpl *t = NULL;
	switch ((enum pc_frame_how)d->frame_how) {
	case PC_FRAME_UNKNOWN: {
		const char *near = pc_frames_near(f, fn->str, d->round);
		pc_run_local(x, L_SUGGEST, text(near ? pc_arena_printf(&d->arena, "「%s」の書き間違いではありませんか", near)
						     : pc_arena_printf(&d->arena, "第%ld回の申請枠は %s です", d->round,
								       pc_frames_of_round(&d->arena, f, d->round))));
		break;
	}
	case PC_FRAME_OTHER_ROUND:
		pc_run_local(x, L_WHERE, text(pc_frames_rounds_of(&d->arena, f, fn->str)));
		pc_run_local(x, L_SUGGEST, text(pc_arena_printf(&d->arena, "第%ld回の申請枠は %s です", d->round,
								pc_frames_of_round(&d->arena, f, d->round))));
		t = &r->as->frame.other_round;
		break;
	case PC_FRAME_NEEDS_SUBTYPE: {
		struct pc_buf b = {0};
		const char *w = pc_name_fold(&d->arena, fn->str, fn->len);
		for (size_t i = 0; i < f->nrows; i++) {
			const struct pc_frame *row = &f->rows[i];
			if (row->subtype && (row->rlo < 0 || d->round >= row->rlo) && (row->rhi < 0 || d->round <= row->rhi) &&
			    !strcmp(pc_name_fold(&d->arena, row->name, strlen(row->name)), w))
				pc_buf_printf(&b, "%s「%s」", b.len ? "か" : "", row->label);
		}
		pc_run_local(x, L_SUGGEST, text(pc_arena_strdup(&d->arena, b.s ? b.s : "")));
		pc_buf_free(&b);
		t = &r->as->frame.subtype;
		break;
	}
	default:
		return;
	}
	int level = t == &r->as->frame.subtype && r->as->frame.subtype_level ? r->as->frame.subtype_level - 1 : (int)r->level;
	struct pc_finding *fd = pc_run_emit(x, r, fn->start, fn->end, level, t ? pc_run_render(x, t) : NULL);
	if (t && r->suggestion.n)
		fd->suggestion = pc_run_render(x, &r->suggestion);
}

static const char *const frame_keys[] = {"other_round", "subtype", "subtype_level", NULL};
const struct pc_kind pc_kind_frame = {"frame", frame_keys, compile_frame, run_frame, NULL, NULL};
