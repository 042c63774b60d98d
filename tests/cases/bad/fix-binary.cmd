t=$(mktemp -d); printf '%%PDF-1.4\n' > "$t/pc-fixbin.md"; head -c 2000 /dev/zero >> "$t/pc-fixbin.md"
out=$("$PLANCHECK" fix --rules ../../rules-min "$t/pc-fixbin.md" 2>&1); st=$?
printf '%s\n' "$out" | sed "s|$t/pc-fixbin.md|BIN.md|"; rm -rf "$t"; exit $st
