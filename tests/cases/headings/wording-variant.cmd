# "具体的な取組内容": a close wording of a required heading, read as it with a note
cd ../../.. && {
	sed 's/^# 1. 補助事業の具体的取組内容/# 1. 具体的な取組内容/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh wording-variant 'plan\.heading-form|saikouchiku\.section-[a-z]+'
