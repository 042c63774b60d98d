# "＃ …" (full-width hash): read as the heading, with a note
cd ../../.. && {
	sed 's/^# 2. 将来の展望/＃ 2. 将来の展望/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh fullwidth-hash 'plan\.heading-form|saikouchiku\.section-[a-z]+'
