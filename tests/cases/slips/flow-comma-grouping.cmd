# "31,2000" inside a flow mapping: groups not of three, one precise error
cd ../../.. && {
	sed 's/sales: 312000,/sales: 31,2000,/' examples/hakkoda-seiko.md
} | sh tests/cases/lib/check-only.sh flow-comma-grouping 'plan\.[a-z0-9-]+|common\.placeholder|saikouchiku\.section-[a-z]+'
