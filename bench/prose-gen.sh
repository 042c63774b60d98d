#!/bin/sh
# prose-gen.sh OUTDIR N [SEED]: N drafts of plan-like Japanese prose in
# which the constructs textlint's morphology rules look for turn up often
# (ら抜き, 二重否定, doubled particles and conjunctions, 逆接の「が」 twice,
# redundant and weak phrases), beside their correct forms and ordinary
# sentences, for bench/textlint-agree.sh.  Deterministic for a seed.
# Paragraphs and list items as plans have them; no front matter checks
# beyond a program, so only the prose rules have anything to say.
set -eu
out=$1
n=$2
seed=${3:-1}
mkdir -p "$out"
awk -v out="$out" -v n="$n" -v seed="$seed" '
function pick(a, k) { return a[int(rand() * k) + 1] }
function split_into(s, a) { return split(s, a, "|") }
BEGIN {
	srand(seed)
	ns = split_into("当社は|新工場では|製造部は|営業担当者は|代表取締役が|品質管理課長は|若手の技能士が|当社の職人は|設備メーカーは|認定支援機関が", subj)
	no = split_into("設備を|製品を|試作品を|人材を|手順書を|販路を|原料を|新商品を|研修の内容を|検査のデータを", obj)
	nv = split_into("導入する|整備する|確保する|開発する|評価する|改善する|見直す|拡大する|記録する|共有する", verb)
	# ichidan verbs: stem, correct potential, dropped-ra potential
	ni = split_into("見|決め|食べ|来|出|着|始め|続け|集め|受け入れ", ist)
	na = split_into("ないことはない|ないわけではない|なくもない|なくはない|ないとは言い切れない|ないとはかぎらない|ないものでもない|ないこともない|ないわけでもない", neg)
	nr = split_into("することができる|することが可能である|を行う|を行い|を実行する|であると考えている|であると言えます", red)
	nw = split_into("かもしれない|と思う|と思います|かも。|可能性を示唆している", weak)
	nc = split_into("また、|しかし、|さらに、|ただし、|そして、|なお、|一方、|したがって、", conj)
	nn = split_into("売上は伸びた|利益は減った|受注は増えた|単価は下がった|人手は足りない|需要は戻った|原価は上がった", clause)
	nd = split_into("は|が|に|で|を|と|から|より", joshi)
	np = split_into("八戸市|地域|工場|市場|取引先|製品|設備|品質|研修", noun)
	for (f = 1; f <= n; f++) {
		file = sprintf("%s/prose-%04d.md", out, f)
		printf "---\nprogram: saikouchiku\n---\n\n# 1. 補助事業の具体的取組内容\n\n" > file
		for (p = 1; p <= 30; p++) {
			if (p % 7 == 0)
				printf "## （%d）取組の内容\n\n", p / 7 >> file
			item = rand() < 0.25
			line = ""
			ks = 2 + int(rand() * 4)
			for (s = 1; s <= ks; s++) {
				r = rand()
				c = rand() < 0.3 ? pick(conj, nc) : ""
				if (r < 0.12) {
					i = int(rand() * ni) + 1
					pot = rand() < 0.5 ? ist[i] "れる" : ist[i] "られる"
					sent = c pick(subj, ns) pick(obj, no) "翌月から" pot "体制にする。"
				} else if (r < 0.22) {
					sent = c pick(subj, ns) "計画を達成でき" pick(neg, na) "。"
				} else if (r < 0.36) {
					a = pick(joshi, nd)
					sent = c pick(noun, np) a pick(noun, np) a pick(obj, no) pick(verb, nv) "。"
				} else if (r < 0.46) {
					sent = c pick(clause, nn) "が、" pick(clause, nn) (rand() < 0.6 ? "が、" : "。そして、") pick(clause, nn) "。"
				} else if (r < 0.58) {
					e = pick(red, nr)
					if (e ~ /^を/)
						sent = c pick(subj, ns) "設備の点検" e (e ~ /行い$/ ? "、記録を残す。" : "。")
					else if (e ~ /^す/)
						sent = c pick(subj, ns) "翌月から生産" e "。"
					else
						sent = c "この取組は地域に必要" e "。"
				} else if (r < 0.68) {
					sent = c pick(subj, ns) "来期に" pick(obj, no) pick(verb, nv) pick(weak, nw)
					if (sent !~ /。$/)
						sent = sent "。"
				} else {
					sent = c pick(subj, ns) pick(obj, no) pick(verb, nv) "。"
				}
				line = line sent
			}
			if (item)
				printf "- %s\n\n", line >> file
			else
				printf "%s\n\n", line >> file
		}
		close(file)
	}
}'
