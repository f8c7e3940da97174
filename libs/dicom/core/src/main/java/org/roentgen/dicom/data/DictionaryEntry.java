package org.roentgen.dicom.data;

import java.util.List;

/**
 * One data element of the DICOM data dictionary, PS3.6 sections 6, 7 and 8.
 *
 * @param tag the tag; for a repeating entry, the first tag it stands for that no other entry
 *     claims, as in {@link Tag}: (6000,3000) for (60xx,3000), (0028,0410) for (0028,04x0)
 * @param mask the bits of a tag that must equal those of {@code tag} for this entry to apply:
 *     {@link #EXACT} for an ordinary entry, fewer bits for a repeating one such as (60xx,3000),
 *     whose mask is {@code 0xFF00FFFF}
 * @param keyword the PS3.6 keyword, or the empty string for the few retired entries that PS3.6
 *     leaves unnamed
 * @param name the PS3.6 attribute name
 * @param vrs the permitted VRs in PS3.6 order ("OB or OW" gives [OB, OW]); empty for the item and
 *     delimitation tags, which have no VR (PS3.5 section 7.5)
 * @param vm the value multiplicity as PS3.6 writes it: "1", "1-n", "2-2n"...
 * @param retired whether PS3.6 marks the element retired
 */
public record DictionaryEntry(
    int tag, int mask, String keyword, String name, List<VR> vrs, String vm, boolean retired) {

  /** The mask of an entry that matches one tag only. */
  public static final int EXACT = 0xFFFFFFFF;

  public DictionaryEntry {
    vrs = List.copyOf(vrs);
  }

  /** True when the entry stands for many tags, like (60xx,3000) or (0020,31xx). */
  public boolean isRepeating() {
    return mask != EXACT;
  }

  /**
   * True when {@code candidate} fits this entry's tag or pattern. {@link ElementDictionary#lookup}
   * may still give another entry for it: an exact entry wins over a pattern.
   */
  public boolean matches(int candidate) {
    return (candidate & mask) == (tag & mask);
  }
}
