package org.roentgen.validation.domain;

import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.DictionaryEntry;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Rule group 1, conformance: the type 1 and 2 attributes of the image's IOD ({@link
 * IodRequirements}), every value's format and multiplicity (PS3.5 6.2, PS3.6), and a declared
 * character set for text beyond ASCII (PS3.5 6.1.2.3).
 */
public final class ConformanceCheck {
  /** Sequences are checked this deep; headers nest little and a bound keeps a hostile one cheap. */
  private static final int MAX_DEPTH = 4;

  private ConformanceCheck() {}

  /**
   * @param charsetAssumed true when the header had text beyond ASCII and no Specific Character Set,
   *     and was read as UTF-8 to be checked at all
   */
  public static void check(String sopClassUid, Header h, boolean charsetAssumed, Findings out) {
    for (IodRequirements.Requirement r : IodRequirements.of(sopClassUid, h)) {
      if (!h.present(r.tag())) {
        String rule = r.type() == 1 ? RuleIds.CONFORMANCE_TYPE1 : RuleIds.CONFORMANCE_TYPE2;
        out.add(
            rule,
            r.tag(),
            "present",
            null,
            "type " + r.type() + " attribute missing, required by " + r.module());
      } else if (r.type() == 1 && !h.hasValue(r.tag())) {
        out.add(
            RuleIds.CONFORMANCE_TYPE1,
            r.tag(),
            "a value",
            "",
            "type 1 attribute has no value, required by " + r.module());
      }
    }
    if (out.enabled(RuleIds.CONFORMANCE_VALUE_FORMAT)
        || out.enabled(RuleIds.CONFORMANCE_VALUE_MULTIPLICITY)) {
      values(h.attributes(), 0, out);
    }
    if (charsetAssumed || !h.present(Tag.SpecificCharacterSet) && beyondAscii(h.attributes(), 0)) {
      out.add(
          RuleIds.CONFORMANCE_CHARSET,
          Tag.SpecificCharacterSet,
          "declared (e.g. ISO_IR 100 or ISO_IR 192)",
          null,
          "text has characters beyond ASCII but no Specific Character Set says how to read them");
    }
  }

  private static void values(Attributes ds, int depth, Findings out) {
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      if (vr == VR.SQ) {
        if (depth < MAX_DEPTH && ds.valueAt(i) instanceof Sequence seq) {
          for (Attributes item : seq) {
            values(item, depth + 1, out);
          }
        }
        continue;
      }
      if ((tag & 0xFFFF) == 0 || ((tag >>> 16) & 1) == 1 || vr.isBinary() || vr == VR.UN) {
        continue; // group lengths, private elements and binary values have no text format
      }
      String[] values;
      try {
        values = ds.getStrings(tag);
      } catch (RuntimeException e) {
        out.add(RuleIds.CONFORMANCE_VALUE_FORMAT, tag, vr.name(), null, "value cannot be decoded");
        continue;
      }
      if (values == null) {
        continue;
      }
      for (String v : values) {
        String problem = ValueFormats.problem(vr, v);
        if (problem != null) {
          out.add(RuleIds.CONFORMANCE_VALUE_FORMAT, tag, vr.name(), v, problem);
          break;
        }
      }
      DictionaryEntry e = ElementDictionary.lookup(tag);
      if (e != null && !ValueFormats.multiplicityAllows(e.vm(), values.length)) {
        out.add(
            RuleIds.CONFORMANCE_VALUE_MULTIPLICITY,
            tag,
            "VM " + e.vm(),
            Integer.toString(values.length),
            values.length + " values where PS3.6 allows VM " + e.vm());
      }
    }
  }

  private static boolean beyondAscii(Attributes ds, int depth) {
    for (int i = 0; i < ds.size(); i++) {
      VR vr = ds.vrAt(i);
      if (vr == VR.SQ) {
        if (depth < MAX_DEPTH && ds.valueAt(i) instanceof Sequence seq) {
          for (Attributes item : seq) {
            if (beyondAscii(item, depth + 1)) {
              return true;
            }
          }
        }
      } else if (vr.isCharsetDependent() && ds.valueAt(i) instanceof byte[] b) {
        for (byte x : b) {
          if (x < 0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
