package org.roentgen.archive.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of the local user store: PBKDF2 with HMAC-SHA-256 (JDK), written as {@code
 * pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}.
 */
public final class PasswordHash {
  /** Iterations of a new hash (OWASP's recommendation for PBKDF2-HMAC-SHA256). */
  public static final int ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** A new hash of {@code password} with a random salt. */
  public static String hash(char[] password) {
    return hash(password, ITERATIONS);
  }

  static String hash(char[] password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** True when {@code password} matches {@code stored}; false for a malformed hash. */
  public static boolean verify(char[] password, String stored) {
    String[] p = stored.split("\\$");
    if (p.length != 4 || !p[0].equals(PREFIX)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(p[1]);
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] expected = Base64.getDecoder().decode(p[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
