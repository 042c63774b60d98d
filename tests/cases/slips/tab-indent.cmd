# A tab as the indentation: one error at its line, re-indented to its siblings
cd ../../.. && {
	sed 's/^  capital: /\tcapital: /' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh tab-indent 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
