# fix --in-place on a symlink writes through to the file it names, keeps
# the draft's mode and owner, and leaves FILE.bak with the same mode and
# owner (the link was replaced by a file, the target left unfixed, and a
# mode-600 draft came out 644)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
mkdir real
printf -- '---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n\n全て下さい。\n' >real/plan.md
cp real/plan.md orig.md
chmod 640 real/plan.md
# as root, the draft belongs to someone else (nobody), as on a shared drive
[ "$(id -u)" = 0 ] && chown 65534:65534 real/plan.md
owner=$(stat -c '%u:%g' real/plan.md)
ln -s real/plan.md link.md
"$PLANCHECK" fix --in-place link.md 2>/dev/null; echo "exit: $?"
[ -L link.md ] && echo "link.md is still a link" || echo "link.md was replaced"
tail -n 1 real/plan.md
echo "mode: $(stat -c %a real/plan.md)"
[ "$(stat -c '%u:%g' real/plan.md)" = "$owner" ] && echo "owner kept" || echo "owner changed"
echo "bak mode: $(stat -c %a link.md.bak)"
[ "$(stat -c '%u:%g' link.md.bak)" = "$owner" ] && echo "bak owner kept" || echo "bak owner changed"
cmp -s link.md.bak orig.md && echo "bak holds the original"
