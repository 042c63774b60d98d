# Readers: the public plan saved as other editors save it (UTF-16 LE with
# a BOM, UTF-16 BE without one, decomposed kana, EUC-JP, ISO-2022-JP, from
# standard input) gives the same findings and figures as the UTF-8 file,
# plus one note saying how it was read; fix writes each back in its own
# encoding; the files a folder of drafts also holds are refused with one
# error that says what to do.
set -eu
ROOT=$(pwd)
FX=$ROOT/tests/fixtures/encodings
ORIG=$ROOT/examples/hakkoda-seiko.md

# rules with line and column, and the figures, without the reader's note
fingerprint() {
	jq -r '.files[0] | (.findings[] | select(.rule != "plan.encoding-other" and .rule != "plan.nfc")
		| "\(.rule) \(.line):\(.column)"), (.computed | tostring)' "$1"
}
"$PLANCHECK" check --format json "$ORIG" >"$TMP/orig.json"
fingerprint "$TMP/orig.json" >"$TMP/want"

same_as_orig() {   # FILE ENCODING NOTE-RULE
	st=0
	"$PLANCHECK" check --format json "$1" >"$TMP/got.json" || st=$?
	[ $st = 0 ] || { echo "$1: exit $st"; exit 1; }
	fingerprint "$TMP/got.json" >"$TMP/got"
	if [ "${NOCOL:-}" ]; then
		sed -i 's/^\([^ ]* [0-9]*\):[0-9]*$/\1/' "$TMP/want" "$TMP/got"
	fi
	cmp -s "$TMP/want" "$TMP/got" || { echo "$1: other findings"; diff "$TMP/want" "$TMP/got" | head; exit 1; }
	jq -e --arg e "$2" '.files[0].encoding == $e' "$TMP/got.json" >/dev/null || { echo "$1: encoding not $2"; exit 1; }
	n=$(jq --arg r "$3" '[.files[0].findings[] | select(.rule == $r)] | length' "$TMP/got.json")
	[ "$n" = 1 ] || { echo "$1: $n notes $3"; exit 1; }
}
same_as_orig "$FX/hakkoda-seiko-utf16le-bom.md" utf-16le plan.encoding-other
same_as_orig "$FX/hakkoda-seiko-utf16be.md" utf-16be plan.encoding-other
# (columns count the characters as written: a decomposed が is two, so a
# finding after one on its line has a later column than in the NFC text)
NOCOL=1 same_as_orig "$FX/hakkoda-seiko-nfd.md" utf-8 plan.nfc
NOCOL=
# the NFD copy: columns counted in the characters as written (a
# decomposed が is two), and no spelling warning at all
jq -e '[.files[0].findings[] | select(.rule == "plan.nfc")][0] | .line == 27 and .column == 23' \
	"$TMP/got.json" >/dev/null || { echo "NFD note not at 27:23"; exit 1; }

# EUC-JP and ISO-2022-JP: made here from the plan (a few characters have no
# form there), compared with the same text in UTF-8
iconv -c -f UTF-8 -t EUC-JP-MS "$ORIG" >"$TMP/euc.md" || true
iconv -f EUC-JP-MS -t UTF-8 "$TMP/euc.md" >"$TMP/euc-utf8.md"
"$PLANCHECK" check --format json "$TMP/euc-utf8.md" >"$TMP/o.json" || true
fingerprint "$TMP/o.json" >"$TMP/want"
same_as_orig "$TMP/euc.md" euc-jp plan.encoding-other
iconv -c -f UTF-8 -t ISO-2022-JP "$ORIG" >"$TMP/jis.md" || true
iconv -f ISO-2022-JP -t UTF-8 "$TMP/jis.md" >"$TMP/jis-utf8.md"
"$PLANCHECK" check --format json "$TMP/jis-utf8.md" >"$TMP/o.json" || true
fingerprint "$TMP/o.json" >"$TMP/want"
same_as_orig "$TMP/jis.md" iso-2022-jp plan.encoding-other

# standard input, sniffed like a file (here the UTF-16 copy)
fingerprint "$TMP/orig.json" >"$TMP/want"
"$PLANCHECK" check --format json - <"$FX/hakkoda-seiko-utf16le-bom.md" >"$TMP/in.json"
fingerprint "$TMP/in.json" >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { echo "stdin: other findings"; exit 1; }
jq -e '.files[0].path == "-"' "$TMP/in.json" >/dev/null
"$PLANCHECK" check - <"$ORIG" >"$TMP/in.txt"
grep -q '^-: 計算結果$' "$TMP/in.txt"

# fix keeps UTF-16 (and its BOM) and the decomposed characters it did not replace
printf '%s\n' '---' 'program: saikouchiku' '---' '# 1. 取組' '' '全ての工程がデジタル化出来る。' >"$TMP/f.md"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TMP/f.md"; } >"$TMP/f16.md"
"$PLANCHECK" fix "$TMP/f16.md" -o "$TMP/f16-out.md" 2>/dev/null
[ "$(head -c 2 "$TMP/f16-out.md" | od -An -tx1 | tr -d ' ')" = fffe ]
tail -c +3 "$TMP/f16-out.md" | iconv -f UTF-16LE -t UTF-8 | grep -q '^すべての工程がデジタル化できる。$'
python3 -c "import sys,unicodedata; open(sys.argv[2],'w').write(unicodedata.normalize('NFD',open(sys.argv[1]).read()))" \
	"$TMP/f.md" "$TMP/fd.md"
"$PLANCHECK" fix "$TMP/fd.md" -o "$TMP/fd-out.md" 2>/dev/null
python3 - "$TMP/fd-out.md" <<'PY'
import sys, unicodedata
t = open(sys.argv[1]).read()
assert unicodedata.normalize('NFC', t).endswith('すべての工程がデジタル化できる。\n'), t
assert unicodedata.normalize('NFD', 'デジタル') in t, 'untouched characters stay decomposed'
PY

# refusals: one error (exit 1) that says what to do
refused() {   # FILE WORDS
	st=0
	"$PLANCHECK" check "$1" >"$TMP/r.txt" 2>&1 || st=$?
	[ $st = 1 ] || { echo "$1: exit $st"; cat "$TMP/r.txt"; exit 1; }
	[ "$(grep -c ': error: ' "$TMP/r.txt")" = 1 ] || { echo "$1: not one error"; cat "$TMP/r.txt"; exit 1; }
	grep -q "$2" "$TMP/r.txt" || { echo "$1: no '$2'"; cat "$TMP/r.txt"; exit 1; }
}
python3 - "$TMP" <<'PY'
import sys, zipfile
d = sys.argv[1]
# an OLE compound file whose directory names the WordDocument stream
ole = b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 504 + 'WordDocument'.encode('utf-16le') + b'\0' * 1000
open(d + '/old.doc', 'wb').write(ole)
open(d + '/old-named.md', 'wb').write(ole)
with zipfile.ZipFile(d + '/book.xlsx', 'w') as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('xl/workbook.xml', '<workbook/>')
with zipfile.ZipFile(d + '/plan.odt', 'w') as z:
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
    z.writestr('content.xml', '<office:document-content/>')
open(d + '/scan.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + b'\0' * 64)
open(d + '/plan.pdf', 'wb').write(b'%PDF-1.7\n' + b'\0' * 64)
PY
refused "$TMP/old.doc" 'Word で .docx 形式で保存し直してください'
refused "$TMP/old-named.md" 'Word で .docx 形式で保存し直してください'
refused "$TMP/book.xlsx" 'Excel ファイル（.xlsx）'
refused "$TMP/plan.odt" 'Word 2007-365 (.docx)'
refused "$TMP/scan.png" '画像ファイル'
refused "$TMP/plan.pdf" 'PDF にする前の Word ファイル'
