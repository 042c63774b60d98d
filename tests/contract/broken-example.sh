# Breaking any rule's example makes `rules --test` fail, naming the rule:
# here the passing example of expense-sum is made to fail, and the
# failing example of the top-up rate is made to pass.
set -eu
cp -R rules "$TMP/r1"
sed -i 's/subsidy: {eligible_total: 1050万円}/subsidy: {eligible_total: 1060万円}/' "$TMP/r1/saikouchiku/numbers.yml"
grep -q 1060万円 "$TMP/r1/saikouchiku/numbers.yml"
st=0
"$PLANCHECK" rules --test --rules "$TMP/r1" >"$TMP/out" 2>&1 || st=$?
[ $st = 1 ] || { cat "$TMP/out"; exit 1; }
grep -q '規則 saikouchiku.expense-sum の通る例が指摘されました' "$TMP/out"
cp -R rules "$TMP/r2"
sed -i 's/- fail: "subsidy: {eligible_total: 4800万円, prefecture: 450万円}/- fail: "subsidy: {eligible_total: 4800万円, prefecture: 350万円}/' "$TMP/r2/aomori-topup/pack.yml"
st=0
"$PLANCHECK" rules --test --rules "$TMP/r2" >"$TMP/out" 2>&1 || st=$?
[ $st = 1 ] || { cat "$TMP/out"; exit 1; }
grep -q '規則 aomori-topup.rate の失敗する例が指摘されません' "$TMP/out"
