package org.roentgen.archive.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The archive's roles, each including the ones below it: a viewer reads images and the index; a
 * technologist also reviews quarantined instances (corrects, releases, rejects); QA staff also read
 * the dose and reject reports and the audit trail; an admin also runs retention and legal holds.
 */
public final class Roles {
  public static final String VIEWER = "viewer";
  public static final String TECHNOLOGIST = "technologist";
  public static final String QA = "qa";
  public static final String ADMIN = "admin";

  /** From the least to the most privileged. */
  public static final List<String> ORDER = List.of(VIEWER, TECHNOLOGIST, QA, ADMIN);

  private Roles() {}

  /** {@code granted} with every role each of them includes. */
  public static Set<String> expand(Set<String> granted) {
    Set<String> out = new LinkedHashSet<>(granted);
    int top = -1;
    for (String r : granted) {
      top = Math.max(top, ORDER.indexOf(r));
    }
    for (int i = 0; i <= top; i++) {
      out.add(ORDER.get(i));
    }
    return out;
  }

  /** True for one of the four roles. */
  public static boolean known(String role) {
    return ORDER.contains(role);
  }
}
