# A required heading written twice: a warning at the second; its sub-headings may be under either
cd ../../.. && {
	sed 's/^## （2）売上高の算出根拠/# 4. 収益計画\n\n## （2）売上高の算出根拠/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh twice 'plan\.heading-form|saikouchiku\.section-[a-z]+'
