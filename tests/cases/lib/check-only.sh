# check-only.sh NAME RULES < DRAFT: `plancheck check` the draft (saved as
# NAME.md in a scratch folder) and print only the findings whose rule id
# matches the extended regex RULES, with their suggestion lines; exits with
# check's status.  For cases about one part of plancheck, so that advice
# from other rule packs does not change their expected output.
set -u
name=$1 rules=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/pc-case.XXXXXX")
cat >"$dir/$name.md"
(cd "$dir" && "$PLANCHECK" check "$name.md") >"$dir/out" 2>&1
st=$?
awk -v re="\\\\[($rules)\\\\]\$" '
	/^[^ ].*:[0-9]+:[0-9]+: (error|warning|info): / { keep = ($0 ~ re) }
	/^[^ ]/ && !/:[0-9]+:[0-9]+: / { keep = 0 }
	keep && (/^[^ ]/ || /^      = /) { print }' "$dir/out"
rm -rf "$dir"
exit $st
