# A no-break space in the indentation: one error, re-indented, every field read
cd ../../.. && {
	sed 's/^  address: /\xc2\xa0 address: /' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh nbsp-indent 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
