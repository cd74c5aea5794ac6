"""esedbinfo, esedbexport and impacket read the catalog of a database our
engine created (catalog_make_db.c, esent.h only): the tables, their columns
(names, ids, types) and indexes are what the program asked for.

Usage: catalog_readers.py CATALOG_MAKE_DB SCRATCH_DIR
Runs under /usr/bin/python3 (Debian's python3-impacket).
"""
import os
import re
import shutil
import subprocess
import sys

# (name, id, JET_coltyp) per table, as catalog_make_db.c makes them.
EXPECTED = {
    "everything": [
        ("Id", 1, 4), ("Flag", 2, 1), ("Byte", 3, 2), ("Short", 4, 3), ("Money", 5, 5),
        ("Single", 6, 6), ("Double", 7, 7), ("When", 8, 8), ("ULong", 9, 14),
        ("LongLong", 10, 15), ("Guid", 11, 16), ("UShort", 12, 17), ("Name", 128, 10),
        ("Blob", 129, 9), ("Notes", 256, 12), ("Image", 257, 11), ("Tags", 258, 10),
    ],
    "later": [("Key", 1, 4), ("Payload", 256, 11)],
}
EXPECTED_INDEXES = {"everything": ["PrimaryKey", "ByNameWhen"], "later": ["ByKey"]}
SYSTEM = {"MSysObjects", "MSysObjectsShadow"}


def fail(problems, text):
    problems.append(text)


def check_esedbinfo(path, problems):
    out = subprocess.run(["esedbinfo", "-v", path], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        fail(problems, "esedbinfo failed: " + out.stderr)
        return
    tables = {}
    indexes = {}
    current = None
    for line in out.stdout.splitlines():
        m = re.match(r"^Table: \d+\t+(\S+) \((\d+)\)", line)
        if m:
            current = m.group(1)
            tables[current] = []
            indexes[current] = []
            continue
        m = re.match(r"^\t(\d+)\t(\d+)\t(\S+)\t", line)
        if m and current is not None:
            tables[current].append((m.group(3), int(m.group(2))))
            continue
        m = re.match(r"^\tIndex: \d+\t+(\S+) \(\d+\)", line)
        if m and current is not None:
            indexes[current].append(m.group(1))
    if set(tables) != set(EXPECTED) | SYSTEM:
        fail(problems, "esedbinfo tables: %s" % sorted(tables))
    for name, columns in EXPECTED.items():
        got = tables.get(name, [])
        want = [(c, i) for c, i, _ in columns]
        if got != want:
            fail(problems, "esedbinfo columns of %s: %s, want %s" % (name, got, want))
        if indexes.get(name) != EXPECTED_INDEXES[name]:
            fail(problems, "esedbinfo indexes of %s: %s" % (name, indexes.get(name)))
    if indexes.get("MSysObjects") != ["Id", "Name", "RootObjects"]:
        fail(problems, "esedbinfo MSysObjects indexes: %s" % indexes.get("MSysObjects"))


def check_esedbexport(path, scratch, problems):
    target = os.path.join(scratch, "export")
    shutil.rmtree(target + ".export", ignore_errors=True)
    out = subprocess.run(["esedbexport", "-t", target, path], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        fail(problems, "esedbexport failed: " + out.stderr)
        return
    files = os.listdir(target + ".export")
    for name, columns in EXPECTED.items():
        match = [f for f in files if f.startswith(name + ".")]
        if len(match) != 1:
            fail(problems, "esedbexport: no file for %s in %s" % (name, files))
            continue
        with open(os.path.join(target + ".export", match[0]), encoding="utf-8",
                  errors="replace") as f:
            header = f.readline().rstrip("\n").split("\t")
            rest = f.read()
        if header != [c for c, _, _ in columns]:
            fail(problems, "esedbexport header of %s: %s" % (name, header))
        if rest.strip():
            fail(problems, "esedbexport: %s should have no records" % name)


def check_impacket(path, problems):
    from impacket import ese  # Debian's python3-impacket
    db = ese.ESENT_DB(path)
    try:
        tables = {k.decode() if isinstance(k, bytes) else k: v for k, v in db._ESENT_DB__tables.items()}
        if set(tables) != set(EXPECTED) | SYSTEM:
            fail(problems, "impacket tables: %s" % sorted(tables))
        for name, columns in EXPECTED.items():
            info = tables.get(name)
            if info is None:
                continue
            got = []
            for cname, record in info["Columns"].items():
                cname = cname.decode() if isinstance(cname, bytes) else cname
                got.append((cname, record["Record"]["Identifier"], record["Record"]["ColumnType"]))
            got.sort(key=lambda c: c[1])
            if got != columns:
                fail(problems, "impacket columns of %s: %s, want %s" % (name, got, columns))
            got_indexes = [k.decode() if isinstance(k, bytes) else k for k in info["Indexes"]]
            if sorted(got_indexes) != sorted(EXPECTED_INDEXES[name]):
                fail(problems, "impacket indexes of %s: %s" % (name, got_indexes))
            cursor = db.openTable(name.encode())
            if db.getNextRow(cursor) is not None:
                fail(problems, "impacket: %s should have no records" % name)
    finally:
        db.close()


def main():
    maker, scratch = sys.argv[1], sys.argv[2]
    os.makedirs(scratch, exist_ok=True)
    path = os.path.join(scratch, "catalog_made.edb")
    made = subprocess.run([maker, path], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        print("catalog_make_db failed:\n" + made.stderr)
        return 1
    problems = []
    check_esedbinfo(path, problems)
    check_esedbexport(path, scratch, problems)
    check_impacket(path, problems)
    for p in problems:
        print("PROBLEM:", p)
    print("catalog readers: %d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
