# "3. 本事業で取得する主な資産" without "#": read as the heading at its own line
cd ../../.. && {
	sed 's/^# 3. 本事業/3. 本事業/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh numbered-line 'plan\.heading-form|saikouchiku\.section-[a-z]+'
