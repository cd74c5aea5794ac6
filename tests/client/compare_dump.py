#!/usr/bin/python3
"""Compares `jetctl file dump` output with an independent reader's export.

usage: compare_dump.py ACTUAL.json EXPECTED.json

The documents must be equal as JSON (tests/data/windows-edb/README.md has
the value encoding), with one allowance for how the two readers spell
"NULL": the independent reader leaves a column out of a row where the
record does not hold it (a fixed column past the record's last one, a
tagged column without a value), where jetctl, reading through
JetRetrieveColumn as an ESE application does, prints null.

ESE's JetRetrieveColumn also returns a column's default value for a record
that does not hold the column; the independent reader does not apply
defaults to tagged columns. A column missing from an expected row may
therefore have a value in jetctl's output only when it is listed with
--default-ok TABLE.COLUMN (the engine's tests check those values).
"""
import json
import sys


def fail(msg):
    print("MISMATCH: " + msg)
    sys.exit(1)


def main():
    args = sys.argv[1:]
    allowed = {}
    while args and args[0] == "--default-ok":
        allowed[args[1]] = True
        args = args[2:]
    actual = json.load(open(args[0], encoding="utf-8"))
    expected = json.load(open(args[1], encoding="utf-8"))
    if actual.get("page_size") != expected.get("page_size"):
        fail("page_size %r != %r" % (actual.get("page_size"), expected.get("page_size")))
    at, et = actual["tables"], expected["tables"]
    if [t["name"] for t in at] != [t["name"] for t in et]:
        fail("tables %r != %r" % ([t["name"] for t in at], [t["name"] for t in et]))
    for a, e in zip(at, et):
        name = e["name"]
        if a["columns"] != e["columns"]:
            fail("%s: columns\n%r\n%r" % (name, a["columns"], e["columns"]))
        if a["indexes"] != e["indexes"]:
            fail("%s: indexes %r != %r" % (name, a["indexes"], e["indexes"]))
        if len(a["rows"]) != len(e["rows"]):
            fail("%s: %d rows, expected %d" % (name, len(a["rows"]), len(e["rows"])))
        columns = [c["name"] for c in e["columns"]]
        for i, (ar, er) in enumerate(zip(a["rows"], e["rows"])):
            if set(ar) - set(columns):
                fail("%s row %d: unknown columns %r" % (name, i, set(ar) - set(columns)))
            for c in columns:
                got = ar.get(c)
                if c in er:
                    if got != er[c]:
                        fail("%s row %d column %s: %r != %r" % (name, i, c, got, er[c]))
                elif got is not None:
                    key = "%s.%s" % (name, c)
                    if key not in allowed:
                        fail("%s row %d column %s: %r, expected no value" % (name, i, c, got))
    print("OK: %d tables, %d rows" % (len(at), sum(len(t["rows"]) for t in at)))


if __name__ == "__main__":
    main()
