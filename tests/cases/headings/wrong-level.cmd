# A required heading at the second level: read at the first, with a note
cd ../../.. && {
	sed 's/^# 2. 将来の展望/## 2. 将来の展望/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh wrong-level 'plan\.heading-form|saikouchiku\.section-[a-z]+'
