package org.roentgen.dicom.tools;

/** A DICOM peer given as {@code AET@HOST:PORT}. */
record Peer(String aeTitle, String host, int port) {
  /**
   * Association settings of the commands that call a peer: a peer that neither sends nor takes data
   * for a minute is given up on (abort), so that no command hangs.
   */
  static final org.roentgen.dicom.net.ul.AssociationOptions CLIENT_OPTIONS =
      org.roentgen.dicom.net.ul.AssociationOptions.defaults()
          .withIdleTimeout(java.time.Duration.ofSeconds(60));

  static Peer parse(String s) throws Main.UsageException {
    int at = s.indexOf('@');
    int colon = s.lastIndexOf(':');
    if (at <= 0 || colon < at + 2 || colon == s.length() - 1) {
      throw new Main.UsageException("expected AET@HOST:PORT, got '" + s + "'");
    }
    String aet = s.substring(0, at);
    if (aet.length() > 16) {
      throw new Main.UsageException("AE title '" + aet + "' is longer than 16 characters");
    }
    try {
      return new Peer(aet, s.substring(at + 1, colon), Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new Main.UsageException("port is not a number in '" + s + "'");
    }
  }
}
