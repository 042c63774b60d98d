# Figures are the pack's: a made-up program's pack in a temp dir, with its
# own plan fields (schema.yml), its frame table (frames.yml: rate, cap by
# employees, growth target per frame and round), a frame rule, displayed
# figures with verdicts read from the frame, summary columns and a chart,
# shows them in `check` (計算結果), JSON `computed`, the PDF cover
# (pdftotext), summary.csv/json and serve's /api/view - with no rebuild.
# A bad declaration is an error at its line.
set -eu
R=$TMP/rules/kaigai
mkdir -p "$R"
cat >"$R/schema.yml" <<'YML'
schema: kaigai
title: 海外展開支援補助金 申請書
fields:
  round: {label: 公募回, type: integer}
  frame: {label: 申請枠}
  applicant:
    label: 申請者
    fields:
      name: {label: 申請者名, role: name}
      employees: {label: 従業員数, type: integer}
  subsidy:
    label: 補助金
    fields:
      eligible_total: {label: 補助対象経費, type: amount}
      requested: {label: 海外展開補助金の申請額, type: amount}
  export_plan:
    label: 輸出計画
    type: list
    fields:
      year: {label: 年度, type: integer}
      stage: {label: 区分}
      overseas_sales: {label: 海外売上高, type: amount}
YML
cat >"$R/frames.yml" <<'YML'
frames: kaigai
dimensions:
  employees: {field: applicant.employees, unit: 人}
columns:
  rate: {label: 補助率, type: fraction}
  cap: {label: 補助上限額, type: amount}
  growth: {label: 海外売上高の伸び率の目標, type: percent}
rows:
  - frame: 一般枠
    rounds: 1-3
    source: 海外展開支援補助金 公募要領（例）一般枠
    rate: 1/2
    cap: {by: employees, 0-50: 500万円, 51-: 1000万円}
    growth: 10%
  - frame: 小規模枠
    rounds: 2-3
    source: 海外展開支援補助金 公募要領（例）小規模枠
    rate: 2/3
    cap: 300万円
    growth: 5%
YML
cat >"$R/pack.yml" <<'YML'
pack: kaigai
title: 海外展開支援補助金
applies:
  program: kaigai
let:
  cap_by_size:
    expr: frame.cap
    computed: kaigai_cap
    label: 補助上限（申請枠・従業員数による）
  grant_max:
    expr: min(floor(subsidy.eligible_total * frame.rate), cap_by_size)
    computed: kaigai_max
    label: 海外展開補助金の上限
  grant_requested:
    expr: subsidy.requested
    computed: kaigai_requested
    label: 海外展開補助金の申請額
  first_sales: 'first(export_plan[stage == "基準"].overseas_sales)'
  last_sales: 'last(export_plan[stage == "目標"].overseas_sales)'
  first_year: 'first(export_plan[stage == "基準"].year)'
  export_growth:
    expr: (last_sales / first_sales - 1) / count(export_plan[stage == "目標"])
    computed: kaigai_export_growth
    label: 海外売上高の伸び率（年率）
    format: "%"
figures:
  - key: grant
    label: 海外展開補助金
    value: grant_requested
    compare: grant_max
    verdict:
      - when: grant_requested <= grant_max
        text: 上限の範囲内
      - text: 上限を超過
        fail: true
    columns:
      kaigai_requested: 海外展開補助金（申請）
      kaigai_max: 海外展開補助金（上限）
  - key: export
    label: 海外売上高の伸び
    value: export_growth
    show: 年率 {export_growth|%}
    compare_show: 目標 年{frame.growth|%}
    verdict:
      - when: export_growth >= frame.growth
        text: 目標以上
      - text: 目標未満
        fail: true
    columns:
      kaigai_export_growth: 海外売上高伸び率
charts:
  - key: overseas
    title: 海外売上高の推移（千円単位。赤線は年10%の伸び）
    over: export_plan
    bar: overseas_sales
    label: year
    unit: 1千円
    base: stage == "基準"
    plan: stage == "目標"
    line: first_sales * (1 + 10% * (year - first_year))
rules:
  - id: kaigai.frame
    kind: frame
    level: error
    message: 申請枠「{value}」はこの補助金にありません。{suggest}
    other_round: 申請枠「{value}」は第{round}回にはありません（{where}の枠です）
    subtype: 「{value}」には類型があります。{suggest}
    cite: x
    source: 海外展開支援補助金（例）
    examples:
      - fail: "round: 2\nframe: 特別枠\n"
      - pass: "round: 2\nframe: 一般枠\n"
  - id: kaigai.cap
    kind: assert
    level: error
    expr: subsidy.requested <= frame.cap
    at: subsidy.requested
    message: '{frame.name}の補助金は{frame.cap}までです（申請 {subsidy.requested}）'
    cite: x
    source: 海外展開支援補助金（例）
    examples:
      - fail: "round: 2\nframe: 小規模枠\nsubsidy: {requested: 400万円}\n"
      - pass: "round: 2\nframe: 小規模枠\nsubsidy: {requested: 300万円}\n"
YML
plan() {   # plan FILE REQUESTED FRAME
	cat >"$1" <<EOF
---
program: kaigai
round: 2
frame: $3
applicant:
  name: 株式会社十和田物産
  employees: 12
subsidy:
  eligible_total: 1200万円
  requested: $2
export_plan:
  - {year: 2024, stage: 基準, overseas_sales: 20000000}
  - {year: 2025, stage: 目標, overseas_sales: 23000000}
  - {year: 2026, stage: 目標, overseas_sales: 26000000}
---
# 事業の概要

十和田の農産物を台湾と香港に輸出する。
EOF
}
mkdir -p "$TMP/in"
plan "$TMP/in/over.md" 600万円 一般枠
plan "$TMP/in/ok.md" 450万円 一般枠
"$PLANCHECK" rules --test --rules "$TMP/rules" | grep -q 'rules: 4 passed, 0 failed'

# check: the computed figures, by the pack's labels
st=0
"$PLANCHECK" check --rules "$TMP/rules" "$TMP/in/over.md" >"$TMP/out" || st=$?
[ $st = 1 ] || { cat "$TMP/out"; echo "check exit $st"; exit 1; }
grep -q 'over.md:10:14: error: 一般枠の補助金は500万円までです（申請 600万円） \[kaigai.cap\]' "$TMP/out"
grep -q '^  海外展開補助金の上限: 500万円$' "$TMP/out"
grep -q '^  海外展開補助金の申請額: 600万円$' "$TMP/out"
grep -q '^  海外売上高の伸び率（年率）: 15.0%$' "$TMP/out"

# JSON computed: numbers under the pack's keys
"$PLANCHECK" check --rules "$TMP/rules" --format json "$TMP/in/over.md" >"$TMP/out.json" || true
[ "$(jq '.files[0].computed.kaigai_max' "$TMP/out.json")" = 5000000 ]
[ "$(jq '.files[0].computed.kaigai_requested' "$TMP/out.json")" = 6000000 ]
[ "$(jq '.files[0].computed.kaigai_export_growth' "$TMP/out.json")" = 0.15 ]

# the PDF cover: the figure's row with the pack's verdict, and its chart
"$PLANCHECK" report --rules "$TMP/rules" "$TMP/in/over.md" -o "$TMP/over.pdf" >/dev/null || true
pdftotext -f 1 -l 1 -layout "$TMP/over.pdf" "$TMP/cover.txt"
grep -q '海外展開補助金  *600万円  *500万円  *上限を超過' "$TMP/cover.txt" || { cat "$TMP/cover.txt"; exit 1; }
grep -q '海外売上高の伸び  *年率 15.0%  *目標 年10.0%  *目標以上' "$TMP/cover.txt"
grep -q '海外売上高の推移（千円単位。赤線は年10%の伸び）' "$TMP/cover.txt"
grep -q '26000' "$TMP/cover.txt"                 # a bar's value in the chart's unit
"$PLANCHECK" report --rules "$TMP/rules" "$TMP/in/ok.md" -o "$TMP/ok.pdf" >/dev/null
pdftotext -f 1 -l 1 -layout "$TMP/ok.pdf" - | grep -q '海外展開補助金  *450万円  *500万円  *上限の範囲内'
# the failing row is red (its verdict on a red ground), the passing one not:
# the cover's content has the red fill only in over.pdf
red() { qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | grep -ac '^1 0.88 0.88 rg' || true; }
[ "$(red "$TMP/over.pdf")" -ge 1 ] && [ "$(red "$TMP/ok.pdf")" = 0 ] ||
	{ echo "red ground: over $(red "$TMP/over.pdf"), ok $(red "$TMP/ok.pdf")"; exit 1; }

# a frame rule of the pack
plan "$TMP/small.md" 400万円 小規模枠
st=0
"$PLANCHECK" check --rules "$TMP/rules" "$TMP/small.md" >"$TMP/out" || st=$?
[ $st = 1 ] && grep -q '小規模枠の補助金は300万円までです（申請 400万円） \[kaigai.cap\]' "$TMP/out"
# its figure reads the frame's target: 5% for 小規模枠, so 15% passes there too
"$PLANCHECK" report --rules "$TMP/rules" "$TMP/small.md" -o "$TMP/small.pdf" >/dev/null || true
pdftotext -f 1 -l 1 -layout "$TMP/small.pdf" - | grep -q '海外売上高の伸び  *年率 15.0%  *目標 年5.0%  *目標以上'
# a frame from another round is an error naming its rounds
plan "$TMP/r1.md" 200万円 小規模枠
sed -i 's/^round: 2/round: 1/' "$TMP/r1.md"
st=0
"$PLANCHECK" check --rules "$TMP/rules" "$TMP/r1.md" >"$TMP/out" || st=$?
[ $st = 1 ] && grep -q '申請枠「小規模枠」は第1回にはありません' "$TMP/out" || { cat "$TMP/out"; exit 1; }

# summary.csv and summary.json: the pack's columns between 最初に直すこと and 補助金
st=0
"$PLANCHECK" review --rules "$TMP/rules" "$TMP/in" -o "$TMP/rev" >/dev/null || st=$?
[ $st = 1 ]
head -n 1 "$TMP/rev/summary.csv" | grep -q '"最初に直すこと","海外展開補助金（申請）","海外展開補助金（上限）","海外売上高伸び率","補助金"'
grep -q '^"[^"]*over.md","要修正","株式会社十和田物産",1,0,"一般枠の補助金は500万円までです（申請 600万円）",6000000,5000000,"15.0%","kaigai",2,"一般枠"' "$TMP/rev/summary.csv" ||
	{ cat "$TMP/rev/summary.csv"; exit 1; }
[ "$(jq '[.drafts[] | select(.path | endswith("over.md")) | .kaigai_requested][0]' "$TMP/rev/summary.json")" = 6000000 ]
# summary.pdf: the same columns, as displayed
pdftotext -layout "$TMP/rev/summary.pdf" "$TMP/summary.txt"
grep -q '計画書ごとの数字' "$TMP/summary.txt"
grep -q 'over.md  *600万円  *500万円  *15.0%' "$TMP/summary.txt" || { cat "$TMP/summary.txt"; exit 1; }

# serve's /api/view: the cover rows with their verdicts
if command -v curl >/dev/null; then
	"$PLANCHECK" serve --rules "$TMP/rules" --listen 127.0.0.1:0 >"$TMP/serve.out" 2>&1 &
	pid=$!
	url=
	for _ in $(seq 50); do
		url=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" | head -n 1 || true)
		[ -n "$url" ] && break
		sleep 0.1
	done
	ok=0
	if [ -n "$url" ]; then
		curl -s --max-time 300 -X POST -H "Content-Type: application/octet-stream" --data-binary @"$TMP/in/over.md" "$url/api/view?name=over.md" >"$TMP/view.json" || true
		[ "$(jq -r '.cover[] | select(.key == "grant") | "\(.label) \(.display) \(.compare) \(.verdict) \(.failed)"' "$TMP/view.json")" = \
			"海外展開補助金 600万円 500万円 上限を超過 true" ] && ok=1
	fi
	kill "$pid"
	wait "$pid" || true
	[ $ok = 1 ] || { echo "/api/view:"; cat "$TMP/serve.out" "$TMP/view.json" 2>/dev/null | head -20; exit 1; }
else
	echo "pack-figures: /api/view (no curl)" >>"$SKIPS"
fi

# a bad declaration: an error at its line, did-you-mean for a misspelt key
cat >>"$R/pack.yml" <<'YML'
  - key: Bad-Key
    label: 壊れた数字
    value: grant_max
  - key: nolabel
    value: grant_max
  - key: misspelt
    label: 綴り違い
    vaule: grant_max
  - key: nocolumn
    label: 列
    value: grant_max
    columns:
      no_such_figure: 見出し
  - key: badverdict
    label: 判定
    value: grant_max
    verdict:
      - text: いつも
      - when: grant_max > 0
        text: 届かない
YML
# the appended items land in `rules:`, so move them under figures: first
awk '/^rules:/ { hold = 1 } hold && /^  - key: Bad-Key/ { bad = 1 } bad { extra = extra $0 "\n"; next } { print } END { printf "%s", extra > "/dev/stderr" }' \
	"$R/pack.yml" >"$TMP/p1" 2>"$TMP/extra"
awk -v f="$TMP/extra" '{ print } /^figures:/ { while ((getline l < f) > 0) print l }' "$TMP/p1" >"$R/pack.yml"
st=0
"$PLANCHECK" check --rules "$TMP/rules" "$TMP/in/ok.md" >"$TMP/err" 2>&1 || st=$?
[ $st = 2 ] || { cat "$TMP/err"; echo "exit $st"; exit 1; }
line() { grep -n "$1" "$R/pack.yml" | head -n 1 | cut -d: -f1; }
grep -q "pack.yml:$(line 'key: Bad-Key'):[0-9]*: error: key「Bad-Key」は英小文字・数字・「_」で書いてください" "$TMP/err"
grep -q "pack.yml:$(line 'key: nolabel'):[0-9]*: error: figures の項目には label" "$TMP/err"
grep -q "pack.yml:$(line 'vaule:'):[0-9]*: error: figures の項目 に不明なキー「vaule」があります（「value」の書き間違いではありませんか）" "$TMP/err"
grep -q "pack.yml:$(line 'no_such_figure'):[0-9]*: error: columns の「no_such_figure」は計算結果（let の computed）にありません" "$TMP/err"
grep -q "pack.yml:$(line 'text: いつも'):[0-9]*: error: when のない判定は最後に置いてください" "$TMP/err"

# a chart's title: a template, or choices like verdicts (issue 15: a draft
# whose growth target is unknown - a misspelt frame - has no red line, and
# its title no longer promises one: 「年—の伸び」)
sed 's/^frame: .*/frame: 通常わく/' "$(pwd)/examples/hakkoda-seiko.md" >"$TMP/nogt.md"
"$PLANCHECK" report "$TMP/nogt.md" -o "$TMP/nogt.pdf" >/dev/null 2>&1 || true
pdftotext "$TMP/nogt.pdf" - | grep -qx '付加価値額の推移（万円）'
"$PLANCHECK" report "$(pwd)/examples/hakkoda-seiko.md" -o "$TMP/gt.pdf" >/dev/null 2>&1 || true
pdftotext "$TMP/gt.pdf" - | grep -q '付加価値額の推移（万円。赤線は基準年度から年3.0%の伸び）'
# a title choice without when before the last is an error at its line
mkdir -p "$TMP/rules2"
cp -R rules/. "$TMP/rules2/"
python3 - "$TMP/rules2/saikouchiku/figures.yml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("      - when: present(growth_target)\n        text: 付加価値額の推移（万円。", "      - text: 付加価値額の推移（万円。", 1)
open(p, "w", encoding="utf-8").write(s)
PY
st=0
"$PLANCHECK" check --rules "$TMP/rules2" "$(pwd)/examples/hakkoda-seiko.md" >"$TMP/err2" 2>&1 || st=$?
[ $st = 2 ] || { cat "$TMP/err2"; echo "exit $st"; exit 1; }
grep -q "figures.yml:$(grep -n '      - text: 付加価値額の推移（万円。' "$TMP/rules2/saikouchiku/figures.yml" | cut -d: -f1):[0-9]*: error: when のない見出しは最後に置いてください" "$TMP/err2" ||
	{ cat "$TMP/err2"; exit 1; }
