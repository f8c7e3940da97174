package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.CharsetEncodeException;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.VR;

/**
 * Applies a destination's coercions to the top level of a data set, in order. The data set is
 * changed in place (callers coerce a copy per destination).
 *
 * <ul>
 *   <li>set: the values replace the attribute's, in the VR the data set already has for it (else
 *       the coercion's); no value gives an empty element;
 *   <li>remove: the attribute goes, when present;
 *   <li>copy: the source's values (or a sequence's items, deep-copied) replace the target's;
 *       nothing happens when the source is absent;
 *   <li>replace: each value of the attribute is rewritten; nothing happens when it is absent.
 * </ul>
 */
public final class CoercionApplier {
  private CoercionApplier() {}

  /**
   * Applies {@code coercions} to {@code dataset}.
   *
   * @return the keywords of the attributes that changed, in order of first change
   * @throws CoercionException when a value cannot be written (the data set may be partly coerced)
   */
  public static List<String> apply(Attributes dataset, List<Coercion> coercions)
      throws CoercionException {
    Set<String> changed = new LinkedHashSet<>();
    for (Coercion c : coercions) {
      try {
        if (applyOne(dataset, c)) {
          changed.add(c.keyword());
        }
      } catch (IllegalArgumentException e) {
        // The cause is left out: its message may quote a value of the data set.
        throw new CoercionException(c.keyword(), "cannot write " + c.keyword() + ": " + kind(e));
      }
    }
    return new ArrayList<>(changed);
  }

  private static String kind(IllegalArgumentException e) {
    if (e instanceof CharsetEncodeException) {
      return "a character the data set's Specific Character Set cannot encode";
    }
    if (e instanceof NumberFormatException) {
      return "a value that is not a number of the attribute's VR";
    }
    return e.getClass().getSimpleName();
  }

  private static boolean applyOne(Attributes ds, Coercion c) {
    if (c instanceof Coercion.SetValue s) {
      return set(ds, s);
    }
    if (c instanceof Coercion.Remove r) {
      return ds.remove(r.tag()) != null;
    }
    if (c instanceof Coercion.Copy cp) {
      return copy(ds, cp);
    }
    return replace(ds, (Coercion.Replace) c);
  }

  private static boolean set(Attributes ds, Coercion.SetValue s) {
    VR vr = vrFor(ds, s.tag(), s.vr());
    if (s.values().isEmpty()) {
      ds.setNull(s.tag(), vr);
    } else {
      ds.setString(s.tag(), vr, s.values().toArray(String[]::new));
    }
    return true;
  }

  private static boolean copy(Attributes ds, Coercion.Copy c) {
    if (!ds.contains(c.fromTag())) {
      return false;
    }
    Sequence from = ds.getSequence(c.fromTag());
    if (from != null) {
      List<Attributes> items = new ArrayList<>(from);
      Sequence to = ds.newSequence(c.tag(), items.size());
      for (Attributes item : items) {
        to.add(new Attributes(item, ds.isBigEndian()));
      }
      return true;
    }
    String[] values = ds.getStrings(c.fromTag());
    VR vr = vrFor(ds, c.tag(), c.vr());
    if (values == null || values.length == 0) {
      ds.setNull(c.tag(), vr);
    } else {
      ds.setString(c.tag(), vr, values);
    }
    return true;
  }

  private static boolean replace(Attributes ds, Coercion.Replace r) {
    String[] values = ds.getStrings(r.tag());
    VR vr = ds.getVR(r.tag());
    if (values == null || values.length == 0 || vr == null || !vr.isText()) {
      return false;
    }
    String[] out = new String[values.length];
    boolean changed = false;
    for (int i = 0; i < values.length; i++) {
      out[i] = r.pattern().matcher(values[i]).replaceAll(r.replacement());
      changed |= !out[i].equals(values[i]);
    }
    if (changed) {
      ds.setString(r.tag(), vr, out);
    }
    return changed;
  }

  /** The data set's VR for the tag when it has one it can write (not UN), else the rule's. */
  private static VR vrFor(Attributes ds, int tag, VR fallback) {
    VR present = ds.getVR(tag);
    return present != null && present != VR.UN && present != VR.SQ ? present : fallback;
  }
}
