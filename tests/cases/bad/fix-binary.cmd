printf '%%PDF-1.4\n' > /tmp/pc-fixbin.md; head -c 2000 /dev/zero >> /tmp/pc-fixbin.md
out=$("$PLANCHECK" fix --rules ../../rules-min /tmp/pc-fixbin.md 2>&1); st=$?
printf '%s\n' "$out" | sed 's|/tmp/pc-fixbin.md|BIN.md|'; rm -f /tmp/pc-fixbin.md; exit $st
