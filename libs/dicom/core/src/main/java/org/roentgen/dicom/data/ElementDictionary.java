package org.roentgen.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DICOM data dictionary, PS3.6 sections 6, 7 and 8: keyword, name, VR and VM of every standard
 * data element, including the repeating groups such as (60xx,3000).
 *
 * <p>Repeating entries match any even group (an odd group is private, PS3.5 section 7.8) and an
 * exact entry wins over a repeating one: (7FE0,0010) is Pixel Data, not Variable Pixel Data
 * (7Fxx,0010).
 *
 * <p>The entries come from the generated {@link ElementDictionaryData}. Class initialisation only
 * indexes the tags (a sorted array searched by bisection); an entry is parsed the first time it is
 * looked up, and the keyword index is built on the first {@link #tagOf} or {@link #entries} call.
 */
public final class ElementDictionary {

  private static final String SOURCE = "ElementDictionaryData";
  private static final int FIELDS = 6;
  private static final int PATTERN_LENGTH = 8;
  private static final int HEX_RADIX = 16;
  private static final int NIBBLE_BITS = 4;
  private static final int NIBBLE_MASK = 0xF;
  private static final char REPEATING_DIGIT = 'x';
  private static final String VR_SEPARATOR = " or ";
  private static final int MASK_SHIFT = 32;
  private static final long TAG_BITS = 0xFFFFFFFFL;

  private static final String[] CHUNKS = ElementDictionaryData.chunks();

  /** Exact tags in ascending order, and where each one's line is. */
  private static final int[] EXACT_TAGS;

  private static final int[] EXACT_CHUNK;
  private static final int[] EXACT_START;

  /** Exact entries parsed so far, by index in EXACT_TAGS; a benign race may parse one twice. */
  private static final DictionaryEntry[] EXACT_PARSED;

  /** Repeating entries (a few dozen), parsed eagerly, keyed by mask and masked tag. */
  private static final Map<Long, DictionaryEntry> REPEATING = new HashMap<>();

  /** Distinct masks of the repeating entries. */
  private static final int[] REPEATING_MASKS;

  static {
    int[] tags = new int[ElementDictionaryData.ENTRY_COUNT];
    int[] chunks = new int[tags.length];
    int[] starts = new int[tags.length];
    List<String[]> repeating = new ArrayList<>();
    int exact = 0;
    int lines = 0;
    for (int c = 0; c < CHUNKS.length; c++) {
      String chunk = CHUNKS[c];
      for (int start = 0; start < chunk.length(); lines++) {
        int end = PackedEntries.lineEnd(chunk, start);
        if (isPattern(chunk, start)) {
          repeating.add(PackedEntries.fields(chunk, start, end, FIELDS, SOURCE));
        } else {
          int tag = patternTag(chunk.substring(start, start + PATTERN_LENGTH));
          if (exact > 0 && Integer.compareUnsigned(tag, tags[exact - 1]) <= 0) {
            throw new IllegalStateException(SOURCE + ": tags out of order at " + Tags.toHex(tag));
          }
          tags[exact] = tag;
          chunks[exact] = c;
          starts[exact] = start;
          exact++;
        }
        start = end + 1;
      }
    }
    PackedEntries.checkCount(lines, ElementDictionaryData.ENTRY_COUNT, SOURCE);
    EXACT_TAGS = Arrays.copyOf(tags, exact);
    EXACT_CHUNK = Arrays.copyOf(chunks, exact);
    EXACT_START = Arrays.copyOf(starts, exact);
    EXACT_PARSED = new DictionaryEntry[exact];

    List<Integer> masks = new ArrayList<>();
    for (String[] fields : repeating) {
      int base = patternTag(fields[0]);
      int mask = patternMask(fields[0]);
      REPEATING.put(maskedKey(mask, base), entry(firstInstance(base, mask), mask, fields));
      if (!masks.contains(mask)) {
        masks.add(mask);
      }
    }
    // The generator checks that no two patterns overlap, so the order of the masks is free.
    REPEATING_MASKS = new int[masks.size()];
    for (int i = 0; i < REPEATING_MASKS.length; i++) {
      REPEATING_MASKS[i] = masks.get(i);
    }
  }

  private ElementDictionary() {}

  /**
   * Returns the entry for {@code tag}, matching repeating groups and ranges, or {@code null} for a
   * tag the standard does not define: private tags, and group lengths other than (0000,0000) and
   * (0002,0000).
   */
  public static DictionaryEntry lookup(int tag) {
    int index = exactIndex(tag);
    if (index >= 0) {
      return exactEntry(index);
    }
    if (Tags.isPrivate(tag) || Tags.isGroupLength(tag)) {
      return null;
    }
    for (int mask : REPEATING_MASKS) {
      DictionaryEntry entry = REPEATING.get(maskedKey(mask, tag & mask));
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  /** The keyword of {@code tag}, or {@code null} when unknown or unnamed. */
  public static String keywordOf(int tag) {
    DictionaryEntry entry = lookup(tag);
    return entry == null || entry.keyword().isEmpty() ? null : entry.keyword();
  }

  /** The PS3.6 name of {@code tag}, or {@code null} when unknown. */
  public static String nameOf(int tag) {
    DictionaryEntry entry = lookup(tag);
    return entry == null ? null : entry.name();
  }

  /**
   * The VR to read {@code tag} with in implicit VR transfer syntaxes (PS3.5 section 7.1.3).
   *
   * <ul>
   *   <li>group length (gggg,0000): UL;
   *   <li>private creator (gggg,0010-00FF), gggg private: LO;
   *   <li>other private tags, unknown tags, and the item and delimitation tags, which have no VR:
   *       UN;
   *   <li>"OB or OW" (Pixel Data, Overlay Data...): OW, as PS3.5 annex A.1 encodes them in implicit
   *       VR;
   *   <li>otherwise the first VR PS3.6 lists, so "US or SS" gives US: the caller that knows Pixel
   *       Representation decides between them.
   * </ul>
   */
  public static VR vrOf(int tag) {
    if (Tags.isGroupLength(tag)) {
      return VR.UL;
    }
    if (Tags.isPrivateCreator(tag)) {
      return VR.LO;
    }
    DictionaryEntry entry = lookup(tag);
    if (entry == null || entry.vrs().isEmpty()) {
      return VR.UN;
    }
    List<VR> vrs = entry.vrs();
    if (vrs.contains(VR.OB) && vrs.contains(VR.OW)) {
      return VR.OW;
    }
    return vrs.get(0);
  }

  /**
   * The VR of {@code tag} read in implicit VR within {@code context} (the dataset or item being
   * read): as {@link #vrOf(int)}, except that an element the dictionary lists as "US or SS" is SS
   * when the Pixel Representation (0028,0103) in force is 1, signed (PS3.5 A.1 leaves the choice to
   * the context).
   */
  public static VR vrOf(int tag, Attributes context) {
    VR vr = vrOf(tag);
    if (vr != VR.US) {
      return vr;
    }
    DictionaryEntry entry = lookup(tag);
    if (entry == null || !entry.vrs().contains(VR.SS)) {
      return vr;
    }
    for (Attributes a = context; a != null; a = a.parent()) {
      if (a.contains(Tag.PixelRepresentation)) {
        return a.getInt(Tag.PixelRepresentation, 0) == 1 ? VR.SS : VR.US;
      }
    }
    return vr;
  }

  /**
   * The tag of a keyword, or -1 when unknown; a repeating entry gives its first tag, as in {@link
   * Tag}. The first call builds the keyword index.
   */
  public static int tagOf(String keyword) {
    DictionaryEntry entry = AllEntries.BY_KEYWORD.get(keyword);
    return entry == null ? -1 : entry.tag();
  }

  /** Every entry, ordered by tag (a repeating entry by its pattern with x as 0). */
  public static List<DictionaryEntry> entries() {
    return AllEntries.ENTRIES;
  }

  /** Everything parsed, built on first use (holder idiom). */
  private static final class AllEntries {
    static final List<DictionaryEntry> ENTRIES;
    static final Map<String, DictionaryEntry> BY_KEYWORD = new HashMap<>();

    static {
      List<DictionaryEntry> entries = new ArrayList<>(ElementDictionaryData.ENTRY_COUNT);
      for (int i = 0; i < EXACT_TAGS.length; i++) {
        entries.add(exactEntry(i));
      }
      entries.addAll(REPEATING.values());
      entries.sort((a, b) -> Integer.compareUnsigned(a.tag() & a.mask(), b.tag() & b.mask()));
      for (DictionaryEntry entry : entries) {
        if (!entry.keyword().isEmpty()) {
          BY_KEYWORD.put(entry.keyword(), entry);
        }
      }
      ENTRIES = Collections.unmodifiableList(entries);
    }
  }

  private static int exactIndex(int tag) {
    int low = 0;
    int high = EXACT_TAGS.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = Integer.compareUnsigned(EXACT_TAGS[middle], tag);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  private static DictionaryEntry exactEntry(int index) {
    DictionaryEntry entry = EXACT_PARSED[index];
    if (entry == null) {
      String chunk = CHUNKS[EXACT_CHUNK[index]];
      int start = EXACT_START[index];
      String[] fields =
          PackedEntries.fields(chunk, start, PackedEntries.lineEnd(chunk, start), FIELDS, SOURCE);
      entry = entry(EXACT_TAGS[index], DictionaryEntry.EXACT, fields);
      EXACT_PARSED[index] = entry;
    }
    return entry;
  }

  /** Fields: tag pattern, VRs, VM, flag, keyword, name. */
  private static DictionaryEntry entry(int tag, int mask, String[] fields) {
    return new DictionaryEntry(
        tag,
        mask,
        fields[4],
        fields[5],
        parseVrs(fields[1]),
        fields[2],
        fields[3].equals(PackedEntries.RETIRED_FLAG));
  }

  /**
   * The smallest tag a repeating pattern stands for that no exact entry claims, that is not a group
   * length and not in an odd (private) group; the generator applies the same rule to {@link Tag}.
   * The loop walks the subsets of the free (x) bits in increasing order.
   */
  private static int firstInstance(int base, int mask) {
    int free = ~mask;
    int subset = 0;
    while (true) {
      int tag = base | subset;
      if (exactIndex(tag) < 0 && !Tags.isGroupLength(tag) && (Tags.group(tag) & 1) == 0) {
        return tag;
      }
      if (subset == free) {
        throw new IllegalStateException(SOURCE + ": no free tag for pattern " + Tags.toHex(base));
      }
      subset = ((subset | mask) + 1) & free;
    }
  }

  /** True when the line at {@code start} begins with a tag pattern that has an x digit. */
  private static boolean isPattern(String chunk, int start) {
    for (int i = start; i < start + PATTERN_LENGTH; i++) {
      if (chunk.charAt(i) == REPEATING_DIGIT) {
        return true;
      }
    }
    return false;
  }

  private static long maskedKey(int mask, int maskedTag) {
    return ((mask & TAG_BITS) << MASK_SHIFT) | (maskedTag & TAG_BITS);
  }

  private static int patternTag(String pattern) {
    int tag = 0;
    for (int i = 0; i < PATTERN_LENGTH; i++) {
      char c = pattern.charAt(i);
      int digit = c == REPEATING_DIGIT ? 0 : Character.digit(c, HEX_RADIX);
      if (digit < 0) {
        throw new IllegalStateException(SOURCE + ": bad tag pattern " + pattern);
      }
      tag = (tag << NIBBLE_BITS) | digit;
    }
    return tag;
  }

  private static int patternMask(String pattern) {
    int mask = 0;
    for (int i = 0; i < PATTERN_LENGTH; i++) {
      int nibble = pattern.charAt(i) == REPEATING_DIGIT ? 0 : NIBBLE_MASK;
      mask = (mask << NIBBLE_BITS) | nibble;
    }
    return mask;
  }

  private static List<VR> parseVrs(String field) {
    if (field.isEmpty()) {
      return List.of();
    }
    List<VR> vrs = new ArrayList<>();
    int from = 0;
    while (true) {
      int separator = field.indexOf(VR_SEPARATOR, from);
      String name = separator < 0 ? field.substring(from) : field.substring(from, separator);
      VR vr = VR.ofName(name);
      if (vr == null) {
        throw new IllegalStateException(SOURCE + ": unknown VR " + name);
      }
      vrs.add(vr);
      if (separator < 0) {
        return List.copyOf(vrs);
      }
      from = separator + VR_SEPARATOR.length();
    }
  }
}
