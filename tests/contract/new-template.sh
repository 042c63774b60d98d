# `new` writes a template and refuses to overwrite; a fresh template checks
# with only "please fill in" findings - no crash, no number error - and
# every front-matter field in it carries a Japanese comment.
set -eu
"$PLANCHECK" new -o "$TMP/plan.md" 2>/dev/null
"$PLANCHECK" new --topup aomori -o "$TMP/plan-a.md" 2>/dev/null
echo keep >"$TMP/mine.md"
st=0
"$PLANCHECK" new -o "$TMP/mine.md" 2>"$TMP/err" || st=$?
[ $st = 2 ] && grep -q '上書きしません' "$TMP/err" && [ "$(cat "$TMP/mine.md")" = keep ]
st=0
"$PLANCHECK" new --program nosuch -o "$TMP/x.md" 2>/dev/null || st=$?
[ $st = 2 ] && [ ! -e "$TMP/x.md" ]
"$PLANCHECK" new | head -n 1 | grep -q '^---$'
for t in plan plan-a; do
	st=0
	"$PLANCHECK" check --format json "$TMP/$t.md" >"$TMP/$t.json" || st=$?
	[ $st = 1 ]
	# only "fill in" findings: required fields, the missing confirmation,
	# and sections still short of text; nothing about numbers disagreeing
	jq -r '.files[0].findings[] | .rule' "$TMP/$t.json" | sort -u >"$TMP/rules"
	if grep -vE 'required|applicant-(name|employees)|expense-amount|support-org-confirmed|section-(torikumi|tenbou)$|^common\.placeholder$' "$TMP/rules"; then
		echo "$t: a finding that is not about filling in"
		exit 1
	fi
	jq -e '[.files[0].findings[] | select(.rule | test("section")) | .message] | all(test("字しかありません"))' "$TMP/$t.json" >/dev/null
	jq -e '[.files[0].findings[] | select(.rule | test("plan\\.|rules\\."))] | length == 0' "$TMP/$t.json" >/dev/null
	# the body's instructions are errors: an untouched body is never 提出可
	jq -e '[.files[0].findings[] | select(.rule == "common.placeholder" and .severity == "error")] | length >= 15' "$TMP/$t.json" >/dev/null
done
# every key line of the front matter has a comment line above it or a
# comment after it (the rows of the financial plan, one field a line)
awk 'NR > 1 && /^---$/ { exit } /^ *(- )?[a-z_]+:/ && prev !~ /^ *#/ && $0 !~ / # / && $0 !~ /^ *(plancheck|existing|new|rows):/ { print "no comment: " $0; bad = 1 } { prev = $0 } END { exit bad }' "$TMP/plan-a.md"
# the financial plan's rows are in block style (a comma in a number cannot split them)
grep -q '^    - year: ' "$TMP/plan.md" && ! grep -q '{year:' "$TMP/plan.md"

# new --help lists the templates installed, as the options that choose
# them (the programs are data: a template added is listed)
mkdir -p "$TMP/nd"
cp -R templates rules dicts "$TMP/nd/"
cp templates/saikouchiku.md "$TMP/nd/templates/otherprog-pref.md"
PLANCHECK_DATA=$TMP/nd "$PLANCHECK" new --help >"$TMP/nh"
grep -qx '  --program saikouchiku' "$TMP/nh"
grep -qx '  --program otherprog --topup pref' "$TMP/nh"
