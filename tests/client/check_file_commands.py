#!/usr/bin/python3
"""ctest driver for `jetctl file ...` (tests/client/CMakeLists.txt).

  check_file_commands.py dump JETCTL DB.edb EXPECTED.json [--default-ok T.C]...
      runs `jetctl file dump` and compares with compare_dump.py's rules
  check_file_commands.py header JETCTL DB.edb
      `jetctl file header` succeeds and names the state and page size
  check_file_commands.py missing JETCTL
      both commands fail on a missing file, naming JET_errFileNotFound
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(args):
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=120)


def main():
    mode, jetctl = sys.argv[1], sys.argv[2]
    if mode == "dump":
        db, expected, extra = sys.argv[3], sys.argv[4], sys.argv[5:]
        r = run([jetctl, "file", "dump", db])
        if r.returncode != 0:
            sys.exit("jetctl file dump failed (%d): %s" % (r.returncode, r.stderr))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                         encoding="utf-8") as f:
            f.write(r.stdout)
            actual = f.name
        try:
            c = run([sys.executable, os.path.join(HERE, "compare_dump.py")] + extra +
                    [actual, expected])
            print(c.stdout + c.stderr)
            sys.exit(c.returncode)
        finally:
            os.unlink(actual)
    if mode == "header":
        r = run([jetctl, "file", "header", sys.argv[3]])
        print(r.stdout + r.stderr)
        if r.returncode != 0:
            sys.exit("jetctl file header failed")
        for want in ("State: Clean Shutdown", "cbDbPage: 4096", "Format ulVersion: 0x620,20"):
            if want not in r.stdout:
                sys.exit("missing %r" % want)
        return
    if mode == "missing":
        missing = os.path.join(tempfile.gettempdir(), "jetctl-no-such-file.edb")
        for cmd in ("header", "dump"):
            r = run([jetctl, "file", cmd, missing])
            print(cmd, r.returncode, r.stderr)
            if r.returncode == 0 or "JET_errFileNotFound" not in r.stderr or "-1811" not in r.stderr:
                sys.exit("jetctl file %s on a missing file: exit %d, %r" %
                         (cmd, r.returncode, r.stderr))
        return
    sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
