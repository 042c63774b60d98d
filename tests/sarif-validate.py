"""Validate SARIF files against the SARIF 2.1.0 JSON schema (Draft 4, as
the schema declares) and check what the schema cannot: every ruleIndex
points at the rule named by ruleId, regions are 1-based code-point columns,
suppressions carry a justification.  Uses Debian's python3-jsonschema."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
        bad += 1
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    if run.get("columnKind") != "unicodeCodePoints" or run.get("language") != "ja-JP":
        print(f"{path}: columnKind/language missing"); bad += 1
    for r in run["results"]:
        i = r.get("ruleIndex")
        if i is None or rules[i]["id"] != r["ruleId"]:
            print(f"{path}: ruleIndex {i} does not name {r['ruleId']}"); bad += 1
        reg = r["locations"][0]["physicalLocation"]["region"]
        if reg["startLine"] < 1 or reg["startColumn"] < 1:
            print(f"{path}: region not 1-based"); bad += 1
        for s in r.get("suppressions", []):
            if not s.get("justification"):
                print(f"{path}: suppression without justification"); bad += 1
sys.exit(1 if bad else 0)
