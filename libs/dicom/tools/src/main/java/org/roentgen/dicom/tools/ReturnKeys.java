package org.roentgen.dicom.tools;

import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * The identifier of a C-FIND response (PS3.4 C.4.1.1.3.2): every key of the request, with the
 * candidate's value or empty when it has none, and nothing else. A sequence key with an item of
 * keys returns those keys of each candidate item that matches the item (C.2.2.2.6); an empty
 * sequence key returns the candidate's whole sequence. Values are copied as bytes, so the response
 * carries the candidate's Specific Character Set.
 */
final class ReturnKeys {
  private ReturnKeys() {}

  /** The response to {@code keys} from {@code candidate} (which matched them). */
  static Attributes select(Attributes keys, Attributes candidate) {
    Attributes r = new Attributes(false, keys.size() + 1);
    if (candidate.contains(Tag.SpecificCharacterSet)) {
      r.setValue(
          Tag.SpecificCharacterSet, VR.CS, candidate.getBytes(Tag.SpecificCharacterSet).clone());
    }
    copyKeys(keys, candidate, r);
    return r;
  }

  private static void copyKeys(Attributes keys, Attributes candidate, Attributes to) {
    for (int i = 0; i < keys.size(); i++) {
      int tag = keys.tagAt(i);
      if (tag == Tag.SpecificCharacterSet || (tag >>> 16) == 0x0002) {
        continue;
      }
      int j = candidate.indexOf(tag);
      Object value = j >= 0 ? candidate.valueAt(j) : null;
      if (value instanceof Sequence items) {
        copyItems(keys.valueAt(i) instanceof Sequence ks ? ks : null, items, tag, to);
      } else if (value instanceof byte[] bytes) {
        to.setValue(tag, candidate.vrAt(j), bytes.clone());
      } else {
        // absent, or bulk data a query never returns
        to.setNull(tag, keys.vrAt(i));
      }
    }
  }

  private static void copyItems(Sequence keySeq, Sequence items, int tag, Attributes to) {
    Attributes itemKeys = keySeq == null || keySeq.isEmpty() ? null : keySeq.get(0);
    Sequence out = to.newSequence(tag, items.size());
    for (Attributes item : items) {
      if (itemKeys == null || itemKeys.isEmpty()) {
        out.add(new Attributes(item, false));
      } else if (Matching.matches(itemKeys, item)) {
        copyKeys(itemKeys, item, out.addItem());
      }
    }
  }
}
