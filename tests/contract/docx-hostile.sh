# Hostile Word files (issue 16, third round), made here with Python's
# zipfile: table grid numbers a file may set to anything (a negative
# gridBefore wrote before the row's cells; INT_MAX spans and numbering
# starts overflowed), more rows and columns than the reader kept (rows past
# 4,096 were dropped without a word), a w:sym that is a surrogate (import
# wrote text that is not UTF-8), a document whose XML the converter cannot
# decode (libxml2 printed English on stderr), text larger than --max-size
# (read though a .md that size is refused), and many styles (looked up
# linearly per paragraph: 20,000 styles and paragraphs took 44 s).
set -eu
py=/usr/bin/python3
[ -x $py ] || py=python3
command -v $py >/dev/null || { echo "hostile Word files (no python3)" >>"$SKIPS"; exit 77; }
RUSAGE=${UNIT_DIR:-build}/rusage
. tests/contract/lib/linear.sh
cat >"$TMP/mk.py" <<'EOF'
import sys, zipfile
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
def doc(body, enc='UTF-8'):
    return '<?xml version="1.0" encoding="%s"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (enc, W, body)
def p(t, style=None, ppr=''):
    s = '<w:pStyle w:val="%s"/>' % style if style else ''
    return '<w:p><w:pPr>%s%s</w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' % (s, ppr, t)
def cell(t, pr=''):
    return '<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % (pr, t)
def write(path, parts):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data if isinstance(data, bytes) else data.encode())
def part(kind, body):
    return '<?xml version="1.0"?><w:%s xmlns:w="%s">%s</w:%s>' % (kind, W, body, kind)
kind, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 0
head = p('1. 補助事業の具体的取組内容')
if kind == 'grid':
    t = ('<w:tbl><w:tr><w:trPr><w:gridBefore w:val="-50"/></w:trPr>' + cell('左のセル') + cell('右のセル') + '</w:tr>'
         '<w:tr><w:trPr><w:gridBefore w:val="2147483647"/><w:gridAfter w:val="2147483647"/></w:trPr>'
         + cell('大きい', '<w:gridSpan w:val="2147483647"/>') + cell('次', '<w:gridSpan w:val="2147483647"/>') + '</w:tr></w:tbl>')
    write(out, [('word/document.xml', doc(head + t))])
elif kind == 'numbering':
    num = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="2147483647"/><w:numFmt w:val="decimal"/>'
           '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    np_ = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    write(out, [('word/document.xml', doc(head + p('一つ目', None, np_) + p('二つ目', None, np_))),
                ('word/numbering.xml', part('numbering', num))])
elif kind == 'rows':
    t = '<w:tbl>' + ''.join('<w:tr>' + cell('行%d' % i) + cell(str(i)) + '</w:tr>' for i in range(n)) + '</w:tbl>'
    write(out, [('word/document.xml', doc(head + t))])
elif kind == 'columns':
    t = '<w:tbl><w:tr>' + ''.join(cell('列%d' % i) for i in range(n)) + '</w:tr></w:tbl>'
    write(out, [('word/document.xml', doc(head + t))])
elif kind == 'sym':
    s = ''.join('<w:sym w:char="%s"/>' % c for c in ('D800', 'DFFF', '110000', 'FFFFFFFFFF', '2460'))
    write(out, [('word/document.xml', doc(head + '<w:p><w:r>%s<w:t>記号</w:t></w:r></w:p>' % s))])
elif kind == 'ebcdic':
    write(out, [('word/document.xml', doc(head, 'EBCDIC-US'))])
elif kind == 'big':
    write(out, [('word/document.xml', doc(head + p('あ' * n)))])
elif kind == 'styles':
    # n styles in a ring of basedOn, n paragraphs each in one of them
    st = ''.join('<w:style w:type="paragraph" w:styleId="S%d"><w:name w:val="s%d"/><w:basedOn w:val="S%d"/></w:style>'
                 % (i, i, (i + 1) % n) for i in range(n))
    num = ''.join('<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
                  '<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (i, i + 1, i) for i in range(n))
    body = ''.join(p('段落%d' % i, 'S%d' % i, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % (n - i))
                   for i in range(n))
    write(out, [('word/document.xml', doc(head + body)), ('word/styles.xml', part('styles', st)),
                ('word/numbering.xml', part('numbering', num))])
EOF
mk() { $py "$TMP/mk.py" "$@"; }
imp() {   # file.docx > the imported text
	"$PLANCHECK" import --no-config -o "$TMP/imp.md" "$1" >/dev/null 2>"$TMP/imp.err"
	cat "$TMP/imp.md"
}

# grid numbers out of range: cells kept in their place, or counted when
# past the edge (a gridBefore of INT_MAX); no overflow
mk grid "$TMP/grid.docx"
imp "$TMP/grid.docx" >"$TMP/grid.md"
grep -q '^| 左のセル | 右のセル |' "$TMP/grid.md" || { echo "gridBefore -50 lost cells:"; cat "$TMP/grid.md"; exit 1; }
st=0
"$PLANCHECK" check --no-config "$TMP/grid.docx" >"$TMP/grid.txt" 2>&1 || st=$?
[ $st = 1 ] || { echo "grid: exit $st"; cat "$TMP/grid.txt"; exit 1; }
grep -q '257 列目から先のセル 2 個' "$TMP/grid.txt" || { echo "cells past the edge not counted"; cat "$TMP/grid.txt"; exit 1; }

# a numbering that starts at INT_MAX: Word's largest start, counted on
mk numbering "$TMP/num.docx"
imp "$TMP/num.docx" >"$TMP/num.md"
grep -q '^32767\. 一つ目' "$TMP/num.md" && grep -q '^32768\. 二つ目' "$TMP/num.md" ||
	{ echo "numbering:"; cat "$TMP/num.md"; exit 1; }

# 5,000 rows: all of them (4,096 were kept); 300 columns: counted
mk rows "$TMP/rows.docx" 5000
n=$(imp "$TMP/rows.docx" | grep -c '^| 行')
[ "$n" = 5000 ] || { echo "rows: $n of 5000"; exit 1; }
mk columns "$TMP/cols.docx" 300
"$PLANCHECK" check --no-config "$TMP/cols.docx" >"$TMP/cols.txt" 2>&1 || true
grep -q '257 列目から先のセル 44 個は検査の対象外' "$TMP/cols.txt" || { echo "columns:"; grep plan.docx "$TMP/cols.txt"; exit 1; }

# w:sym: surrogates and code points past U+10FFFF are not written
mk sym "$TMP/sym.docx"
imp "$TMP/sym.docx" >"$TMP/sym.md"
$py -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$TMP/sym.md" ||
	{ echo "import wrote text that is not UTF-8"; exit 1; }
grep -q '①記号' "$TMP/sym.md"

# an encoding libxml2 cannot convert: the one finding, nothing on stderr
mk ebcdic "$TMP/ebcdic.docx"
st=0
"$PLANCHECK" check --no-config "$TMP/ebcdic.docx" >"$TMP/e.out" 2>"$TMP/e.err" || st=$?
[ $st = 1 ] && grep -q '壊れているため本文を読めません' "$TMP/e.out" || { echo "ebcdic: exit $st"; cat "$TMP/e.out"; exit 1; }
[ ! -s "$TMP/e.err" ] || { echo "stderr:"; cat "$TMP/e.err"; exit 1; }

# text past --max-size: refused as a .md of that size is (the XML may be
# twice the limit; 400,000 あ are 1.2 MB of text)
mk big "$TMP/big.docx" 400000
st=0
"$PLANCHECK" check --no-config --max-size 1M "$TMP/big.docx" >"$TMP/big.txt" 2>&1 || st=$?
[ $st = 1 ] && grep -q '本文が大きすぎて読めません' "$TMP/big.txt" || { echo "big: exit $st"; head "$TMP/big.txt"; exit 1; }
"$PLANCHECK" check --no-config --max-size 2M "$TMP/big.docx" >"$TMP/big.txt" 2>&1 || true
! grep -q '本文が大きすぎて' "$TMP/big.txt"

# styles and numbering looked up per paragraph: 10x of them, about 10x the
# CPU time above an empty draft's (limit 25, as pathological.sh)
mk styles "$TMP/s1.docx" 2000
mk styles "$TMP/s10.docx" 20000
mk grid "$TMP/empty.docx"
base=$("$RUSAGE" cpu "$PLANCHECK" check --no-config "$TMP/empty.docx")
t1=$("$RUSAGE" cpu "$PLANCHECK" check --no-config "$TMP/s1.docx")
t10=$("$RUSAGE" cpu "$PLANCHECK" check --no-config "$TMP/s10.docx")
linear "styles (N=2000)" "$base" "$t1" "$t10"
