package org.roentgen.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DICOM data dictionary, PS3.6 sections 6, 7 and 8: keyword, name, VR and VM of every
 * standard data element, including the repeating groups such as (60xx,3000).
 *
 * <p>The entries come from the generated {@link ElementDictionaryData}; lookups are hash lookups.
 * Repeating entries match any even group (an odd group is private, PS3.5 section 7.8) and an
 * exact entry wins over a repeating one: (7FE0,0010) is Pixel Data, not Variable Pixel Data
 * (7Fxx,0010).
 */
public final class ElementDictionary {

  private static final int FIELDS = 6;
  private static final int HEX_RADIX = 16;
  private static final int NIBBLE_BITS = 4;
  private static final int NIBBLE_MASK = 0xF;
  private static final char REPEATING_DIGIT = 'x';
  private static final String VR_SEPARATOR = " or ";
  private static final int MASK_SHIFT = 32;
  private static final long TAG_BITS = 0xFFFFFFFFL;

  private static final List<DictionaryEntry> ENTRIES;
  private static final Map<Integer, DictionaryEntry> BY_TAG = new HashMap<>();
  private static final Map<Long, DictionaryEntry> REPEATING_BY_MASKED_TAG = new HashMap<>();
  private static final Map<String, DictionaryEntry> BY_KEYWORD = new HashMap<>();
  private static final int[] REPEATING_MASKS;

  static {
    List<String[]> lines =
        PackedEntries.parse(
            ElementDictionaryData.chunks(),
            FIELDS,
            ElementDictionaryData.ENTRY_COUNT,
            "ElementDictionaryData");
    // Exact tags first: a repeating entry's representative tag must avoid them.
    Set<Integer> exactTags = new HashSet<>();
    for (String[] f : lines) {
      if (f[0].indexOf(REPEATING_DIGIT) < 0) {
        exactTags.add(patternTag(f[0]));
      }
    }
    Map<String, List<VR>> vrLists = new HashMap<>();
    List<Integer> masks = new ArrayList<>();
    List<DictionaryEntry> entries = new ArrayList<>(lines.size());
    for (String[] f : lines) {
      int base = patternTag(f[0]);
      int mask = patternMask(f[0]);
      boolean repeating = mask != DictionaryEntry.EXACT;
      DictionaryEntry entry =
          new DictionaryEntry(
              repeating ? firstInstance(base, mask, exactTags) : base,
              mask,
              f[4],
              f[5],
              vrLists.computeIfAbsent(f[1], ElementDictionary::parseVrs),
              f[2],
              f[3].equals(PackedEntries.RETIRED_FLAG));
      entries.add(entry);
      if (repeating) {
        REPEATING_BY_MASKED_TAG.put(maskedKey(mask, base), entry);
        if (!masks.contains(mask)) {
          masks.add(mask);
        }
      } else {
        BY_TAG.put(base, entry);
      }
      if (!entry.keyword().isEmpty()) {
        BY_KEYWORD.put(entry.keyword(), entry);
      }
    }
    ENTRIES = Collections.unmodifiableList(entries);
    // Most specific mask first, so that a narrower pattern wins over a broader one.
    masks.sort((a, b) -> Integer.bitCount(b) - Integer.bitCount(a));
    REPEATING_MASKS = masks.stream().mapToInt(Integer::intValue).toArray();
  }

  private ElementDictionary() {}

  /**
   * Returns the entry for {@code tag}, matching repeating groups and ranges, or {@code null} for
   * a tag the standard does not define: private tags, and group lengths other than (0000,0000)
   * and (0002,0000).
   */
  public static DictionaryEntry lookup(int tag) {
    DictionaryEntry exact = BY_TAG.get(tag);
    if (exact != null) {
      return exact;
    }
    if (Tags.isPrivate(tag) || Tags.isGroupLength(tag)) {
      return null;
    }
    for (int mask : REPEATING_MASKS) {
      DictionaryEntry entry = REPEATING_BY_MASKED_TAG.get(maskedKey(mask, tag & mask));
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
   *   <li>"OB or OW" (Pixel Data, Overlay Data...): OW, as PS3.5 annex A.1 encodes them in
   *       implicit VR;
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
   * The tag of a keyword, or -1 when unknown; a repeating entry gives its first tag, as in {@link
   * Tag}.
   */
  public static int tagOf(String keyword) {
    DictionaryEntry entry = BY_KEYWORD.get(keyword);
    return entry == null ? -1 : entry.tag();
  }

  /** Every entry, ordered by tag (a repeating entry by its pattern with x as 0). */
  public static List<DictionaryEntry> entries() {
    return ENTRIES;
  }

  private static long maskedKey(int mask, int maskedTag) {
    return ((mask & TAG_BITS) << MASK_SHIFT) | (maskedTag & TAG_BITS);
  }

  /**
   * The smallest tag a repeating pattern stands for that no exact entry claims, that is not a
   * group length and not in an odd (private) group; the generator applies the same rule to {@link
   * Tag}. The loop walks the subsets of the free (x) bits in increasing order.
   */
  private static int firstInstance(int base, int mask, Set<Integer> exactTags) {
    int free = ~mask;
    int subset = 0;
    while (true) {
      int tag = base | subset;
      if (!exactTags.contains(tag) && !Tags.isGroupLength(tag) && (Tags.group(tag) & 1) == 0) {
        return tag;
      }
      if (subset == free) {
        throw new IllegalStateException(
            "ElementDictionaryData: no free tag for pattern " + Tags.toHex(base));
      }
      subset = ((subset | mask) + 1) & free;
    }
  }

  private static int patternTag(String pattern) {
    int tag = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      int digit = c == REPEATING_DIGIT ? 0 : Character.digit(c, HEX_RADIX);
      if (digit < 0) {
        throw new IllegalStateException("ElementDictionaryData: bad tag pattern " + pattern);
      }
      tag = (tag << NIBBLE_BITS) | digit;
    }
    return tag;
  }

  private static int patternMask(String pattern) {
    int mask = 0;
    for (int i = 0; i < pattern.length(); i++) {
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
    for (String name : field.split(VR_SEPARATOR)) {
      VR vr = VR.ofName(name);
      if (vr == null) {
        throw new IllegalStateException("ElementDictionaryData: unknown VR " + name);
      }
      vrs.add(vr);
    }
    return List.copyOf(vrs);
  }
}
