package org.roentgen.archive.it;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bearer tokens as an OIDC provider issues them: RS256-signed JWTs with the user in {@code
 * preferred_username} and the roles in {@code groups}, signed by a key pair of the test run whose
 * public half the archive is configured with ({@code quarkus.oidc.public-key}).
 */
final class Tokens {
  static final KeyPair KEYS = generate();
  static final KeyPair OTHER_KEYS = generate();

  private Tokens() {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as quarkus.oidc.public-key takes it (base64 of its X.509 encoding). */
  static String publicKey() {
    return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
  }

  static String token(String user, List<String> roles, Instant expires) {
    return sign(KEYS, user, roles, expires);
  }

  static String sign(KeyPair keys, String user, List<String> roles, Instant expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    long now = Instant.now().getEpochSecond();
    String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
    String payload =
        "{\"iss\":\"https://idp.example.org/realms/hospital\",\"sub\":\""
            + user
            + "-id\",\"preferred_username\":\""
            + user
            + "\",\"groups\":["
            + groups
            + "],\"iat\":"
            + now
            + ",\"exp\":"
            + expires.getEpochSecond()
            + "}";
    String signingInput =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(keys.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
