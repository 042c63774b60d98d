# Broken rule files are refused with file:line:col and exit 2: a misspelt
# key, a regex that does not compile, a field path the format lacks, an
# expression that does not parse, a rule that can never fire, a missing
# example.
set -eu
mkdir -p "$TMP/bad/p"
# program p's fields: a pack's paths are checked against its schema
printf 'schema: p\nfields:\n  applicant:\n    label: 事業者\n    fields: {name: 事業者名}\n  subsidy:\n    label: 補助金\n    fields: {national: {label: 国補助金, type: amount}}\n' >"$TMP/bad/p/schema.yml"
cat >"$TMP/bad/p/r.yml" <<'YML'
pack: p
applies:
  program: p
rules:
  - id: p.misspelt
    kind: field
    level: error
    feild: applicant.name
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
  - id: p.regex
    kind: section
    level: error
    heading: "収益(計画"
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
  - id: p.path
    kind: assert
    level: error
    expr: subsidy.nationl <= 100万円
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
  - id: p.parse
    kind: assert
    level: error
    expr: subsidy.national <= (100万円
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
  - id: p.never
    kind: assert
    level: error
    rounds: [9, 3]
    expr: subsidy.national <= 100万円
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
  - id: p.noexamples
    kind: assert
    level: eror
    expr: subsidy.national <= 100万円
    message: x
    cite: c
    source: s
YML
st=0
"$PLANCHECK" rules --rules "$TMP/bad" >"$TMP/out" 2>&1 || st=$?
cat "$TMP/out"
[ $st = 2 ]
f="$TMP/bad/p/r.yml"
grep -q "^$f:8:5: error: 規則 p.misspelt に不明なキー「feild」があります（「field」の書き間違いではありませんか）" "$TMP/out"
grep -q "^$f:16:14: error: 正規表現「収益(計画」をコンパイルできません" "$TMP/out"
grep -q "^$f:24:11: error: 式「subsidy.nationl <= 100万円」を読めません: 計画書の書式に「subsidy.nationl」という項目はありません" "$TMP/out"
grep -q "^$f:32:37: error: 式「subsidy.national <= (100万円」を読めません: 「)」がありません" "$TMP/out"
grep -q "^$f:40:13: error: rounds \[9, 3\] は空の範囲です" "$TMP/out"
grep -q "^$f:48:12: error: level は error, warning, info, off のどれかです" "$TMP/out"
grep -q "^$f:46:5: error: 規則 p.noexamples には失敗する例（fail）と通る例（pass）が1つずつ以上必要です" "$TMP/out"

# a table whose key is not a name (a map where a name belongs) is refused
# at that key, not a crash (found by the rule-file fuzzer)
mkdir -p "$TMP/badtable/t"
cat >"$TMP/badtable/t/r.yml" <<'YML'
pack: t
applies:
  program: t
tables:
  caps:
    keys: [round, {x: 1}]
    rows:
      - {round: 1, value: 100万円}
rules: []
YML
st=0
"$PLANCHECK" rules --rules "$TMP/badtable" >"$TMP/out2" 2>&1 || st=$?
cat "$TMP/out2"
[ $st = 2 ]
grep -q "^$TMP/badtable/t/r.yml:6:19: error: 表の keys の各項目は名前（文字列）です" "$TMP/out2"

# 300 minus signs in front of a number: too deep, said at the rule's
# expression, not a stack overflow (found by the expression fuzzer)
mkdir -p "$TMP/deep/d"
printf 'schema: d\nfields:\n  subsidy:\n    label: 補助金\n    fields: {national: {label: 国補助金, type: amount}}\n' >"$TMP/deep/d/schema.yml"
minus=$(printf '%300s' '' | tr ' ' '-')
cat >"$TMP/deep/d/r.yml" <<YML
pack: d
applies:
  program: d
rules:
  - id: d.deep
    kind: assert
    level: error
    expr: ${minus}1 <= subsidy.national
    message: x
    cite: c
    source: s
    examples: [{fail: "a: 1\n"}, {pass: "a: 1\n"}]
YML
st=0
"$PLANCHECK" rules --rules "$TMP/deep" >"$TMP/out3" 2>&1 || st=$?
[ $st = 2 ] || { cat "$TMP/out3"; exit 1; }
grep -q "式の入れ子が深すぎます" "$TMP/out3" || { cat "$TMP/out3"; exit 1; }

# a broken schema.yml: each problem at its line (a key the schema does not
# have, a type it does not know, a field without a Japanese label, a rule
# enum value the enumeration lacks, an addition to a field that is not
# there, a table row naming no field, two table rows read as one label)
mkdir -p "$TMP/badschema/s"
cat >"$TMP/badschema/s/schema.yml" <<'YML'
schema: s
fields:
  applicant:
    label: 事業者
    fields:
      name: {label: 事業者名, kind: text}
      size: {label: 規模, type: enumeration, values: [中小企業, 中堅企業]}
      capital: {type: amount}
      employees: {label: 従業員数, type: number}
  wage: {label: 賃金（時給）, type: amount}
  wage2: {label: 賃金【時給】, type: amount}
add:
  nothing.here: {label: どこにもない}
tables:
  - name: 基本情報
    shape: labels
    rows: [applicant.name, applicant.nope, wage, wage2]
YML
cat >"$TMP/badschema/s/r.yml" <<'YML'
pack: s
applies:
  program: s
rules:
  - id: s.size
    kind: field
    level: error
    field: applicant.size
    enum: [中小企業, 大企業]
    message: x
    cite: c
    source: s
    examples: [{fail: "applicant: {size: 中堅企業}\n"}, {pass: "applicant: {size: 中小企業}\n"}]
YML
st=0
"$PLANCHECK" rules --rules "$TMP/badschema" >"$TMP/out4" 2>&1 || st=$?
[ $st = 2 ] || { cat "$TMP/out4"; exit 1; }
sf="$TMP/badschema/s/schema.yml"
for want in \
	"^$sf:6:27: error: 項目 applicant.name に不明なキー「kind」があります" \
	"^$sf:8:16: error: 項目「applicant.capital」に日本語の名前（label）を書いてください" \
	"^$sf:9:38: error: type は map, list, text, integer, amount, date, boolean, enumeration, percent, unit のどれかです" \
	"^$sf:13:3: error: 「nothing.here」を足す先の「nothing」は program「s」の項目のまとまりにありません" \
	"^$sf:17:28: error: 表「基本情報」の欄「applicant.nope」は計画書の値の項目ではありません" \
	"^$sf:15:11: error: 表「基本情報」で「wage」と「wage2」が同じ名前「賃金」で読まれます" \
	"r.yml:9:18: error: 「大企業」は「applicant.size」の値（schema.yml）にありません"; do
	grep -q "$want" "$TMP/out4" || { echo "missing: $want"; cat "$TMP/out4"; exit 1; }
done
