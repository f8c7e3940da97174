package org.roentgen.dicom.testkit;

import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.VR;

/** What survives implicit VR little endian (PS3.5 A.1), for comparing datasets across syntaxes. */
public final class ImplicitVr {
  private ImplicitVr() {}

  /**
   * {@code ds} as a reader gets it back from implicit VR: no VR travels, so every element has the
   * VR its tag has in the dictionary, US or SS by Pixel Representation (UN when it has none, as for
   * private tags), values in little endian; sequences stay sequences (the writer gives them
   * undefined lengths); encapsulated pixel data is OB.
   */
  public static Attributes asRead(Attributes ds) {
    Attributes le = new Attributes(ds, false);
    Attributes out = new Attributes(false, le.size());
    for (int i = 0; i < le.size(); i++) {
      int tag = le.tagAt(i);
      Object v = le.valueAt(i);
      if (v instanceof Sequence s) {
        Sequence copy = out.newSequence(tag, s.size());
        for (Attributes item : s) {
          copy.add(asRead(item));
        }
      } else if (v instanceof Fragments) {
        VR vr = dictionaryVr(tag);
        out.setValue(tag, vr == VR.OW ? VR.OB : vr, v);
      } else {
        VR vr = ElementDictionary.vrOf(tag, out);
        out.setValue(tag, vr == null ? VR.UN : vr, v);
      }
    }
    return out;
  }

  private static VR dictionaryVr(int tag) {
    VR vr = ElementDictionary.vrOf(tag);
    return vr == null ? VR.UN : vr;
  }
}
