#!/usr/bin/python3
"""Third-party ESE readers agree with ours on the genuine Windows-made files.

usage: readers_agree.py JETCTL DATA_DIR SCRATCH_DIR

For each DATA_DIR/*.edb.gz (tests/data/windows-edb: six databases made by
Microsoft's engine), decompresses it into SCRATCH_DIR and compares
`jetctl file dump` with esedbexport (libesedb-utils) and impacket.ese, cell by
cell, through ese_readers.compare_database (its docstring and NORMALISATIONS
list every normalisation and every allowance). Exits 1 on any disagreement,
printing each one with both values.
"""
import glob
import gzip
import os
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ese_readers  # noqa: E402


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    jetctl, data_dir, scratch = sys.argv[1:]
    root = os.path.join(os.path.abspath(scratch), "readers_agree")
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)
    # The readers are required (scripts/install-deps.sh test installs them).
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
    files = sorted(glob.glob(os.path.join(data_dir, "*.edb.gz")))
    if len(files) != 6:
        print("expected the six genuine databases in %s, found %d" % (data_dir, len(files)))
        return 1
    print(ese_readers.NORMALISATIONS)
    failed = []
    for gz in files:
        name = os.path.basename(gz)[:-len(".edb.gz")]
        work = os.path.join(root, name)
        os.makedirs(work)
        edb = os.path.join(work, name + ".edb")
        with gzip.open(gz, "rb") as src, open(edb, "wb") as dst:
            shutil.copyfileobj(src, dst)
        try:
            report = ese_readers.compare_database(jetctl, edb, work)
        except Exception as e:  # a reader failed outright
            print("%s: ERROR %s: %s" % (name, type(e).__name__, e))
            failed.append(name)
            continue
        print(report.text())
        if not report.ok():
            failed.append(name)
    if failed:
        print("\nreaders disagree on: %s" % ", ".join(failed))
        return 1
    print("\nall readers agree on %d databases" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
