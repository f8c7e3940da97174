#!/usr/bin/python3
"""Generate the DICOM data dictionary of roentgen-dicom-core from pydicom's transcription.

Reads pydicom's _dicom_dict.py (PS3.6 sections 6, 7 and 8: data elements, command elements,
file meta elements) and _uid_dict.py (PS3.6 table A-1: UIDs) by loading those two files on
their own (the rest of pydicom is never imported), and writes into
src/main/java/org/roentgen/dicom/data:

  Tag.java                    int constant per data element keyword
  UID.java                    String constant per UID keyword
  ElementDictionaryData.java  data elements, packed one line per entry in String chunks
  UidDictionaryData.java      UIDs, packed the same way

The output is deterministic (no timestamps), so regenerating from the same sources yields no
diff. Run with the Debian python3 that has python3-pydicom installed:

  /usr/bin/python3 libs/dicom/core/gen/generate_dictionary.py [--pydicom-dir DIR] [--out DIR]
"""

import argparse
import hashlib
import importlib.util
import pathlib
import re
import sys

DEFAULT_PYDICOM_DIR = "/usr/lib/python3/dist-packages/pydicom"
SCRIPT_DIR = pathlib.Path(__file__).resolve().parent
DEFAULT_OUT = SCRIPT_DIR.parent / "src/main/java/org/roentgen/dicom/data"
SCRIPT_NAME = "libs/dicom/core/gen/generate_dictionary.py"
PACKAGE = "org.roentgen.dicom.data"

# Entries per packed String chunk. A compile-time String constant is limited to 65535 bytes of
# modified UTF-8 in the class file; 400 entries stay near 30 KiB.
CHUNK_SIZE = 400
MAX_CONSTANT_BYTES = 65535

# The VRs of PS3.5 table 6.2-1, as VR.java declares them.
KNOWN_VRS = {
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
    "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
    "UR", "US", "UT", "UV",
}
# pydicom writes NONE for the item and delimitation tags, which have no VR (PS3.5 7.5).
NO_VR = "NONE"

# PS3.6 table A-1 "UID Type" values, as UidType.java declares them. A new value in a newer
# edition must be added to UidType.java and here.
KNOWN_UID_TYPES = {
    "Application Context Name", "Application Hosting Model", "Coding Scheme",
    "DICOM UIDs as a Coding Scheme", "LDAP OID", "Mapping Resource", "Meta SOP Class",
    "Service Class", "SOP Class", "Synchronization Frame of Reference", "Transfer Syntax",
    "Well-known frame of reference", "Well-known Print Queue SOP Instance",
    "Well-known Printer SOP Instance", "Well-known SOP Instance",
}

JAVA_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TAG_PATTERN = re.compile(r"^[0-9A-Fa-fx]{8}$")
VM_PATTERN = re.compile(r"^[0-9]+(-([0-9]*n|[0-9]+))?$")
FIELD_SEPARATOR = "|"
RETIRED_FLAG = "RET"


def fail(message):
    sys.exit("generate_dictionary.py: " + message)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pydicom_version(pydicom_dir):
    text = (pydicom_dir / "_version.py").read_text(encoding="utf-8")
    match = re.search(r"__version__\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", text)
    if not match:
        fail("cannot find __version__ in " + str(pydicom_dir / "_version.py"))
    return match.group(1)


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_field(value, what):
    """Fields are packed with | and newline separators and live inside Java string literals."""
    if any(c in value for c in "|\n\r\\\""):
        fail(f"{what} {value!r} contains a separator, quote or backslash")
    if any(ord(c) < 0x20 or ord(c) > 0x7E for c in value):
        fail(f"{what} {value!r} is not printable ASCII")


class Element:
    def __init__(self, pattern, vr, vm, name, retired, keyword):
        if not TAG_PATTERN.match(pattern):
            fail(f"bad tag pattern {pattern!r}")
        self.pattern = pattern.upper().replace("X", "x")
        # The pattern with x as 0; the first tag it stands for is set by first_instance().
        self.base = int(self.pattern.replace("x", "0"), 16)
        self.mask = int("".join("0" if c == "x" else "F" for c in self.pattern), 16)
        self.tag = self.base
        self.repeating = "x" in self.pattern
        vrs = [] if vr == NO_VR else vr.split(" or ")
        for v in vrs:
            if v not in KNOWN_VRS:
                fail(f"unknown VR {v!r} in {pattern}")
        if not VM_PATTERN.match(vm):
            fail(f"bad VM {vm!r} in {pattern}")
        if keyword and not JAVA_IDENTIFIER.match(keyword):
            fail(f"keyword {keyword!r} of {pattern} is not a Java identifier")
        if retired not in ("", "Retired"):
            fail(f"bad retired flag {retired!r} in {pattern}")
        for field, what in ((name, "name"), (keyword, "keyword")):
            check_field(field, what)
        self.vr = vr
        self.vrs = vrs
        self.vm = vm
        self.name = name
        self.retired = retired == "Retired"
        self.keyword = keyword

    def packed(self):
        return FIELD_SEPARATOR.join(
            [self.pattern, " or ".join(self.vrs), self.vm,
             RETIRED_FLAG if self.retired else "", self.keyword, self.name])

    def display_tag(self):
        return f"({self.pattern[:4]},{self.pattern[4:]})"


class Uid:
    def __init__(self, uid, name, uid_type, retired, keyword):
        if not re.match(r"^[0-9]+(\.[0-9]+)*$", uid):
            fail(f"bad UID {uid!r}")
        if uid_type not in KNOWN_UID_TYPES:
            fail(f"UID {uid} has type {uid_type!r}, unknown to UidType.java: add it there and "
                 "to KNOWN_UID_TYPES")
        if keyword and not JAVA_IDENTIFIER.match(keyword):
            fail(f"UID keyword {keyword!r} is not a Java identifier")
        if retired not in ("", "Retired"):
            fail(f"bad retired flag {retired!r} for {uid}")
        for field, what in ((name, "name"), (keyword, "keyword")):
            check_field(field, what)
        self.uid = uid
        self.name = name
        self.type = uid_type
        self.retired = retired == "Retired"
        self.keyword = keyword

    def packed(self):
        return FIELD_SEPARATOR.join(
            [self.uid, self.type, RETIRED_FLAG if self.retired else "", self.keyword, self.name])


def read_elements(module):
    elements = []
    for tag, (vr, vm, name, retired, keyword) in module.DicomDictionary.items():
        elements.append(Element(f"{tag:08X}", vr, vm, name, retired, keyword))
    for pattern, (vr, vm, name, retired, keyword) in module.RepeatersDictionary.items():
        elements.append(Element(pattern, vr, vm, name, retired, keyword))
    elements.sort(key=lambda e: (e.base, e.pattern))
    exact_tags = {e.base for e in elements if not e.repeating}
    patterns = [e for e in elements if e.repeating]
    for i, a in enumerate(patterns):
        for b in patterns[i + 1:]:
            common = a.mask & b.mask
            if a.base & common == b.base & common:
                # ElementDictionary.java tries the masks in any order.
                fail(f"repeating patterns {a.pattern} and {b.pattern} overlap")
    for e in elements:
        if e.repeating:
            e.tag = first_instance(e, exact_tags)
    seen = {}
    for e in elements:
        if e.keyword:
            if e.keyword in seen:
                fail(f"keyword {e.keyword} used by {seen[e.keyword]} and {e.pattern}")
            seen[e.keyword] = e.pattern
    return elements


def first_instance(element, exact_tags):
    """The smallest tag a repeating pattern stands for that is not claimed otherwise.

    Skips tags of an exact entry ((0028,0400) is Transform Label, not an instance of
    (0028,04x0)), group lengths (gggg,0000) and odd (private) groups. ElementDictionary.java
    applies the same rule at run time; ElementDictionaryTest checks that both agree.
    """
    free = ~element.mask & 0xFFFFFFFF
    subset = 0
    while True:
        tag = element.base | subset
        group, elem = tag >> 16, tag & 0xFFFF
        if tag not in exact_tags and elem != 0 and group % 2 == 0:
            return tag
        if subset == free:
            fail(f"repeating pattern {element.pattern} has no free instance")
        subset = ((subset | element.mask) + 1) & free


def read_uids(module):
    # Each value is (name, type, info, retired, keyword); info (a free-text note) is not kept.
    uids = [Uid(uid, name, uid_type, retired, keyword)
            for uid, (name, uid_type, _info, retired, keyword) in module.UID_dictionary.items()]
    uids.sort(key=lambda u: [int(part) for part in u.uid.split(".")])
    seen = set()
    for u in uids:
        if u.keyword:
            if u.keyword in seen:
                fail(f"UID keyword {u.keyword} is used twice")
            seen.add(u.keyword)
    return uids


def javadoc_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def header(provenance):
    return "\n".join([
        "// GENERATED FILE - DO NOT EDIT.",
        f"// Generated by {SCRIPT_NAME} from pydicom {provenance['version']}'s",
        "// transcription of DICOM PS3.6 (data elements: sections 6, 7 and 8; UIDs: table A-1).",
        f"//   _dicom_dict.py sha256 {provenance['dict_sha']}",
        f"//   _uid_dict.py   sha256 {provenance['uid_sha']}",
        "// To change it, change the generator and regenerate; see libs/dicom/core/gen/README.md.",
        "",
    ])


def java_tag_file(elements, provenance):
    out = [header(provenance), f"package {PACKAGE};", "",
           "/**",
           " * Data element tags of DICOM PS3.6 (sections 6, 7 and 8) as {@code int} constants named by",
           " * keyword, group in the high 16 bits.",
           " *",
           " * <p>A repeating element (written with x digits in PS3.6, such as (60xx,3000)) has as constant",
           " * the first tag it stands for that no other entry claims: {@code OverlayData} is {@code",
           " * 0x60003000}, the first overlay group, while (0028,04x0) gives (0028,0410) because",
           " * (0028,0400) is Transform Label. The item and",
           " * delimitation tags of PS3.5 section 7.5 are included. Look entries up with {@link",
           " * ElementDictionary}; the few retired entries that PS3.6 leaves without a keyword have no",
           " * constant.",
           " */",
           "public final class Tag {", "",
           "  private Tag() {}"]
    for e in elements:
        if not e.keyword:
            continue
        vr = e.vr if e.vrs else "none"
        doc = f"{e.display_tag()} {javadoc_text(e.name)}, VR {vr}, VM {e.vm}"
        if e.retired:
            doc += ", retired"
        doc += "."
        out.append("")
        if e.repeating:
            out.append(f"  /**")
            out.append(f"   * {doc}")
            out.append(f"   *")
            out.append(f"   * <p>Repeating: this is the first tag {e.display_tag()} stands for that no other entry")
            out.append(f"   * claims (not a group length, not private).")
            out.append(f"   */")
        else:
            out.append(f"  /** {doc} */")
        out.append(f"  public static final int {e.keyword} = 0x{e.tag:08X};")
    out.append("}")
    return "\n".join(out) + "\n"


def java_uid_file(uids, provenance):
    out = [header(provenance), f"package {PACKAGE};", "",
           "/**",
           " * The UIDs of DICOM PS3.6 table A-1 as {@code String} constants named by keyword. Look",
           " * entries up with {@link UidDictionary}; the two retired entries without a keyword have no",
           " * constant.",
           " */",
           "public final class UID {", "",
           "  private UID() {}"]
    for u in uids:
        if not u.keyword:
            continue
        doc = f"{javadoc_text(u.name)} ({u.type}"
        doc += ", retired)." if u.retired else ")."
        out.append("")
        out.append(f"  /** {doc} */")
        out.append(f"  public static final String {u.keyword} = \"{u.uid}\";")
    out.append("}")
    return "\n".join(out) + "\n"


def java_data_file(class_name, javadoc, fields, items, provenance):
    chunks = [items[i:i + CHUNK_SIZE] for i in range(0, len(items), CHUNK_SIZE)]
    out = [header(provenance), f"package {PACKAGE};", "",
           "/**"] + [f" * {line}" if line else " *" for line in javadoc] + [
           " *",
           f" * <p>One entry per line, fields separated by {FIELD_SEPARATOR!r}:"] + [
           f" * {line}" for line in fields] + [
           f" * The flag field is {RETIRED_FLAG!r} for retired entries and empty otherwise. Entries",
           f" * are split into chunks of at most {CHUNK_SIZE} lines because a String constant is",
           " * limited to 64 KiB in a class file.",
           " */",
           f"final class {class_name} {{", "",
           f"  private {class_name}() {{}}", "",
           "  /** Number of entries in all chunks together, checked by the parser. */",
           f"  static final int ENTRY_COUNT = {len(items)};"]
    for index, chunk in enumerate(chunks):
        lines = [item.packed() + "\n" for item in chunk]
        size = sum(len(line.encode("utf-8")) for line in lines)
        if size > MAX_CONSTANT_BYTES:
            fail(f"chunk {index} of {class_name} is {size} bytes; lower CHUNK_SIZE")
        out.append("")
        out.append(f"  private static final String CHUNK_{index} =")
        for n, line in enumerate(lines):
            literal = '"' + line.replace("\n", "\\n") + '"'
            prefix = "      " if n == 0 else "          + "
            out.append(prefix + literal + (";" if n == len(lines) - 1 else ""))
    out.append("")
    out.append("  /** Returns the chunks in order; a new array each call. */")
    out.append("  static String[] chunks() {")
    out.append("    return new String[] {")
    for i in range(len(chunks)):
        out.append(f"      CHUNK_{i}" + ("," if i < len(chunks) - 1 else ""))
    out.append("    };")
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def write(path, text):
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {path} ({len(text.encode('utf-8'))} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pydicom-dir", default=DEFAULT_PYDICOM_DIR, type=pathlib.Path)
    parser.add_argument("--out", default=DEFAULT_OUT, type=pathlib.Path)
    args = parser.parse_args()

    dict_path = args.pydicom_dir / "_dicom_dict.py"
    uid_path = args.pydicom_dir / "_uid_dict.py"
    for path in (dict_path, uid_path):
        if not path.is_file():
            fail(f"{path} not found; install python3-pydicom or pass --pydicom-dir")
    provenance = {
        "version": pydicom_version(args.pydicom_dir),
        "dict_sha": sha256_of(dict_path),
        "uid_sha": sha256_of(uid_path),
    }
    elements = read_elements(load_module(dict_path, "pydicom_dicom_dict"))
    uids = read_uids(load_module(uid_path, "pydicom_uid_dict"))

    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "Tag.java", java_tag_file(elements, provenance))
    write(args.out / "UID.java", java_uid_file(uids, provenance))
    write(args.out / "ElementDictionaryData.java", java_data_file(
        "ElementDictionaryData",
        ["Data elements of DICOM PS3.6 sections 6, 7 and 8, parsed by {@link ElementDictionary}."],
        ["tag pattern (hex digits, x for a repeating digit) | VRs joined by \" or \", empty for",
         "none | VM | flag | keyword | name."],
        elements, provenance))
    write(args.out / "UidDictionaryData.java", java_data_file(
        "UidDictionaryData",
        ["UIDs of DICOM PS3.6 table A-1, parsed by {@link UidDictionary}."],
        ["UID | type | flag | keyword | name."],
        uids, provenance))
    print(f"{len(elements)} data elements, {len(uids)} UIDs from pydicom {provenance['version']}")


if __name__ == "__main__":
    main()
