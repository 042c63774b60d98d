# Every indentation a tab: one error with a count, the plan read whole
cd ../../.. && {
	sed 's/^  /\t/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh tabs-everywhere 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
