package org.roentgen.validation.dicom;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link MwlWorklist} asks the Modality Worklist SCP (PS3.4 annex K).
 *
 * @param host host name or address of the worklist SCP
 * @param port its TCP port
 * @param calledAeTitle the SCP's AE title (at most 16 characters, PS3.5 table 6.2-1)
 * @param callingAeTitle our AE title, as the SCP knows it
 * @param connectTimeout TCP connect timeout (bounded by {@code responseTimeout} too)
 * @param responseTimeout the whole query at most: waiting for a free association, connecting,
 *     negotiating and every C-FIND response; past it the query fails as unavailable
 * @param maxAssociations associations open at once; a query past this waits for one (within its
 *     {@code responseTimeout})
 * @param keepAlive how long an idle association is kept for the next query; {@link Duration#ZERO}
 *     releases it after every query
 */
public record WorklistSettings(
    String host,
    int port,
    String calledAeTitle,
    String callingAeTitle,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxAssociations,
    Duration keepAlive) {

  /** Our AE title unless configured otherwise. */
  public static final String DEFAULT_CALLING_AE_TITLE = "ROENTGEN_VAL";

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_ASSOCIATIONS = 4;
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

  /** Longest AE title (PS3.5 table 6.2-1, VR AE). */
  private static final int MAX_AE_TITLE_LENGTH = 16;

  public WorklistSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("worklist host is blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("worklist port out of range: " + port);
    }
    aeTitle("called", calledAeTitle);
    aeTitle("calling", callingAeTitle);
    positive("connectTimeout", connectTimeout);
    positive("responseTimeout", responseTimeout);
    if (maxAssociations < 1) {
      throw new IllegalArgumentException("maxAssociations must be at least 1: " + maxAssociations);
    }
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative()) {
      throw new IllegalArgumentException("keepAlive is negative: " + keepAlive);
    }
  }

  /** The SCP at {@code host:port} as {@code calledAeTitle}, every other setting its default. */
  public static WorklistSettings of(String host, int port, String calledAeTitle) {
    return new WorklistSettings(
        host,
        port,
        calledAeTitle,
        DEFAULT_CALLING_AE_TITLE,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_RESPONSE_TIMEOUT,
        DEFAULT_MAX_ASSOCIATIONS,
        DEFAULT_KEEP_ALIVE);
  }

  public WorklistSettings withResponseTimeout(Duration v) {
    return new WorklistSettings(
        host, port, calledAeTitle, callingAeTitle, connectTimeout, v, maxAssociations, keepAlive);
  }

  public WorklistSettings withConnectTimeout(Duration v) {
    return new WorklistSettings(
        host, port, calledAeTitle, callingAeTitle, v, responseTimeout, maxAssociations, keepAlive);
  }

  public WorklistSettings withMaxAssociations(int v) {
    return new WorklistSettings(
        host, port, calledAeTitle, callingAeTitle, connectTimeout, responseTimeout, v, keepAlive);
  }

  public WorklistSettings withKeepAlive(Duration v) {
    return new WorklistSettings(
        host,
        port,
        calledAeTitle,
        callingAeTitle,
        connectTimeout,
        responseTimeout,
        maxAssociations,
        v);
  }

  public WorklistSettings withCallingAeTitle(String v) {
    return new WorklistSettings(
        host, port, calledAeTitle, v, connectTimeout, responseTimeout, maxAssociations, keepAlive);
  }

  /** The peer as {@code AE@host:port}, for messages and logs. */
  public String peer() {
    return calledAeTitle + "@" + host + ":" + port;
  }

  private static void aeTitle(String which, String ae) {
    Objects.requireNonNull(ae, which + " AE title");
    String t = ae.strip();
    if (t.isEmpty() || ae.length() > MAX_AE_TITLE_LENGTH || !t.equals(ae) || ae.contains("\\")) {
      throw new IllegalArgumentException(
          which + " AE title must be 1 to 16 characters without padding or '\\': '" + ae + "'");
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
