# every file plancheck reads besides the draft is refused at once when it
# is a FIFO (opening one nobody writes to waits forever): a --dict, a
# dict: of .plancheck.yml, a rule file in a --rules pack (said in a rule
# file's words, not a plan's)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
printf -- '---\nprogram: saikouchiku\nround: 6\n---\n# 本文\n' >plan.md
mkfifo words.dic
timeout 60 "$PLANCHECK" check --dict words.dic plan.md; echo "--dict: $?"
mkdir d
cp plan.md d/plan.md
printf 'dict: ../words.dic\n' >d/.plancheck.yml
timeout 60 "$PLANCHECK" check d/plan.md >out 2>&1; st=$?
sed "s|$t/||g" out; echo "dict: $st"
mkdir -p r/p
printf 'pack: p\napplies:\n  program: p\nrules: []\n' >r/p/a.yml
mkfifo r/p/b.yml
timeout 60 "$PLANCHECK" rules --rules r; echo "rules: $?"
