# YAML 1.1's booleans are read as YAML reads them (y/n, yes/no, on/off,
# true/false in lower, Title and UPPER case), full-width too, and the
# Japanese はい/いいえ; off was refused while yes/no were read
R=$(cd ../../rules-min && pwd) && t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
for v in on off On OFF yes No y N true FALSE ｏｆｆ はい なし 'off ' maybe 1; do
	printf -- '---\nprogram: minimal\napplicant:\n  name: 株式会社テスト\nbank_confirmation: %s\n---\n# 見出し\n' "$v" >b.md
	printf '%s: ' "$v"
	"$PLANCHECK" check --rules "$R" --format json b.md | grep -c '"plan.type"'
done
