#!/bin/sh
# Rebuild dicts/ja-business.dic from dicts/src/business.txt: pure katakana
# words (U+30A1..U+30FA and ー), each with the compound flag X, and Latin
# words (letters only, no flag: they do not compound), sorted, unique.
# perl (always on Debian) rather than grep, whose [ァ-ヺ] depends on the
# locale.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp)
grep -v '^#' src/business.txt | tr ' ' '\n' |
	perl -CSD -ne 'print if /^[\x{30A1}-\x{30FA}\x{30FC}]+$/ || /^[A-Za-z]+$/' |
	LC_ALL=C sort -u >"$tmp"
{
	wc -l <"$tmp" | tr -d ' '
	perl -CSD -pe 's|$|/X| if /^[^A-Za-z]/' "$tmp"
} >ja-business.dic
rm -f "$tmp"
