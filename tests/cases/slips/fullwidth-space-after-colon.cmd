# A full-width space (IME on) after "capital:": one error naming it
cd ../../.. && {
	sed 's/^  capital: /  capital:\xe3\x80\x80/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh fullwidth-space-after-colon 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
