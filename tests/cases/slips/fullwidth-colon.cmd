# A full-width colon after the key: one error
cd ../../.. && {
	sed 's/^  capital: /  capital：/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh fullwidth-colon 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
