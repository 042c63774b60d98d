# A full-width space as the indentation: one error, re-indented
cd ../../.. && {
	sed 's/^  capital: /\xe3\x80\x80capital: /' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh fullwidth-space-indent 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
