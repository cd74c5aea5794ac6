#!/usr/bin/python3
"""A database our engine writes is read back by esedbexport and impacket.

usage: written_db_readers_agree.py WRITE_SAMPLE_DB JETCTL SCRATCH_DIR
       written_db_readers_agree.py --self-test WRITE_SAMPLE_DB SCRATCH_DIR [WINDOWS_EDB_DIR]

Runs write_sample_db (tests/interop/write_sample_db.cc: every column type,
fixed/variable/tagged, multi-valued, long values in and out of the record,
NULLs, two indexes, 3,000 rows, a second table; written through esent.h and
detached cleanly) into SCRATCH_DIR/written_db, then reads the file with
esedbexport (libesedb-utils), impacket.ese and `jetctl file dump`, and
compares each, cell by cell, with the expected contents the writer printed
(EXPECTED.json, in jetctl's dump encoding). The comparison is
ese_readers.compare_impacket / compare_esedbexport with the written values in
place of jetctl's, so every normalisation (N1..N14) and allowance (A1..A7)
listed in ese_readers.NORMALISATIONS applies, plus W1 below. Skipped cells
are counted per reader and reason. Fails on any disagreement, and when a
reader compared fewer cells than the written data guarantees it can read
(MINIMUM below), so allowances can never quietly swallow the test.

 W1 A multi-valued column holding one value is stored as a plain tagged
    value (no multi-value header): impacket and esedbexport then print the
    value itself, the expected contents a one-element list. Where the record
    (impacket's raw bytes) holds the value without the multi-value flag, the
    list is compared as its single value.

MINIMUM: every cell except, for both third-party readers, NULL fixed columns
(A1) and long values over 1024 bytes (may be separated, A2); for esedbexport
also IEEESingle cells (A5), non-text multi-values of 2 or more values and
two-value multi-values of a non-long column (A4: the two-values form).
jetctl must compare every cell.

--self-test checks this script without the engine's write path: it runs
`write_sample_db --expected-only` (the expected contents, column ids by ESE's
rule), builds fake reader outputs from them the way each reader spells values
(including the readers' known limitations), and checks that the comparison
passes with the expected counts, and fails on a changed cell in each reader
and when allowances eat cells below the minimum. Given WINDOWS_EDB_DIR
(tests/data/windows-edb), it also runs the same comparison on the six
genuine Windows-made databases with the real readers, taking expected/*.json
as the written contents: no disagreement is allowed there (the minimum is not
checked: those files use compression and non-BMP text, which write_sample_db
avoids).
"""
import binascii
import copy
import json
import os
import shutil
import struct
import subprocess
import sys
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ese_readers  # noqa: E402
from ese_readers import (INT_FORMATS, TAG_COMPRESSED, TAG_MULTI, TAG_SEPARATED,  # noqa: E402
                         TAG_TWO_VALUES)

LONG_TYPES = ("LongBinary", "LongText")
TEXT_TYPES = ("Text", "LongText")
SEPARATED_FROM = 1024  # bytes: a long value this large may be stored separately


class WrittenReport(ese_readers.Report):
    """ese_readers.Report, with the written value in place of jetctl's and
    a third reader, jetctl itself."""

    def __init__(self, edb):
        super().__init__(edb)
        self.compared["jetctl"] = 0

    def differ(self, where, reader, ours, theirs):
        self.disagreements.append("%s [%s]\n    written:  %r\n    %-9s %r"
                                  % (where, reader, ours, reader + ":", theirs))

    def text(self):
        lines = ["%s: cells compared: %s" % (os.path.basename(self.edb), ", ".join(
            "%s %d" % (r, n) for r, n in sorted(self.compared.items())))]
        for (reader, reason), n in sorted(self.skips.items()):
            lines.append("  not comparable by %s: %d cell(s), %s" % (reader, n, reason))
        for d in self.disagreements:
            lines.append("  DISAGREEMENT " + d)
        return "\n".join(lines)


# --------------------------------------------------------------------------
# What the written data guarantees.

def raw_value(ctype, cp, v):
    """The bytes the writer handed to JetSetColumn for one JSON value."""
    if ctype == "Bit":
        return b"\xff" if v else b"\x00"
    if ctype in INT_FORMATS:
        return struct.pack(INT_FORMATS[ctype], v)
    if ctype == "IEEESingle":
        return struct.pack("<f", float(v["float"]))
    if ctype == "IEEEDouble":
        return struct.pack("<d", float(v["float"]))
    if ctype == "GUID":
        return uuid.UUID(v).bytes_le
    if ctype in ("Binary", "LongBinary"):
        return bytes.fromhex(v["hex"])
    return v.encode("utf-16-le" if cp == 1200 else "cp1252")


def minimum_comparable(expected):
    """{reader: cells it must compare} (MINIMUM in the docstring)."""
    need = {"impacket": 0, "esedbexport": 0, "jetctl": 0}
    for t in expected["tables"]:
        for row in t["rows"]:
            for c in t["columns"]:
                v = row.get(c["name"])
                need["jetctl"] += 1
                if v is None and c["id"] <= 127:
                    continue                                      # A1
                values = v if isinstance(v, list) else [] if v is None else [v]
                if c["type"] in LONG_TYPES and any(
                        len(raw_value(c["type"], c["cp"], x)) > SEPARATED_FROM for x in values):
                    continue                                      # A2
                need["impacket"] += 1
                if c["type"] == "IEEESingle" and v is not None:
                    continue                                      # A5
                if c["multi"] and isinstance(v, list) and len(v) >= 2 \
                        and (c["type"] not in TEXT_TYPES or two_values_form(
                            c["type"], [raw_value(c["type"], c["cp"], x) for x in v])):
                    continue                                      # A4
                need["esedbexport"] += 1
    return need


# --------------------------------------------------------------------------
# The comparison.

def single_values(rows, columns, it):
    """W1: rows with a one-element list replaced by its value where the
    record stores it without the multi-value flag."""
    multi = {c["name"]: c["id"] for c in columns if c["multi"]}
    out = []
    for i, row in enumerate(rows):
        tagged = it.tagged[i] if i < len(it.tagged) else {}
        r = dict(row)
        for name, cid in multi.items():
            v = r.get(name)
            tag = tagged.get(cid)
            if isinstance(v, list) and len(v) == 1 and tag is not None \
                    and not tag[0] & TAG_MULTI:
                r[name] = v[0]
        out.append(r)
    return out


def compare_jetctl(report, t, dumped):
    name = t["name"]
    cols = sorted((c["id"], c["name"], c["type"]) for c in t["columns"])
    their_cols = sorted((c["id"], c["name"], c["type"]) for c in dumped["columns"])
    if cols != their_cols:
        report.differ("%s columns (id, name, type)" % name, "jetctl", cols, their_cols)
        return
    if sorted(t["indexes"]) != sorted(dumped["indexes"]):
        report.differ("%s indexes" % name, "jetctl", sorted(t["indexes"]),
                      sorted(dumped["indexes"]))
    if len(t["rows"]) != len(dumped["rows"]):
        report.differ("%s row count" % name, "jetctl", len(t["rows"]), len(dumped["rows"]))
    for i, (row, theirs) in enumerate(zip(t["rows"], dumped["rows"])):
        for c in t["columns"]:
            ctype = c["type"]
            want = ese_readers.ours_canonical(ctype, row.get(c["name"]))
            got = ese_readers.ours_canonical(ctype, theirs.get(c["name"]))
            report.compared["jetctl"] += 1
            if want != got:
                report.differ("%s row %d (Id %r) column %s (%s)"
                              % (name, i, row.get("Id"), c["name"], ctype), "jetctl", want, got)


def compare_written(edb, expected, imp, exp, dump):
    """Compares the three readers' outputs with the expected contents."""
    report = WrittenReport(edb)
    names = sorted(t["name"] for t in expected["tables"])
    imp_names = sorted(n for n in imp if not n.startswith("MSys"))
    exp_names = sorted(n for n in exp if not n.startswith("MSys"))
    dump_names = sorted(t["name"] for t in dump["tables"])
    for reader, theirs in (("impacket", imp_names), ("esedbexport", exp_names),
                           ("jetctl", dump_names)):
        if names != theirs:
            report.differ("user tables", reader, names, theirs)
    dumped = {t["name"]: t for t in dump["tables"]}
    for t in expected["tables"]:
        name = t["name"]
        if name in dumped:
            compare_jetctl(report, t, dumped[name])
        it = imp.get(name)
        if it is None:
            continue
        cols = sorted((c["id"], c["name"], c["type"]) for c in t["columns"])
        imp_cols = [(cid, cname, ctype) for cid, cname, ctype, _ in it.columns]
        if cols != imp_cols:
            report.differ("%s columns (id, name, type)" % name, "impacket", cols, imp_cols)
            continue
        cps = {c["id"]: c["cp"] for c in t["columns"]}
        for cid, cname, ctype, cp in it.columns:
            if ctype in TEXT_TYPES and cp != cps[cid]:
                report.differ("%s column %s code page" % (name, cname), "impacket", cps[cid], cp)
        if sorted(t["indexes"]) != sorted(it.indexes):
            report.differ("%s indexes" % name, "impacket", sorted(t["indexes"]),
                          sorted(it.indexes))
        if len(t["rows"]) != len(it.rows):
            report.differ("%s row count" % name, "impacket", len(t["rows"]), len(it.rows))
        rows = single_values(t["rows"], t["columns"], it)
        ese_readers.compare_impacket(report, name, it, rows, it.columns)
        if name in exp:
            header, exp_rows = exp[name]
            if len(t["rows"]) != len(exp_rows):
                report.differ("%s row count" % name, "esedbexport", len(t["rows"]),
                              len(exp_rows))
            ese_readers.compare_esedbexport(report, name, header, exp_rows, it, rows, it.columns)
    return report


def check(report, expected):
    """Prints the report and the minimum check; True when both pass."""
    need = minimum_comparable(expected)
    print(report.text())
    short = ["%s compared %d cells, fewer than the %d the written data guarantees"
             % (r, report.compared.get(r, 0), n)
             for r, n in sorted(need.items()) if report.compared.get(r, 0) < n]
    for s in short:
        print("  TOO FEW " + s)
    print("  minimum: " + ", ".join("%s %d" % (r, n) for r, n in sorted(need.items())))
    return report.ok() and not short


def run_writer(writer, work, extra):
    edb = os.path.join(work, "sample.edb")
    expected_json = os.path.join(work, "expected.json")
    p = subprocess.run([writer, edb, expected_json] + extra, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    sys.stdout.write(p.stdout.decode(errors="replace"))
    if p.returncode != 0:
        print("write_sample_db failed (exit %d): %s"
              % (p.returncode, p.stderr.decode(errors="replace").strip()))
        return None, None
    with open(expected_json, encoding="utf-8") as f:
        return edb, json.load(f)


# --------------------------------------------------------------------------
# --self-test: fake readers built from the expected contents.

def impacket_spelling(ctype, cp, raw):
    """A value as impacket.ese returns it (independent of ese_readers)."""
    if ctype == "Bit":
        return raw[0]
    if ctype in ("Currency", "LongLong", "DateTime"):
        return struct.unpack("<Q", raw)[0]
    if ctype in INT_FORMATS:
        return struct.unpack(INT_FORMATS[ctype], raw)[0]
    if ctype == "IEEESingle":
        return struct.unpack("<f", raw)[0]
    if ctype == "IEEEDouble":
        return struct.unpack("<d", raw)[0]
    if ctype == "GUID":
        return raw
    if ctype in ("Binary", "LongBinary"):
        return binascii.hexlify(raw)
    return raw.decode("utf-16-le" if cp == 1200 else "cp1252")


def esedbexport_spelling(ctype, cp, raw):
    """A value as esedbexport 20181229 prints it."""
    if ctype == "Bit":
        return "true" if raw[0] else "false"
    if ctype in ("Currency",):
        return str(struct.unpack("<Q", raw)[0])
    if ctype == "DateTime":
        q = struct.unpack("<Q", raw)[0]
        return "(0x%08x 0x%08x)" % (q >> 32, q & 0xffffffff)
    if ctype in INT_FORMATS:
        return str(struct.unpack(INT_FORMATS[ctype], raw)[0])
    if ctype == "IEEESingle":
        return "0.000000"                                          # A5: libesedb's bug
    if ctype == "IEEEDouble":
        return "%f" % struct.unpack("<d", raw)[0]
    if ctype in ("GUID", "Binary", "LongBinary"):
        return raw.hex()
    return raw.decode("utf-16-le" if cp == 1200 else "cp1252")


def two_values_form(ctype, values):
    """Whether ESE stores these values of a multi-valued column in the
    two-values form (header 0x10, one length byte): exactly two values of a
    column that cannot hold long values, the first under 256 bytes."""
    return len(values) == 2 and ctype not in LONG_TYPES and len(values[0]) <= 0xff


def encode_multi(ctype, values):
    """(flags, data) of a multi-valued tagged column (the inverse of N10)."""
    if two_values_form(ctype, values):
        return TAG_MULTI | TAG_TWO_VALUES, bytes([len(values[0])]) + values[0] + values[1]
    offsets, pos = [], 2 * len(values)
    for v in values:
        offsets.append(pos)
        pos += len(v)
    return TAG_MULTI, struct.pack("<%dH" % len(values), *offsets) + b"".join(values)


def fake_readers(expected):
    """(impacket tables, esedbexport tables, jetctl dump) as the readers
    would return them for a file holding exactly the expected contents."""
    imp, exp = {}, {}
    for t in expected["tables"]:
        cols = sorted(t["columns"], key=lambda c: c["id"])
        it = ese_readers.ImpacketTable(t["name"])
        it.columns = [(c["id"], c["name"], c["type"], c["cp"]) for c in cols]
        it.indexes = list(t["indexes"])
        last_fixed = max([c["id"] for c in cols if c["id"] <= 127] or [0])
        last_var = max([c["id"] for c in cols if 128 <= c["id"] <= 255] or [127])
        cells_rows = []
        for row in t["rows"]:
            irow, tagged, fixed_null, cells = {}, {}, set(), []
            present = set(range(1, last_fixed + 1)) | set(range(128, last_var + 1))
            for c in cols:
                ctype, cp, cid, v = c["type"], c["cp"], c["id"], row.get(c["name"])
                if v is None:
                    if cid <= 127:                                 # A1: filler bytes
                        fixed_null.add(cid)
                        size = {"Bit": 1, "UnsignedByte": 1, "Short": 2, "UnsignedShort": 2,
                                "Long": 4, "UnsignedLong": 4, "IEEESingle": 4,
                                "GUID": 16}.get(ctype, 8)
                        if ctype in ("Binary", "Text"):
                            size = 8 if ctype == "Binary" else 10
                        filler = bytes(size)
                        irow[c["name"]] = impacket_spelling(ctype, cp, filler)
                        cells.append(esedbexport_spelling(ctype, cp, filler))
                    else:
                        irow[c["name"]] = None
                        cells.append("")
                    continue
                values = v if isinstance(v, list) else [v]
                raws = [raw_value(ctype, cp, x) for x in values]
                if cid >= 256:
                    present.add(cid)
                if c["multi"] and len(raws) >= 2:
                    flags, data = encode_multi(ctype, raws)
                    tagged[cid] = (flags, data)
                    irow[c["name"]] = binascii.hexlify(data)       # impacket: raw hex
                    cells.append("; ".join(esedbexport_spelling(ctype, cp, r) for r in raws)
                                 if ctype in TEXT_TYPES and not flags & TAG_TWO_VALUES
                                 else "")                          # A4
                elif ctype in LONG_TYPES and len(raws[0]) > SEPARATED_FROM:
                    lid = struct.pack("<I", 0x100 + len(cells_rows))
                    tagged[cid] = (TAG_SEPARATED, lid)
                    irow[c["name"]] = binascii.hexlify(lid)        # A2: the LID
                    cells.append("")                               # A2: empty cell
                else:
                    if cid >= 256:
                        tagged[cid] = (0, raws[0])
                    irow[c["name"]] = impacket_spelling(ctype, cp, raws[0])
                    cells.append(esedbexport_spelling(ctype, cp, raws[0]))
            it.rows.append(irow)
            it.tagged.append(tagged)
            it.last_fixed.append(last_fixed)
            it.fixed_null.append(fixed_null)
            it.present.append(present)
            cells_rows.append(cells)
        imp[t["name"]] = it
        exp[t["name"]] = ([c["name"] for c in cols], cells_rows)
    dump = {"tables": [{"name": t["name"], "indexes": t["indexes"], "rows": t["rows"],
                        "columns": [{"name": c["name"], "type": c["type"], "id": c["id"]}
                                    for c in t["columns"]]} for t in expected["tables"]]}
    return imp, exp, copy.deepcopy(dump)


def genuine_files_agree(data_dir, work, expect):
    """The comparison, with real readers, on the genuine Windows-made files."""
    import glob
    import gzip
    for gz in sorted(glob.glob(os.path.join(data_dir, "*.edb.gz"))):
        name = os.path.basename(gz)[:-len(".edb.gz")]
        folder = os.path.join(work, "genuine-" + name)
        os.makedirs(folder)
        edb = os.path.join(folder, name + ".edb")
        with gzip.open(gz, "rb") as src, open(edb, "wb") as dst:
            shutil.copyfileobj(src, dst)
        with open(os.path.join(data_dir, "expected", name + ".json"), encoding="utf-8") as f:
            expected = json.load(f)
        imp = ese_readers.impacket_read(edb)
        exp = ese_readers.esedbexport_read(edb, folder)
        for t in expected["tables"]:            # the writer's extra column facts
            cps = {cid: cp for cid, _, _, cp in imp[t["name"]].columns}
            for c in t["columns"]:
                c["cp"] = cps.get(c["id"], 0)
                c["multi"] = any(isinstance(r.get(c["name"]), list) for r in t["rows"])
        report = compare_written(edb, expected, imp, exp, copy.deepcopy(expected))
        print(report.text())
        expect("genuine %s.edb: real readers agree with its expected contents (%d cells)"
               % (name, report.compared["impacket"] + report.compared["esedbexport"]),
               report.ok() and report.compared["impacket"] > 0
               and report.compared["esedbexport"] > 0)


def self_test(writer, scratch, data_dir=None):
    work = os.path.join(os.path.abspath(scratch), "written_db_self_test")
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    edb, expected = run_writer(writer, work, ["--expected-only"])
    if expected is None:
        return 1
    failures = []

    def expect(what, ok):
        print("%s: %s" % ("ok" if ok else "FAILED", what))
        if not ok:
            failures.append(what)

    # The written data covers what the issue asks for.
    sample = next(t for t in expected["tables"] if t["name"] == "Sample")
    types = {c["type"] for c in sample["columns"]}
    expect("Sample has all 16 column types", len(types) == 16)
    expect("Sample has 3000 rows in key order",
           [r["Id"] for r in sample["rows"]] == list(range(1, 3001)))
    kinds = {("fixed" if c["id"] <= 127 else "variable" if c["id"] <= 255 else "tagged")
             for c in sample["columns"]}
    expect("fixed, variable and tagged columns", kinds == {"fixed", "variable", "tagged"})
    multi = [c["name"] for c in sample["columns"] if c["multi"]]
    expect("two multi-valued columns holding 0..3 values", len(multi) == 2 and all(
        {len(r[m]) if r[m] else 0 for r in sample["rows"]} == {0, 1, 2, 3} for m in multi))
    cps = {c["cp"] for c in sample["columns"] if c["type"] in TEXT_TYPES}
    expect("text in code pages 1252 and 1200", cps == {1252, 1200})
    big = sum(1 for r in sample["rows"] for c in sample["columns"]
              if c["type"] in LONG_TYPES and r[c["name"]] is not None
              and len(raw_value(c["type"], c["cp"], r[c["name"]])) > 4096)
    expect("long values over 4 KiB (%d)" % big, big >= 50)
    nulls = {c["name"] for r in sample["rows"] for c in sample["columns"]
             if r[c["name"]] is None}
    expect("NULLs in every column but Id", nulls == {c["name"] for c in sample["columns"]} - {"Id"})

    # The comparison passes on faithful readers, counting what they skip.
    imp, exp, dump = fake_readers(expected)
    report = compare_written(edb, expected, imp, exp, dump)
    expect("faithful fake readers agree and reach the minimum", check(report, expected))
    need = minimum_comparable(expected)
    total = sum(len(t["rows"]) * len(t["columns"]) for t in expected["tables"])
    expect("jetctl compared all %d cells" % total, report.compared["jetctl"] == total)
    expect("skips are only A1, A2, A4, A5", {r[:2] for _, r in report.skips} <= {"A1", "A2", "A4", "A5"})

    # A changed cell in any reader is a disagreement.
    i = 41
    imp2, exp2, dump2 = fake_readers(expected)
    imp2["Sample"].rows[i]["VarBinary"] = b"00"
    expect("a wrong impacket cell fails", not compare_written(edb, expected, imp2, exp, dump).ok())
    col = [c["name"] for c in sorted(sample["columns"], key=lambda c: c["id"])].index("Long")
    exp2["Sample"][1][i][col] = "12345"
    expect("a wrong esedbexport cell fails",
           not compare_written(edb, expected, imp, exp2, dump).ok())
    dump2["tables"][0]["rows"][i]["VarUnicode"] = "x"
    expect("a wrong jetctl cell fails", not compare_written(edb, expected, imp, exp, dump2).ok())
    imp3, exp3, _ = fake_readers(expected)
    imp3["Sample"].rows[7]["MultiLong"] = imp3["Sample"].rows[3]["MultiLong"]
    expect("a wrong multi-value fails", not compare_written(edb, expected, imp3, exp, dump).ok())

    # Allowances that eat cells beyond the guaranteed ones fail the minimum.
    imp4, _, _ = fake_readers(expected)
    for k, row in enumerate(imp4["Sample"].rows):
        for cid, (flags, data) in list(imp4["Sample"].tagged[k].items()):
            imp4["Sample"].tagged[k][cid] = (flags | TAG_COMPRESSED, data)
            name = next(c[1] for c in imp4["Sample"].columns if c[0] == cid)
            row[name] = None
    r4 = compare_written(edb, expected, imp4, exp, dump)
    expect("compressed-looking values (A3) everywhere: below the minimum",
           r4.ok() and r4.compared["impacket"] < need["impacket"] and not check(r4, expected))

    if data_dir is not None:
        genuine_files_agree(data_dir, work, expect)

    if failures:
        print("\nself-test FAILED: %s" % "; ".join(failures))
        return 1
    print("\nself-test passed")
    return 0


# --------------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    if len(args) in (3, 4) and args[0] == "--self-test":
        return self_test(*args[1:])
    if len(args) != 3:
        print(__doc__)
        return 2
    writer, jetctl, scratch = args
    missing = []
    if shutil.which("esedbexport") is None:
        missing.append("esedbexport (Debian package libesedb-utils)")
    try:
        import impacket.ese  # noqa: F401
    except ImportError:
        missing.append("impacket.ese for %s (Debian package python3-impacket)" % sys.executable)
    if missing:
        print("missing third-party reader(s): " + "; ".join(missing))
        return 1
    work = os.path.join(os.path.abspath(scratch), "written_db")
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    edb, expected = run_writer(writer, work, [])
    if expected is None:
        return 1
    print(ese_readers.NORMALISATIONS)
    try:
        imp = ese_readers.impacket_read(edb)
        exp = ese_readers.esedbexport_read(edb, work)
        dump = ese_readers.jetctl_dump(jetctl, edb)
    except Exception as e:  # a reader failed outright
        print("ERROR %s: %s" % (type(e).__name__, e))
        return 1
    if not check(compare_written(edb, expected, imp, exp, dump), expected):
        print("\nthe readers do not read back what the engine wrote")
        return 1
    print("\nesedbexport, impacket and jetctl read back what the engine wrote")
    return 0


if __name__ == "__main__":
    sys.exit(main())
