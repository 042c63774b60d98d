# "capital:1,000万円": one error at its line naming the missing space; no cascade
cd ../../.. && {
	sed 's/^  capital: /  capital:/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh missing-space 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
