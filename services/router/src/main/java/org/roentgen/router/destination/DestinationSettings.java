package org.roentgen.router.destination;

/**
 * The configuration of one destination, one record per kind; {@link Destinations} builds the
 * destination. The service maps its configuration onto these records; secrets (passwords, tokens,
 * S3 keys) come from the environment and never appear in {@code toString()}.
 */
public sealed interface DestinationSettings
    permits DicomDestinationSettings, StowRsDestinationSettings, S3DestinationSettings {
  /** The destination's name, as the rules and the REST API know it. */
  String name();

  /** Checks a name: letters, digits, '.', '_' and '-', 1..64 characters (it labels metrics). */
  static String requireName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a destination name has 1..64 letters, digits, '.', '_' or '-': " + name);
    }
    return name;
  }

  /** Checks that a duration is positive. */
  static java.time.Duration requirePositive(java.time.Duration d, String what) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }
}
