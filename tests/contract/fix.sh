# `fix` applies substitutions in the body only, prints each change, keeps
# the encoding, BOM and line ends, refuses to overwrite its input without
# --in-place (which keeps FILE.bak), and leaves no substitution finding.
set -eu
cat >"$TMP/f.md" <<'MD'
---
program: saikouchiku
round: 6
applicant:
  name: 全て株式会社
---
# 1. 取組内容

新工場で量産が出来る。全ての工程を記録する。ＥＣサイトで販売する。
MD
cp "$TMP/f.md" "$TMP/orig.md"
"$PLANCHECK" fix "$TMP/f.md" >"$TMP/out.md" 2>"$TMP/log"
cmp -s "$TMP/f.md" "$TMP/orig.md"                      # input untouched
grep -q 'f.md:9:8: 「出来」→「でき」 \[common.notation-dekiru\]' "$TMP/log"
grep -q '3 か所を置き換えました' "$TMP/log"
grep -q '^新工場で量産ができる。すべての工程を記録する。ECサイトで販売する。$' "$TMP/out.md"
grep -q '^  name: 全て株式会社$' "$TMP/out.md"           # front matter never touched
"$PLANCHECK" check --format json "$TMP/out.md" >"$TMP/j" || true
jq -e '[.files[0].findings[] | select(.rule | startswith("common.notation"))] | length == 0' "$TMP/j" >/dev/null
# -o onto the input is refused; --in-place keeps a backup
st=0
"$PLANCHECK" fix "$TMP/f.md" -o "$TMP/f.md" 2>/dev/null || st=$?
[ $st = 2 ]
cmp -s "$TMP/f.md" "$TMP/orig.md"
"$PLANCHECK" fix --in-place "$TMP/f.md" 2>/dev/null
cmp -s "$TMP/f.md.bak" "$TMP/orig.md"
cmp -s "$TMP/f.md" "$TMP/out.md"
# CP932 with CRLF comes back CP932 with CRLF, and a BOM stays
iconv -f UTF-8 -t CP932 "$TMP/orig.md" | sed 's/$/\r/' >"$TMP/sj.md"
"$PLANCHECK" fix "$TMP/sj.md" -o "$TMP/sj-out.md" 2>/dev/null
iconv -f UTF-8 -t CP932 "$TMP/out.md" | sed 's/$/\r/' >"$TMP/sj-want.md"
cmp "$TMP/sj-out.md" "$TMP/sj-want.md"
# lone CRs (old Mac files) come back as lone CRs
tr '\n' '\r' <"$TMP/orig.md" >"$TMP/cr.md"
"$PLANCHECK" fix "$TMP/cr.md" -o "$TMP/cr-out.md" 2>/dev/null
tr '\n' '\r' <"$TMP/out.md" | cmp - "$TMP/cr-out.md"
printf '\357\273\277' | cat - "$TMP/orig.md" >"$TMP/bom.md"
"$PLANCHECK" fix "$TMP/bom.md" -o "$TMP/bom-out.md" 2>/dev/null
head -c 3 "$TMP/bom-out.md" | od -An -tx1 | grep -q 'ef bb bf'
# a full disk is a clear error, and the output is not left half-written
st=0
"$PLANCHECK" fix "$TMP/orig.md" -o /dev/full 2>"$TMP/err" || st=$?
[ $st = 2 ] && grep -q '書き込めません' "$TMP/err"
test -c /dev/full
# a read-only directory: clear error, no partial file
mkdir -p "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" != 0 ]; then
	st=0
	"$PLANCHECK" fix "$TMP/orig.md" -o "$TMP/ro/x.md" 2>"$TMP/err" || st=$?
	[ $st = 2 ] && [ ! -e "$TMP/ro/x.md" ]
fi
chmod 755 "$TMP/ro"
# a draft with another hard link: both names see the fixed text (a rename
# gave a.md a new inode and left the other name with the old text), and
# FILE.bak holds the old text
cp "$TMP/orig.md" "$TMP/hl.md"
ln -f "$TMP/hl.md" "$TMP/hl-other.md"
"$PLANCHECK" fix --in-place "$TMP/hl.md" 2>/dev/null
cmp -s "$TMP/hl.md" "$TMP/out.md" && cmp -s "$TMP/hl-other.md" "$TMP/out.md" || { echo "hard link broken"; exit 1; }
[ "$(stat -c %h "$TMP/hl.md")" = 2 ]
cmp -s "$TMP/hl.md.bak" "$TMP/orig.md"
# standard input cannot be fixed in place: a usage error, in Japanese
st=0
"$PLANCHECK" fix --in-place - <"$TMP/orig.md" >/dev/null 2>"$TMP/err" || st=$?
[ $st = 2 ] && grep -q '標準入力は --in-place で書き換えられません' "$TMP/err"
