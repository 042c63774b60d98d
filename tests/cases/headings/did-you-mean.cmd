# A required heading not close enough to be read as it: the error at that heading with did-you-mean
cd ../../.. && {
	sed 's/^# 4. 収益計画/# 4. 収支の見込み計画/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh did-you-mean 'plan\.heading-form|saikouchiku\.section-[a-z]+'
