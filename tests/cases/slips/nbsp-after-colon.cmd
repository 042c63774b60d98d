# A no-break space pasted from Word after "capital:": one error naming it, every field read
cd ../../.. && {
	sed 's/^  capital: /  capital:\xc2\xa0/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh nbsp-after-colon 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
