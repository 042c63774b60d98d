# `plancheck rules --frames` against the facts ../shared/domain-frames.md
# marks C (confirmed on a page that states its round), written out here by
# hand from that file - not from frames.yml - so a wrong row in the table
# fails: ROUND|FRAME|COLUMN|TEXT as the JSON prints it.  Values the file
# marks M must carry "unconfirmed": true; frames a round did not have must
# be absent from it.
set -eu
"$PLANCHECK" rules --frames --format json >"$TMP/fr.json"
jq -r '.rounds[] | .round as $r | .frames[] | .label as $l | .values[] |
	"\($r)|\($l)|\(.column)|\(.text)|\(.unconfirmed)"' "$TMP/fr.json" >"$TMP/all"
jq -r '.rounds[] | .round as $r | .frames[] | "\($r)|\(.label)"' "$TMP/fr.json" >"$TMP/frames"
bad=0
while IFS= read -r fact; do
	case $fact in '' | '#'*) continue ;; esac
	grep -qxF "$fact|false" "$TMP/all" || { echo "C fact missing or unconfirmed: $fact"; bad=1; }
done <<'FACTS'
# §1 rounds 1-5
1|通常枠|rate|中小企業 2/3・中堅企業 1/2
1|通常枠|cap|中小企業 6,000万円・中堅企業 8,000万円
2|通常枠|growth|3.0%
3|通常枠|rate_upto|中小企業 6,000万円・中堅企業 4,000万円
3|通常枠|rate_then|中小企業 1/2・中堅企業 1/3
4|通常枠|cap|20人以下 4,000万円・21〜50人 6,000万円・51人以上 8,000万円
5|卒業枠|above|6,000万円
5|卒業枠|cap|1億円
1|グローバルV字回復枠|growth|5.0%
1|グローバルV字回復枠|above|8,000万円
2|緊急事態宣言特別枠|rate|中小企業 3/4・中堅企業 2/3
2|緊急事態宣言特別枠|cap|5人以下 500万円・6〜20人 1,000万円・21人以上 1,500万円
3|大規模賃金引上枠|min_wage_raise|45円
3|大規模賃金引上枠|employee_growth|1.5%
4|最低賃金枠|rate|中小企業 3/4・中堅企業 2/3
4|最低賃金枠|cap|5人以下 500万円・6〜20人 1,000万円・21人以上 1,500万円
5|通常枠|pre_start_from|2021年2月15日
# §2 rounds 6-9
6|通常枠|cap|20人以下 2,000万円・21〜50人 4,000万円・51〜100人 6,000万円・101人以上 8,000万円
9|通常枠|rate|中小企業 2/3・中堅企業 1/2
9|通常枠|rate_upto|中小企業 6,000万円・中堅企業 4,000万円
9|通常枠|sales_decline|10%
9|大規模賃金引上枠|above|8,000万円
7|回復・再生応援枠|rate|中小企業 3/4・中堅企業 2/3
7|回復・再生応援枠|cap|5人以下 500万円・6〜20人 1,000万円・21人以上 1,500万円
8|最低賃金枠|rate|中小企業 3/4・中堅企業 2/3
8|グリーン成長枠|rate|中小企業 1/2・中堅企業 1/3
8|グリーン成長枠|cap|中小企業 1億円・中堅企業 1億5,000万円
8|グリーン成長枠|growth|5.0%
8|グリーン成長枠|months_decision|14
8|グリーン成長枠|months_adoption|16
7|緊急対策枠|cap_max|4,000万円
# §3 rounds 10-11
10|成長枠|rate|通常（中小企業 1/2、中堅企業 1/3）・大規模な賃上げで引上げ（中小企業 2/3、中堅企業 1/2）
11|成長枠|cap|20人以下 2,000万円・21〜50人 4,000万円・51〜100人 5,000万円・101人以上 7,000万円
11|成長枠|growth|4.0%
11|成長枠|wage_growth|2.0%
11|成長枠|market_growth|10%
11|成長枠|uplift_wage_growth|6.0%
11|成長枠|uplift_min_wage|45円
10|グリーン成長枠（エントリー）|cap|中小企業（20人以下 4,000万円、21〜50人 6,000万円、51人以上 8,000万円）・中堅企業 1億円
10|グリーン成長枠（エントリー）|growth|4.0%
11|グリーン成長枠（スタンダード）|cap|中小企業 1億円・中堅企業 1億5,000万円
11|グリーン成長枠（スタンダード）|growth|5.0%
10|大規模賃金引上促進枠|cap|3,000万円
10|大規模賃金引上促進枠|min_wage_raise|45円
11|産業構造転換枠|rate|中小企業 2/3・中堅企業 1/2
11|産業構造転換枠|closure_extra|2,000万円
11|産業構造転換枠|growth|3.0%
10|サプライチェーン強靱化枠|minimum|1,000万円
10|サプライチェーン強靱化枠|cap|5億円
11|物価高騰対策・回復再生応援枠|rate|中小企業 3/4・中堅企業 2/3
11|物価高騰対策・回復再生応援枠|rate_upto|5人以下 400万円・6〜20人 600万円・21〜50人 800万円・51人以上 1,200万円
11|物価高騰対策・回復再生応援枠|rate_then|中小企業 2/3・中堅企業 1/2
11|物価高騰対策・回復再生応援枠|cap|5人以下 1,000万円・6〜20人 1,500万円・21〜50人 2,000万円・51人以上 3,000万円
10|最低賃金枠|cap|5人以下 500万円・6〜20人 1,000万円・21人以上 1,500万円
# §4 round 12
12|成長分野進出枠（通常類型）|rate|通常（中小企業 1/2、中堅企業 1/3）・大規模な賃上げで引上げ（中小企業 2/3、中堅企業 1/2）
12|成長分野進出枠（通常類型）|wage_growth|2.0%
12|成長分野進出枠（通常類型）|closure_extra|2,000万円
12|成長分野進出枠（通常類型）|months_decision|12
12|成長分野進出枠（通常類型）|months_adoption|14
12|成長分野進出枠（通常類型）|pre_start|いいえ
12|成長分野進出枠（GX進出類型）|growth|4.0%
12|コロナ回復加速化枠（通常類型）|rate_upto|5人以下 400万円・6〜20人 600万円・21〜50人 800万円・51人以上 1,200万円
FACTS
# what domain-frames.md marks M is shown as unconfirmed
while IFS= read -r fact; do
	grep -qxF "$fact|true" "$TMP/all" || { echo "M value not marked unconfirmed: $fact"; bad=1; }
done <<'FACTS'
12|成長分野進出枠（通常類型）|growth|4.0%
12|コロナ回復加速化枠（通常類型）|cap|5人以下 1,000万円・6〜20人 1,500万円・21〜50人 2,000万円・51人以上 3,000万円
12|コロナ回復加速化枠（最低賃金類型）|rate|中小企業 3/4・中堅企業 2/3
7|緊急対策枠|cap|5人以下 500万円・6〜20人 1,000万円・21〜50人 2,000万円・51人以上 4,000万円
10|サプライチェーン強靱化枠|growth|5.0%
FACTS
# frames a round did not have (卒業枠 and V字 ended with 第5回, 成長枠 began in 第10回, 通常枠 ended in 第9回)
for gone in '6|卒業枠' '6|グローバルV字回復枠' '9|成長枠' '10|通常枠' '12|成長枠' '12|グリーン成長枠（エントリー）'; do
	! grep -qxF "$gone" "$TMP/frames" || { echo "frame in a round it was not in: $gone"; bad=1; }
done
# the frames of 第7回 (S23): 通常, 大規模賃金引上, 回復・再生応援, 最低賃金, グリーン成長, 緊急対策
printf '7|%s\n' 通常枠 大規模賃金引上枠 回復・再生応援枠 最低賃金枠 グリーン成長枠 緊急対策枠 | LC_ALL=C sort >"$TMP/want7"
grep '^7|' "$TMP/frames" | LC_ALL=C sort >"$TMP/got7"
cmp -s "$TMP/want7" "$TMP/got7" || { echo "第7回's frames:"; diff "$TMP/want7" "$TMP/got7"; bad=1; }
# the text form prints the same table, one round
"$PLANCHECK" rules --frames --round 11 >"$TMP/r11.txt"
grep -q '^第11回$' "$TMP/r11.txt" && ! grep -q '^第10回$' "$TMP/r11.txt"
grep -q '^  物価高騰対策・回復再生応援枠（第10〜11回）$' "$TMP/r11.txt"
exit $bad
