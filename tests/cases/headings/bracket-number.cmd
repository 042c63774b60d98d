# "【4】収益計画": read as the heading
cd ../../.. && {
	sed 's/^# 4. 収益計画/【4】収益計画/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh bracket-number 'plan\.heading-form|saikouchiku\.section-[a-z]+'
