# Every heading typed as a numbered line: all read, no error, a note each
cd ../../.. && {
	sed 's/^#\{1,3\} //' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh no-hashes-at-all 'plan\.heading-form|saikouchiku\.section-[a-z]+'
