package org.roentgen.dicom.deid;

/**
 * The action codes of PS3.15 E.1.1 that Table E.1-1 assigns to an attribute, for the Basic Profile
 * and for each option.
 *
 * <p>The combined codes let the de-identifier keep the IOD conformant: "X/Z" is X unless the
 * attribute is Type 2, where it must be Z. {@link Deidentifier} does not look the IOD up, so it
 * takes the alternative that is conformant for any Type: {@link #effective(boolean)}.
 */
public enum Action {
  /** Replace with a non-zero length value that may be a dummy value, consistent with the VR. */
  D("D"),
  /** Replace with a zero length value, or a non-zero length dummy value consistent with the VR. */
  Z("Z"),
  /** Remove. */
  X("X"),
  /** Keep: unchanged for non-sequence attributes, cleaned for sequences. */
  K("K"),
  /** Clean: replace with values of similar meaning known not to contain identifying information. */
  C("C"),
  /** Replace with a non-zero length UID that is internally consistent within a set of instances. */
  U("U"),
  /** Z unless D is required to maintain IOD conformance (Type 2 versus Type 1). */
  Z_D("Z/D"),
  /** X unless Z is required to maintain IOD conformance (Type 3 versus Type 2). */
  X_Z("X/Z"),
  /** X unless D is required to maintain IOD conformance (Type 3 versus Type 1). */
  X_D("X/D"),
  /** X unless Z or D is required to maintain IOD conformance (Type 3, 2, 1). */
  X_Z_D("X/Z/D"),
  /**
   * X unless Z or replacement of contained instance UIDs (U) is required to maintain IOD
   * conformance (Type 3, 2, 1 sequences containing UID references).
   */
  X_Z_U("X/Z/U*");

  private final String code;

  Action(String code) {
    this.code = code;
  }

  /** The code as Table E.1-1 writes it, e.g. {@code "X/Z/U*"}. */
  public String code() {
    return code;
  }

  /**
   * The action {@link Deidentifier} applies for this code: the last alternative of a combined code,
   * which keeps the attribute present whatever its Type (Z/D, X/D and X/Z/D give D, X/Z gives Z,
   * X/Z/U* gives U, that is, the sequence kept with the UIDs inside replaced). The simple codes are
   * their own effective action.
   *
   * <p>An attribute that is present but empty in the original is not Type 1 in that instance (a
   * Type 1 attribute has a value), so D is not required to keep it conformant and a dummy would
   * only invent a value: then Z/D and X/Z/D give Z, and X/D gives X.
   *
   * @param originalEmpty whether the attribute is present without a value (no sequence item)
   */
  public Action effective(boolean originalEmpty) {
    return switch (this) {
      case Z_D, X_Z_D -> originalEmpty ? Z : D;
      case X_D -> originalEmpty ? X : D;
      case X_Z -> Z;
      case X_Z_U -> U;
      default -> this;
    };
  }

  /**
   * The action with code {@code code}.
   *
   * @throws IllegalArgumentException naming the code when Table E.1-1 has no such action
   */
  public static Action ofCode(String code) {
    for (Action a : values()) {
      if (a.code.equals(code)) {
        return a;
      }
    }
    throw new IllegalArgumentException("not a PS3.15 E.1.1 action code: \"" + code + "\"");
  }
}
