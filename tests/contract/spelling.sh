# Spelling flags typos, not vocabulary: the industry plans under
# tests/prose (food, agriculture, wine tourism, tours, metalwork) give no
# warning at all, nor do 332 words of many trades (vocabulary.txt); a slip planted in a copy is found on its line with the
# right word; words cut out of larger ones (Uターン) and names are left
# alone; --dict silences a word; the names rule is off until a
# configuration turns it on; a missing MeCab dictionary is a clear error.
set -eu
export HOME="$TMP"
for f in tests/prose/*.md; do
	st=0
	"$PLANCHECK" check "$f" >"$TMP/o" || st=$?
	if [ $st != 0 ] || grep -q ': warning:\|: error:' "$TMP/o"; then
		echo "$f is not clean:"
		cat "$TMP/o"
		exit 1
	fi
done
p="$TMP/plan.md"
# two slips planted in a copy of the farm plan, each on its line
awk 'NR == 129 { sub(/設備メーカーの操作研修/, "設備メーカーのシュミレーション研修") }
     NR == 152 { sub(/食品メーカー/, "食品メーカーとインバウント客") }
     { print }' tests/prose/tokachi-farm.md >"$p"
"$PLANCHECK" check "$p" >"$TMP/o" || true
grep -q "^$p:129:[0-9]*: warning: 「シュミレーション」は「シミュレーション」の書き誤りではありませんか \[common.spelling\]" "$TMP/o"
grep -q "^$p:152:[0-9]*: warning: 「インバウント」は「インバウンド」の書き誤りではありませんか \[common.spelling\]" "$TMP/o"
[ "$(grep -c 'common.spelling' "$TMP/o")" = 2 ]
# industry words of many trades (tests/prose/vocabulary.txt: food, wine,
# farming, tourism, metalwork, printing, care, IT, building), one a
# sentence, with two real slips among them: exactly those two are flagged
{
	printf -- '---\nprogram: saikouchiku\n---\n# 概要\n\n'
	while IFS= read -r w; do printf '当社は%sを活用する。\n\n' "$w"; done <tests/prose/vocabulary.txt
	printf '当社はシュミレーションを活用する。\n\n当社はコミニュケーションを活用する。\n'
} >"$TMP/vocab.md"
"$PLANCHECK" check "$TMP/vocab.md" >"$TMP/o" || true
grep 'common.spelling' "$TMP/o" >"$TMP/sp" || true
[ "$(wc -l <"$TMP/sp")" = 2 ] || { echo "vocabulary: not exactly the two slips:"; cat "$TMP/sp"; exit 1; }
grep -q '「シュミレーション」は「シミュレーション」' "$TMP/sp"
grep -q '「コミニュケーション」は「コミュニケーション」' "$TMP/sp"
# a small ャ ュ ョ is a syllable, not a slip: words one of them away
# from another word are left alone (キャッシュ, ショッピング)
printf -- '---\nprogram: saikouchiku\n---\n# 概要\n\nキッシュを焼き、ドロップシッピングで売る。\n' >"$TMP/syl.md"
"$PLANCHECK" check "$TMP/syl.md" >"$TMP/o" || true
! grep -q 'common.spelling' "$TMP/o"
# the user's word is not a slip
printf 'シュミレーション\n' >"$TMP/d.txt"
"$PLANCHECK" check --dict "$TMP/d.txt" "$p" >"$TMP/o" || true
[ "$(grep -c 'common.spelling' "$TMP/o")" = 1 ]
# Latin: a slip is found, names and acronyms are not
cat >"$TMP/latin.md" <<'MD'
---
program: saikouchiku
---
# 概要

Marketting を強化し、Furano と Hokkaido の SmartFarm、IoT、Tier1 向けに Uターン人材を採用する。
MD
"$PLANCHECK" check "$TMP/latin.md" >"$TMP/o" || true
grep -q '「Marketting」は「Marketing」の書き誤り' "$TMP/o"
[ "$(grep -c 'common.spelling' "$TMP/o")" = 1 ]
# the names rule: off, then on through a configuration
printf -- '---\nprogram: saikouchiku\n---\n# 概要\n\n新ブランド「ミナモリ」を立ち上げる。\n' >"$TMP/names.md"
"$PLANCHECK" check "$TMP/names.md" >"$TMP/o" || true
! grep -q 'common.unknown-word' "$TMP/o"
printf 'rules:\n  common.unknown-word: info\n' >"$TMP/.plancheck.yml"
"$PLANCHECK" check "$TMP/names.md" >"$TMP/o" || true
grep -q 'info: 「ミナモリ」はどの辞書にもない語です' "$TMP/o"
rm "$TMP/.plancheck.yml"
# no MeCab dictionary: said, exit 2
st=0
PLANCHECK_MECAB_DIC="$TMP/none" "$PLANCHECK" check "$p" >/dev/null 2>"$TMP/e" || st=$?
[ $st = 2 ]
grep -q 'MeCab の辞書（UTF-8 の IPAdic）が見つかりません.*mecab-ipadic-utf8' "$TMP/e"
