# a configuration over the size limit, or not text, is said in its own
# words (it got the plan's: 「事業計画書は通常 100KB 未満です … --max-size」)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT || exit 9
head -c 17000000 /dev/zero | tr '\0' '#' >"$t/big.yml"
printf 'PK\003\004\024\000\006\000' >"$t/zip.yml"
head -c 3000 /dev/zero | tr '\0' '\221' >>"$t/zip.yml"
for f in big zip; do
	"$PLANCHECK" check --rules ../../rules-min --config "$t/$f.yml" tab-indent.md 2>&1 | sed "s|$t|TMP|"
done
