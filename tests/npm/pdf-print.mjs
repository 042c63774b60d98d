// What pdf.js prints of a PDF: per page, the annotations drawn with the
// print intent (each a beginAnnotation in the page's operator list), and
// the subtypes of the printable ones.  Prints one JSON line.
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0 }).promise;
let printed = 0;
const kinds = {};
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  for (const a of await page.getAnnotations({ intent: "print" }))
    kinds[a.subtype] = (kinds[a.subtype] || 0) + 1;
  const ops = await page.getOperatorList({ intent: "print" });
  for (const fn of ops.fnArray) if (fn === OPS.beginAnnotation) printed++;
}
console.log(JSON.stringify({ pages: doc.numPages, printed, kinds }));
