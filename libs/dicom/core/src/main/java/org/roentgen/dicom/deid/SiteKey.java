package org.roentgen.dicom.deid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The site's de-identification secret as an HMAC-SHA-256 key, from which every replacement value is
 * derived: the same original gives the same replacement across instances, calls and restarts, while
 * nobody without the secret can compute or reverse it.
 *
 * <p>Each use hashes a domain name and the original value, so that a UID and a patient ID that
 * happen to be equal give unrelated results. The secret never leaves this object: {@link
 * #toString()} does not show it. Thread-safe.
 */
public final class SiteKey {
  /** Secrets shorter than this are refused (RFC 2104 advises at least the hash's output, 32). */
  public static final int MIN_SECRET_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String UID_DOMAIN = "uid";
  private static final String UUID_ROOT = "2.25.";
  private static final int UUID_BYTES = 16;
  private static final int VERSION_BYTE = 6;
  private static final int VARIANT_BYTE = 8;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private SiteKey(byte[] secret) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * A key from the site secret (copied).
   *
   * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_BYTES}
   */
  public static SiteKey of(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the de-identification secret needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    return new SiteKey(secret.clone());
  }

  /** A key from a secret given as text (its UTF-8 bytes), e.g. from an environment variable. */
  public static SiteKey of(String secret) {
    return of(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The replacement of a UID: {@code 2.25.} and the decimal value of a UUID (PS3.5 B.2, ISO/IEC
   * 9834-8) made of 128 bits of HMAC-SHA-256 of the original, with the version (8, RFC 9562's
   * custom UUID) and variant bits set. At most 44 characters, within the 64 of a UI value.
   */
  public String uid(String original) {
    byte[] h = hash(UID_DOMAIN, original);
    byte[] uuid = Arrays.copyOf(h, UUID_BYTES);
    uuid[VERSION_BYTE] = (byte) ((uuid[VERSION_BYTE] & 0x0F) | 0x80);
    uuid[VARIANT_BYTE] = (byte) ((uuid[VARIANT_BYTE] & 0x3F) | 0x80);
    return UUID_ROOT + new BigInteger(1, uuid);
  }

  /** The first {@code hexDigits} upper-case hex digits of the HMAC of {@code value} in a domain. */
  public String token(String domain, String value, int hexDigits) {
    String hex = HexFormat.of().withUpperCase().formatHex(hash(domain, value));
    return hex.substring(0, Math.min(hexDigits, hex.length()));
  }

  private byte[] hash(String domain, String value) {
    Mac mac = macs.get();
    mac.update(domain.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "SiteKey[" + ALGORITHM + ", secret hidden]";
  }
}
