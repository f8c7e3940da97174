package org.roentgen.router.destination;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.ul.AssociationOptions;

/**
 * A DICOM peer that receives instances by C-STORE (PS3.4 Annex B) over associations that the
 * destination keeps open and reuses.
 *
 * @param name the destination's name
 * @param aeTitle the peer's AE title (Called AE Title)
 * @param host the peer's host name or address
 * @param port the peer's port
 * @param callingAeTitle the router's AE title towards this peer (Calling AE Title)
 * @param tls TLS (PS3.15 B.1), or null for plain TCP
 * @param maxAssociations the most associations open at once to this peer, busy or idle (also the
 *     most C-STOREs in flight: one at a time on each)
 * @param connectTimeout bound on the TCP connect and the TLS handshake
 * @param associationTimeout bound on the wait for A-ASSOCIATE-AC/RJ and for A-RELEASE-RP
 * @param dimseTimeout bound on the wait for a C-STORE-RSP or C-ECHO-RSP once the request is sent,
 *     and on a send that makes no progress (a peer that stops reading)
 * @param idleRelease an association unused this long is released
 * @param transferSyntaxes the uncompressed syntaxes an instance may be converted to when the peer
 *     does not accept its own, in order of preference: Explicit VR Little Endian, Implicit VR
 *     Little Endian, Explicit VR Big Endian, Deflated Explicit VR Little Endian (their UIDs); an
 *     instance goes in its own syntax whenever the peer accepts it
 * @param maxPduLength the largest P-DATA-TF PDU received (advertised) and sent (PS3.8 D.1)
 */
public record DicomDestinationSettings(
    String name,
    String aeTitle,
    String host,
    int port,
    String callingAeTitle,
    TlsSettings tls,
    int maxAssociations,
    Duration connectTimeout,
    Duration associationTimeout,
    Duration dimseTimeout,
    Duration idleRelease,
    List<String> transferSyntaxes,
    int maxPduLength)
    implements DestinationSettings {

  /** The syntaxes the toolkit can write a data set in (PS3.5 A.1, A.2, A.3, A.5). */
  public static final Set<String> CONVERTIBLE =
      Set.of(
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(),
          TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(),
          TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());

  /** Default preferences: Explicit VR Little Endian, then Implicit VR Little Endian. */
  public static final List<String> DEFAULT_TRANSFER_SYNTAXES =
      List.of(
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

  /** Default Calling AE Title. */
  public static final String DEFAULT_CALLING_AE_TITLE = "ROENTGEN";

  public DicomDestinationSettings {
    DestinationSettings.requireName(name);
    aeTitle = requireAeTitle(aeTitle, "aeTitle");
    callingAeTitle = requireAeTitle(callingAeTitle, "callingAeTitle");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(name + ": host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + ": port must be 1..65535: " + port);
    }
    if (maxAssociations < 1) {
      throw new IllegalArgumentException(name + ": maxAssociations must be positive");
    }
    DestinationSettings.requirePositive(connectTimeout, name + ": connectTimeout");
    DestinationSettings.requirePositive(associationTimeout, name + ": associationTimeout");
    DestinationSettings.requirePositive(dimseTimeout, name + ": dimseTimeout");
    DestinationSettings.requirePositive(idleRelease, name + ": idleRelease");
    Objects.requireNonNull(transferSyntaxes, "transferSyntaxes");
    if (transferSyntaxes.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one transfer syntax is needed");
    }
    for (String ts : transferSyntaxes) {
      if (!CONVERTIBLE.contains(ts)) {
        throw new IllegalArgumentException(
            name
                + ": "
                + ts
                + " is not a syntax instances can be converted to; use some of "
                + DEFAULT_TRANSFER_SYNTAXES
                + ", "
                + TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()
                + ", "
                + TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
      }
    }
    transferSyntaxes = List.copyOf(new LinkedHashSet<>(transferSyntaxes));
    if (maxPduLength < AssociationOptions.MIN_PDU_LENGTH) {
      throw new IllegalArgumentException(
          name + ": maxPduLength must be at least " + AssociationOptions.MIN_PDU_LENGTH);
    }
  }

  /**
   * A peer with the defaults: Calling AE Title {@value #DEFAULT_CALLING_AE_TITLE}, plain TCP, 2
   * associations, 5 s to connect, 10 s to associate, 60 s per DIMSE response, idle associations
   * released after 30 s, conversions to Explicit then Implicit VR Little Endian, 256 KiB PDUs.
   */
  public static DicomDestinationSettings of(String name, String aeTitle, String host, int port) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        DEFAULT_CALLING_AE_TITLE,
        null,
        2,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        DEFAULT_TRANSFER_SYNTAXES,
        AssociationOptions.DEFAULT_MAX_PDU_LENGTH);
  }

  public DicomDestinationSettings withCallingAeTitle(String v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        v,
        tls,
        maxAssociations,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        idleRelease,
        transferSyntaxes,
        maxPduLength);
  }

  public DicomDestinationSettings withTls(TlsSettings v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        v,
        maxAssociations,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        idleRelease,
        transferSyntaxes,
        maxPduLength);
  }

  public DicomDestinationSettings withMaxAssociations(int v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        tls,
        v,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        idleRelease,
        transferSyntaxes,
        maxPduLength);
  }

  /** Sets the connect, association and DIMSE timeouts. */
  public DicomDestinationSettings withTimeouts(
      Duration connect, Duration association, Duration dimse) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        tls,
        maxAssociations,
        connect,
        association,
        dimse,
        idleRelease,
        transferSyntaxes,
        maxPduLength);
  }

  public DicomDestinationSettings withIdleRelease(Duration v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        tls,
        maxAssociations,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        v,
        transferSyntaxes,
        maxPduLength);
  }

  public DicomDestinationSettings withTransferSyntaxes(List<String> v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        tls,
        maxAssociations,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        idleRelease,
        v,
        maxPduLength);
  }

  public DicomDestinationSettings withMaxPduLength(int v) {
    return new DicomDestinationSettings(
        name,
        aeTitle,
        host,
        port,
        callingAeTitle,
        tls,
        maxAssociations,
        connectTimeout,
        associationTimeout,
        dimseTimeout,
        idleRelease,
        transferSyntaxes,
        v);
  }

  /** {@code AET@host:port}, for messages. */
  public String peer() {
    return aeTitle + "@" + host + ":" + port;
  }

  /** An AE title (PS3.5 AE: 1..16 characters, no control characters or backslash, not blank). */
  static String requireAeTitle(String ae, String what) {
    if (ae == null || ae.isBlank() || ae.length() > 16) {
      throw new IllegalArgumentException(what + " must have 1..16 characters: " + ae);
    }
    for (int i = 0; i < ae.length(); i++) {
      char c = ae.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '\\') {
        throw new IllegalArgumentException(what + " has an illegal character: " + ae);
      }
    }
    return ae.strip();
  }
}
