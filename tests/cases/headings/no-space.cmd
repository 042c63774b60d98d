# "#１．…" without a space: read as the heading, with a note
cd ../../.. && {
	sed 's/^# 1. 補助事業の具体的取組内容/#１．補助事業の具体的取組内容/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh no-space 'plan\.heading-form|saikouchiku\.section-[a-z]+'
