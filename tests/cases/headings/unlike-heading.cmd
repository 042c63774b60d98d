# A required heading in other words: missing, said at that place (the next required heading), not at a blank line
cd ../../.. && {
	sed 's/^# 2. 将来の展望.*/# 2. 今後の見通し/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh unlike-heading 'plan\.heading-form|saikouchiku\.section-[a-z]+'
