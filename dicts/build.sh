#!/bin/sh
# Rebuild dicts/ja-business.dic from dicts/src/business.txt: pure katakana
# words only (U+30A1..U+30FA and ー), sorted, unique, each with the
# compound flag X.  perl (always on Debian) rather than grep, whose [ァ-ヺ]
# depends on the locale.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp)
grep -v '^#' src/business.txt | tr ' ' '\n' |
	perl -CSD -ne 'print if /^[\x{30A1}-\x{30FA}\x{30FC}]+$/' |
	LC_ALL=C sort -u >"$tmp"
{
	wc -l <"$tmp" | tr -d ' '
	sed 's|$|/X|' "$tmp"
} >ja-business.dic
rm -f "$tmp"
