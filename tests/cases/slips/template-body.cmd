# A filled front matter (the public plan's) over the template's untouched
cd ../../.. && {
	# body: every instruction sentence is an error, the draft is never 提出可
	awk 'n < 2 { print } /^---$/ { n++ }' examples/hakkoda-seiko.md
	awk 'n >= 2 { print } /^---$/ { n++ }' templates/saikouchiku-aomori.md
} | sh tests/cases/lib/check-only.sh template-body 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
