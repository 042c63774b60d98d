#!/bin/sh
# Checks a `check --format json` document against the shape of
# ../shared/spec/cli.md with jq: the keys, their types, the severity names,
# 1-based positions, and the sort order (file, line, column, rule).
set -eu
jq -e '
  (.tool == "plancheck") and (.version | type == "string") and (.files | type == "array") and
  all(.files[];
    (.path | type == "string") and (.encoding | type == "string") and
    (.program | type == "string" or . == null) and (.round | type == "number" or . == null) and
    (.computed | type == "object") and
    (.findings | type == "array") and
    all(.findings[];
      (.rule | type == "string") and
      (.severity | IN("error", "warning", "info")) and
      (.line | type == "number" and . >= 1) and (.column | type == "number" and . >= 1) and
      (.end_line | type == "number" and . >= 1) and (.end_column | type == "number" and . >= 1) and
      (.message | type == "string") and
      (.suggestion | type == "string" or . == null) and (.cite | type == "string" or . == null) and
      (.cite_title | type == "string" or . == null) and ((.cite == null) == (.cite_title == null)) and
      (.waived | type == "boolean")) and
    ([.findings[] | [.line, .column]] as $p | $p == ($p | sort)))
' "$1" >/dev/null
