"""Compare our reader (`jetctl file dump`) with two third-party ESE readers.

Reusable by any test that has an EDB file and a jetctl binary:

    import ese_readers
    report = ese_readers.compare_database(jetctl, "x.edb", workdir)
    print(report.text())
    ok = report.ok()

The third-party readers (Debian 12 packages, run under /usr/bin/python3):
  * esedbexport (libesedb-utils 20181229): `esedbexport -t OUT FILE` writes
    OUT.export/<Table>.<n>, one tab-separated file per table, header line first.
  * impacket.ese.ESENT_DB (python3-impacket 0.10.0).

Neither reader is complete, and each prints values its own way. Every
normalisation and every allowance is listed in NORMALISATIONS (printed by
readers_agree.py) and marked with its number where it is applied. An
allowance never makes a value "equal": it makes a cell "not comparable by that
reader", counted per reason in the report, and only where the record itself
shows the case (null bit set, value separated/compressed/multi-valued, column
absent from the record) and, for most esedbexport allowances, where its
output also shows the limitation (e.g. an empty cell for a separated long
value: if libesedb is fixed, the cell is compared again). Anything else that
differs is a disagreement and fails the report.

To know which limitation applies to a cell, the report needs to know how the
value is stored in the record (separated long value, compressed, multi-valued).
That comes from the raw record bytes impacket hands to its own record decoder
(`raw_tagged_flags`, a ~40-line walk of the TAGFLD array), never from our engine.
"""
import binascii
import datetime
import json
import os
import re
import shutil
import struct
import subprocess
import uuid

NORMALISATIONS = """\
Normalisations (how each reader's spelling is mapped to one canonical value):
 N1 jetctl: a column missing from a row is NULL (same as an explicit null).
 N2 Bit: impacket returns the raw byte (0 or 255), esedbexport prints
    "false"/"true"; both become a boolean (non-zero = true).
 N3 Currency, LongLong, DateTime: impacket unpacks them as unsigned 64-bit;
    esedbexport prints Currency as unsigned 64-bit; both are taken modulo 2^64
    and compared with jetctl's signed value modulo 2^64.
 N4 DateTime: jetctl gives the raw 64-bit value; esedbexport treats it as a
    FILETIME and prints "(0xHIGH 0xLOW)" when that is no valid date, else
    "Mon DD, YYYY HH:MM:SS.nnnnnnnnn" (UTC); jetctl's value is printed the same way.
 N5 IEEESingle/IEEEDouble: jetctl gives {"float": repr}; impacket a Python float
    (a single widened to double); compared as IEEE bit patterns at the column's
    width (so -0.0 != 0.0 and NaN == NaN). esedbexport prints "%f" (6 decimals):
    jetctl's value is printed with "%f" and the strings compared.
 N6 GUID: jetctl prints the canonical string; impacket returns the 16 raw bytes,
    esedbexport prints them as hex; both are decoded as a little-endian GUID
    (uuid.UUID(bytes_le=...)), i.e. Windows' in-memory GUID layout.
 N7 Binary/LongBinary: jetctl gives {"hex": ...}; impacket gives hexlified
    bytes; esedbexport prints lowercase hex. All compared as lowercase hex.
 N8 Text/LongText: compared as Unicode strings (impacket decodes with the
    column's code page, esedbexport prints UTF-8).
 N9 esedbexport prints NULL and an empty value alike as an empty cell; an
    empty cell therefore matches jetctl's NULL, "" and {"hex": ""}.
 N10 impacket returns a multi-valued column's raw bytes (hex); they are split
    into values here (1-byte length prefix when the header byte has 0x10 "two
    values", else the array of u16 offsets with 0x8000 marking a separated
    value) and each value is decoded as a single value of the column's type.
 N11 esedbexport joins the values of a multi-valued text column with "; ".
 N12 esedbexport rows are re-assembled when a value contains a TAB or LF
    (a new row starts at a line whose first cell is an integer, as the first
    column of every table here is); when a row then has too many cells, only
    the cells left of the first and right of the last cell that could hold
    such bytes are compared (see A4).
 N13 esedbexport prints a fixed-size (column id <= 127) Text column as an 8-bit
    string whatever its code page: for code page 1200 (UTF-16) that is the
    UTF-16LE bytes up to the first NUL byte (usually just the first letter).
    jetctl's value is encoded as UTF-16LE and cut the same way.
 N14 A UTF-16 value of odd length (a fixed column of odd width, e.g. 255
    bytes): impacket decodes with errors="replace", so the lone last byte
    becomes U+FFFD; jetctl (like the reader behind expected/*.json) completes
    it with a zero high byte (0x20 -> " "). For code page 1200, when impacket's
    value ends in U+FFFD and jetctl's in a character below U+0100, impacket's
    last character is taken to be jetctl's.
Allowances (cells not comparable by one reader; counted in the report):
 A1 NULL fixed column (both readers): impacket and esedbexport 20181229 ignore
    the record's null bitmap and return the column's filler bytes. Excused only
    where jetctl says NULL and the record's null bit is set (fixed_null_ids).
 A2 Separated long value (both readers): impacket returns the 4-byte LID
    itself; esedbexport 20181229 prints an empty cell (libesedb bug: long-value
    keys never match; fixed upstream after 20181229).
 A3 Compressed value (7-bit/Xpress; both readers): impacket returns None;
    esedbexport may print the compressed bytes.
 A4 Multi-valued, esedbexport: non-text multi-values print as an empty cell;
    separated values inside a text multi-value print their LID as text; a
    multi-value in the two-values form (header 0x10: exactly two values of a
    column that cannot hold long values, as ESE stores them on pages up to
    8 KiB) prints as an empty cell whatever its type (libesedb 20181229
    skips the 0x10 form: "TODO handle 0x10 flag").
 A5 IEEESingle, esedbexport: prints 0.000000 for every value (libesedb 20181229).
 A6 Default value: ESE (and jetctl through JetRetrieveColumn) returns the
    column's default when the record does not hold the column; the third-party
    readers return NULL. Accepted only where the record does not hold the
    column (present_ids) and jetctl's value equals the default stored in the
    catalog (MSysObjects.DefaultValue, read by impacket).
 A7 Characters outside the BMP (UTF-16 surrogate pairs), esedbexport: it
    prints a different character (U+1F98A comes out as U+1F58B). When a text
    cell differs only there, it is compared with every non-BMP character of
    both values replaced by one placeholder, and counted under A7.
"""

TYPE_NAMES = {1: "Bit", 2: "UnsignedByte", 3: "Short", 4: "Long", 5: "Currency",
              6: "IEEESingle", 7: "IEEEDouble", 8: "DateTime", 9: "Binary", 10: "Text",
              11: "LongBinary", 12: "LongText", 14: "UnsignedLong", 15: "LongLong",
              16: "GUID", 17: "UnsignedShort"}
INT_FORMATS = {"UnsignedByte": "<B", "Short": "<h", "Long": "<i", "Currency": "<q",
               "DateTime": "<q", "UnsignedLong": "<I", "LongLong": "<q", "UnsignedShort": "<H"}
U64 = 1 << 64

TAG_COMPRESSED = 0x02
TAG_SEPARATED = 0x04
TAG_MULTI = 0x08
TAG_TWO_VALUES = 0x10


class Skip(Exception):
    """A cell one reader cannot read (an allowance); .reason is an A-number."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------
# Reader 1: ours.

def jetctl_dump(jetctl, edb):
    p = subprocess.run([jetctl, "file", "dump", edb], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("jetctl file dump %s: exit %d: %s"
                           % (edb, p.returncode, p.stderr.decode(errors="replace")))
    return json.loads(p.stdout.decode("utf-8"))


# --------------------------------------------------------------------------
# Reader 2: impacket.

def raw_tagged_flags(record, large_pages):
    """{column id: (header byte, value bytes)} of the tagged columns of one raw
    record (ESE's REC layout: u8 fidFixedLast, u8 fidVarLast, u16
    ibEndOfFixedData, fixed data + null bitmap, u16 var offsets with 0x8000 =
    NULL, var data, TAGFLD {u16 fid, u16 ib} array, tagged data). Used only to
    know how a value is stored; the values come from the readers."""
    if len(record) < 4:
        return {}
    last_var = record[1]
    ib_end_fixed = struct.unpack_from("<H", record, 2)[0]
    nvar = max(0, last_var - 127)
    var_end = 0
    if nvar:
        var_end = struct.unpack_from("<H", record, ib_end_fixed + 2 * (nvar - 1))[0] & 0x7fff
    start = ib_end_fixed + 2 * nvar + var_end
    area = record[start:]
    if len(area) < 4:
        return {}
    offset_mask = 0x7fff if large_pages else 0x1fff
    entries = []
    first = struct.unpack_from("<H", area, 2)[0] & offset_mask
    pos = 0
    while pos < first and pos + 4 <= len(area):
        fid, ib = struct.unpack_from("<HH", area, pos)
        entries.append((fid, ib & offset_mask, large_pages or bool(ib & 0x4000)))
        pos += 4
    out = {}
    for i, (fid, off, has_header) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < len(entries) else len(area)
        data = area[off:end]
        flags = 0
        if has_header and data:
            flags, data = data[0], data[1:]
        out[fid] = (flags, data)
    return out


def fixed_null_ids(record):
    """Column ids whose bit is set in the record's fixed-column null bitmap
    (ceil(fidFixedLast/8) bytes just before ibEndOfFixedData, bit id-1, LSB
    first). Used for A1: a reader that ignores the bitmap is excused only
    where the bitmap really says NULL."""
    if len(record) < 4 or record[0] == 0:
        return set()
    last_fixed = record[0]
    ib_end_fixed = struct.unpack_from("<H", record, 2)[0]
    nbytes = (last_fixed + 7) // 8
    bitmap = record[ib_end_fixed - nbytes:ib_end_fixed]
    return {fid for fid in range(1, last_fixed + 1)
            if (fid - 1) // 8 < len(bitmap) and bitmap[(fid - 1) // 8] >> ((fid - 1) % 8) & 1}


def present_ids(record, tagged):
    """Column ids a record holds: fixed 1..fidFixedLast, variable
    128..fidVarLast, and its tagged columns (A6: only a column absent from the
    record can take its default)."""
    if len(record) < 2:
        return set(tagged)
    return set(range(1, record[0] + 1)) | set(range(128, record[1] + 1)) | set(tagged)


def split_multi_value(flags, data):
    """[(bytes, separated)] of a multi-valued column's raw data (N10)."""
    if flags & TAG_TWO_VALUES:
        n = data[0]
        return [(data[1:1 + n], False), (data[1 + n:], False)]
    first = struct.unpack_from("<H", data, 0)[0] & 0x7fff
    offs = [struct.unpack_from("<H", data, 2 * i)[0] for i in range(first // 2)]
    out = []
    for i, o in enumerate(offs):
        end = (offs[i + 1] & 0x7fff) if i + 1 < len(offs) else len(data)
        out.append((data[o & 0x7fff:end], bool(o & 0x8000)))
    return out


class ImpacketTable:
    def __init__(self, name):
        self.name = name
        self.columns = []        # [(id, name, type name, codepage)]
        self.indexes = []        # index names, catalog order
        self.defaults = {}       # column name -> raw default bytes
        self.rows = []           # [{column name: impacket value}]
        self.tagged = []         # [{column id: (flags, raw bytes)}], per row
        self.last_fixed = []     # fidFixedLast per row
        self.fixed_null = []     # {column id} with the null bit set, per row
        self.present = []        # {column id} the record holds, per row


def impacket_read(edb):
    """{table name: ImpacketTable} for every table impacket lists."""
    from impacket import ese

    class Recording(ese.ESENT_DB):
        # getNextRow() calls self.__tagToRecord(cursor, raw record); keep the
        # raw record so the storage flags of its tagged values can be known.
        def _ESENT_DB__tagToRecord(self, cursor, tag, filter_tables=None):
            self.last_record = bytes(tag)
            return ese.ESENT_DB._ESENT_DB__tagToRecord(self, cursor, tag, filter_tables)

    db = Recording(edb)
    header = db._ESENT_DB__DBHeader
    large = header["PageSize"] > 8192
    tables = {}
    for raw_name, info in db._ESENT_DB__tables.items():
        name = raw_name.decode("utf-8") if isinstance(raw_name, bytes) else raw_name
        t = ImpacketTable(name)
        for cname, c in info["Columns"].items():
            rec = c["Record"]
            t.columns.append((rec["Identifier"], cname.decode("utf-8"),
                              TYPE_NAMES.get(rec["ColumnType"], str(rec["ColumnType"])),
                              rec["CodePage"]))
        t.columns.sort()
        t.indexes = [i.decode("utf-8") for i in info["Indexes"].keys()]
        tables[name] = t
    # Catalog defaults (A6).
    by_objid = {}
    cur = db.openTable("MSysObjects")
    catalog_rows = []
    while True:
        r = db.getNextRow(cur)
        if r is None:
            break
        catalog_rows.append(r)
    for r in catalog_rows:
        if r[b"Type"] == 1:
            by_objid[r[b"ObjidTable"]] = r[b"Name"]
    for r in catalog_rows:
        if r[b"Type"] == 2 and r[b"DefaultValue"] is not None:
            tname = by_objid.get(r[b"ObjidTable"])
            if tname in tables:
                tables[tname].defaults[r[b"Name"]] = binascii.unhexlify(r[b"DefaultValue"])
    for name, t in tables.items():
        if name.startswith("MSys"):
            continue
        cur = db.openTable(name)
        while True:
            r = db.getNextRow(cur)
            if r is None:
                break
            t.rows.append({k.decode("utf-8"): v for k, v in r.items()})
            t.tagged.append(raw_tagged_flags(db.last_record, large))
            t.last_fixed.append(db.last_record[0] if db.last_record else 0)
            t.fixed_null.append(fixed_null_ids(db.last_record))
            t.present.append(present_ids(db.last_record, t.tagged[-1]))
    return tables


# --------------------------------------------------------------------------
# Reader 3: esedbexport.

def esedbexport_read(edb, workdir):
    """{table name: (header cells, [row cells])}."""
    target = os.path.join(workdir, "esedbexport")
    if os.path.isdir(target + ".export"):
        shutil.rmtree(target + ".export")
    log = os.path.join(workdir, "esedbexport.log")
    p = subprocess.run(["esedbexport", "-l", log, "-t", target, edb], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("esedbexport %s: exit %d: %s"
                           % (edb, p.returncode, p.stdout.decode(errors="replace")))
    out = {}
    for f in sorted(os.listdir(target + ".export")):
        name = f.rsplit(".", 1)[0]
        with open(os.path.join(target + ".export", f), "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        header = lines[0].split("\t") if lines else []
        rows = []
        for line in lines[1:]:
            # N12: a row starts at a line whose first cell is an integer.
            if rows and not re.match(r"-?[0-9]+\t", line):
                rows[-1] += "\n" + line
            else:
                rows.append(line)
        out[name] = (header, [r.split("\t") for r in rows])
    return out


# --------------------------------------------------------------------------
# Canonical values.

def ours_canonical(ctype, v):
    """jetctl's JSON value -> canonical (N1-N8)."""
    if v is None:
        return None
    if isinstance(v, list):
        return [ours_canonical(ctype, x) for x in v]
    if ctype == "Bit":
        return bool(v)
    if ctype in INT_FORMATS:
        return v % U64 if ctype in ("Currency", "LongLong", "DateTime") else v
    if ctype in ("IEEESingle", "IEEEDouble"):
        return float_bits(ctype, float(v["float"]))
    if ctype == "GUID":
        return str(uuid.UUID(v))
    if ctype in ("Binary", "LongBinary"):
        return v["hex"].lower()
    return v


def float_bits(ctype, f):
    """N5: the IEEE bits at the column's width, with the value for the diff."""
    fmt = "<f" if ctype == "IEEESingle" else "<d"
    b = struct.pack(fmt, f)
    return "%s (%r)" % (b.hex(), struct.unpack(fmt, b)[0])


def bytes_canonical(ctype, b, codepage):
    """Raw stored bytes of one value -> canonical (for N10 and A6)."""
    if ctype == "Bit":
        return b[0] != 0
    if ctype in INT_FORMATS:
        v = struct.unpack(INT_FORMATS[ctype], b)[0]
        return v % U64 if ctype in ("Currency", "LongLong", "DateTime") else v
    if ctype in ("IEEESingle", "IEEEDouble"):
        return float_bits(ctype, struct.unpack("<f" if ctype == "IEEESingle" else "<d", b)[0])
    if ctype == "GUID":
        return str(uuid.UUID(bytes_le=bytes(b)))
    if ctype in ("Binary", "LongBinary"):
        return b.hex()
    return b.decode("utf-16-le" if codepage == 1200 else "cp1252")


def impacket_canonical(ctype, v):
    """impacket's decoded single value -> canonical (N2, N3, N5-N8)."""
    if v is None:
        return None
    if ctype == "Bit":
        return v != 0
    if ctype in ("Currency", "LongLong", "DateTime"):
        return v % U64
    if ctype in ("IEEESingle", "IEEEDouble"):
        return float_bits(ctype, v)
    if ctype == "GUID":
        return str(uuid.UUID(bytes_le=bytes(v)))
    if ctype in ("Binary", "LongBinary"):
        return v.decode("ascii").lower()
    return v


def filetime_text(v):
    """esedbexport's spelling of a FILETIME (N4)."""
    v %= U64
    try:
        t = datetime.datetime(1601, 1, 1) + datetime.timedelta(microseconds=v // 10)
        return "%s %02d, %04d %02d:%02d:%02d.%09d" % (
            t.strftime("%b"), t.day, t.year, t.hour, t.minute, t.second, (v % 10**7) * 100)
    except OverflowError:
        return None


def esedbexport_text(ctype, v):
    """jetctl's canonical single value spelled as esedbexport prints it."""
    if v is None:
        return ""
    if ctype == "Bit":
        return "true" if v else "false"
    if ctype == "Currency":
        return str(v)                                  # unsigned (N3)
    if ctype in ("LongLong",):
        return str(v - U64 if v >= 1 << 63 else v)
    if ctype == "DateTime":
        return None                                    # N4: see compare_esedbexport
    if ctype in INT_FORMATS:
        return str(v)
    if ctype in ("IEEESingle", "IEEEDouble"):
        fmt = "<f" if ctype == "IEEESingle" else "<d"
        return "%f" % struct.unpack(fmt, bytes.fromhex(v.split()[0]))[0]
    if ctype == "GUID":
        return uuid.UUID(v).bytes_le.hex()
    return v


# --------------------------------------------------------------------------
# Comparison.

class Report:
    def __init__(self, edb):
        self.edb = edb
        self.disagreements = []
        self.skips = {}
        self.compared = {"impacket": 0, "esedbexport": 0}

    def differ(self, where, reader, ours, theirs):
        self.disagreements.append("%s [%s]\n    jetctl:   %r\n    %-9s %r"
                                  % (where, reader, ours, reader + ":", theirs))

    def skip(self, reader, reason):
        key = (reader, reason)
        self.skips[key] = self.skips.get(key, 0) + 1

    def ok(self):
        return not self.disagreements

    def text(self):
        lines = ["%s: %d cells compared with impacket, %d with esedbexport"
                 % (os.path.basename(self.edb), self.compared["impacket"],
                    self.compared["esedbexport"])]
        for (reader, reason), n in sorted(self.skips.items()):
            lines.append("  not comparable by %s: %d cell(s), %s" % (reader, n, reason))
        for d in self.disagreements:
            lines.append("  DISAGREEMENT " + d)
        return "\n".join(lines)


def default_matches(it, cname, ctype, codepage, ours):
    """A6: jetctl's value is the catalog default of the column."""
    raw = it.defaults.get(cname)
    if raw is None or ours is None or isinstance(ours, list):
        return False
    return bytes_canonical(ctype, raw, codepage) == ours


def compare_impacket(report, table, it, ours_rows, columns):
    for i, orow in enumerate(ours_rows):
        if i >= len(it.rows):
            break
        irow, tagged = it.rows[i], it.tagged[i]
        for cid, cname, ctype, codepage in columns:
            where = "%s row %d (Id %r) column %s (%s)" % (table, i, orow.get("Id"), cname, ctype)
            ours = ours_canonical(ctype, orow.get(cname))
            try:
                theirs = impacket_value(ctype, codepage, irow.get(cname), tagged.get(cid),
                                        cid in it.fixed_null[i], ours)
            except Skip as s:
                report.skip("impacket", s.reason)
                continue
            if theirs is None and ours is not None and cid not in it.present[i] \
                    and default_matches(it, cname, ctype, codepage, ours):
                report.skip("impacket", "A6 default value")
                continue
            if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
                pairs = list(zip(ours, theirs))
                sep = [j for j, (_, t) in enumerate(pairs) if t is SEPARATED]
                if sep:
                    report.skip("impacket", "A2 separated long value (inside a multi-value)")
                ours = [o for j, (o, _) in enumerate(pairs) if j not in sep]
                theirs = [t for j, (_, t) in enumerate(pairs) if j not in sep]
            report.compared["impacket"] += 1
            if ours != theirs:
                report.differ(where, "impacket", ours, theirs)


SEPARATED = object()


def impacket_value(ctype, codepage, v, tag, null_bit, ours):
    if null_bit and ours is None:
        raise Skip("A1 NULL fixed column (null bitmap ignored)")
    if codepage == 1200 and isinstance(v, str) and v.endswith("\ufffd") \
            and isinstance(ours, str) and ours and ord(ours[-1]) < 0x100:
        v = v[:-1] + ours[-1]                          # N14
    if tag is None:
        return impacket_canonical(ctype, v)
    flags, data = tag
    if flags & TAG_COMPRESSED and v is None:
        raise Skip("A3 compressed value")
    if flags & TAG_MULTI:
        raw = binascii.unhexlify(v)                    # N10
        return [SEPARATED if sep else bytes_canonical(ctype, b, codepage)
                for b, sep in split_multi_value(flags, raw)]
    if flags & TAG_SEPARATED:
        raise Skip("A2 separated long value")
    return impacket_canonical(ctype, v)


def compare_esedbexport(report, table, header, rows, it, ours_rows, columns):
    names = [c[1] for c in columns]
    if header != names:
        report.differ("%s header" % table, "esedbexport", names, header)
        return
    n = len(names)
    for i, orow in enumerate(ours_rows):
        if i >= len(rows):
            break
        cells = rows[i]
        tagged = it.tagged[i] if i < len(it.tagged) else {}
        fixed_null = it.fixed_null[i] if i < len(it.fixed_null) else set()
        # Cells that can hold raw LID bytes (A4) may have broken the row (N12).
        risky = [k for k, (cid, _, _, _) in enumerate(columns)
                 if cid in tagged and tagged[cid][0] & TAG_MULTI]
        if len(cells) != n:
            if not risky:
                report.differ("%s row %d" % (table, i), "esedbexport",
                              "%d cells" % n, cells)
                continue
            left, right = risky[0], n - 1 - risky[-1]
            cells = (cells[:left] + [None] * (n - left - right)
                     + (cells[len(cells) - right:] if right else []))
            report.skip("esedbexport", "A4 multi-value broke the row (N12): %d cell(s) unread"
                        % (n - left - right))
        for k, (cid, cname, ctype, codepage) in enumerate(columns):
            cell = cells[k]
            if cell is None:
                continue
            where = "%s row %d (Id %r) column %s (%s)" % (table, i, orow.get("Id"), cname, ctype)
            ours = ours_canonical(ctype, orow.get(cname))
            tag = tagged.get(cid)
            flags = tag[0] if tag else 0
            if cid in fixed_null and ours is None:
                report.skip("esedbexport", "A1 NULL fixed column (null bitmap ignored)")
                continue
            if flags & TAG_MULTI:
                if flags & TAG_TWO_VALUES and cell == "":
                    report.skip("esedbexport", "A4 two-values multi-value printed empty")
                    continue
                if ctype not in ("Text", "LongText"):
                    if cell == "":
                        report.skip("esedbexport", "A4 non-text multi-value printed empty")
                        continue
                elif any(sep for _, sep in split_multi_value(flags, tag[1])):
                    report.skip("esedbexport", "A4 separated value inside a text multi-value")
                    continue
                want = "; ".join(ours) if isinstance(ours, list) else ours   # N11
            elif flags & TAG_SEPARATED and cell == "":
                report.skip("esedbexport", "A2 separated long value")
                continue
            elif flags & TAG_COMPRESSED and not isinstance(ours, list) \
                    and cell != esedbexport_text(ctype, ours):
                report.skip("esedbexport", "A3 compressed value")
                continue
            elif ctype == "DateTime" and ours is not None:
                high, low = ours >> 32, ours & 0xffffffff
                want = "(0x%08x 0x%08x)" % (high, low)
                if cell != want and filetime_text(ours) is not None:
                    want = filetime_text(ours)
            elif ctype == "Text" and cid <= 127 and codepage == 1200 and ours is not None:
                want = ours.encode("utf-16-le").split(b"\0")[0].decode("latin-1")   # N13
            else:
                want = esedbexport_text(ctype, ours)
            present = it.present[i] if i < len(it.present) else set()
            if ours is not None and cell == "" and cid not in present and \
                    default_matches(it, cname, ctype, codepage, ours):
                report.skip("esedbexport", "A6 default value")
                continue
            if ctype == "IEEESingle" and cell == "0.000000" and want != cell:
                report.skip("esedbexport", "A5 IEEESingle printed as 0.000000")
                continue
            if isinstance(want, str) and cell != want and mask_non_bmp(cell) == mask_non_bmp(want):
                report.skip("esedbexport", "A7 non-BMP characters masked")
                continue
            report.compared["esedbexport"] += 1
            if cell != want:
                report.differ(where, "esedbexport", want, cell)


def mask_non_bmp(text):
    return re.sub("[\U00010000-\U0010ffff]", "\u2426", text)


def compare_database(jetctl, edb, workdir):
    """Reads EDB with all three readers and returns a Report."""
    os.makedirs(workdir, exist_ok=True)
    report = Report(edb)
    ours = jetctl_dump(jetctl, edb)
    imp = impacket_read(edb)
    exp = esedbexport_read(edb, workdir)

    ours_names = [t["name"] for t in ours["tables"]]
    imp_names = sorted(n for n in imp if not n.startswith("MSys"))
    exp_names = sorted(n for n in exp if not n.startswith("MSys"))
    if sorted(ours_names) != imp_names:
        report.differ("user tables", "impacket", sorted(ours_names), imp_names)
    if sorted(ours_names) != exp_names:
        report.differ("user tables", "esedbexport", sorted(ours_names), exp_names)

    for t in ours["tables"]:
        name = t["name"]
        it = imp.get(name)
        if it is None:
            continue
        ours_cols = sorted((c["id"], c["name"], c["type"]) for c in t["columns"])
        imp_cols = [(cid, cname, ctype) for cid, cname, ctype, _ in it.columns]
        if ours_cols != imp_cols:
            report.differ("%s columns (id, name, type)" % name, "impacket", ours_cols, imp_cols)
            continue
        if sorted(t["indexes"]) != sorted(it.indexes):
            report.differ("%s indexes" % name, "impacket", sorted(t["indexes"]), sorted(it.indexes))
        columns = it.columns
        if len(t["rows"]) != len(it.rows):
            report.differ("%s row count" % name, "impacket", len(t["rows"]), len(it.rows))
        compare_impacket(report, name, it, t["rows"], columns)
        if name in exp:
            header, rows = exp[name]
            if len(t["rows"]) != len(rows):
                report.differ("%s row count" % name, "esedbexport", len(t["rows"]), len(rows))
            compare_esedbexport(report, name, header, rows, it, t["rows"], columns)
    return report
