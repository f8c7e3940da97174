package org.roentgen.archive.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roentgen.archive.config.ArchiveConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks user name and password (HTTP Basic, the web page's form) against the local user store. A
 * password checked is remembered for {@code archive.auth.credential-cache} as a digest, so that a
 * viewer's many requests do not each pay for PBKDF2.
 */
@ApplicationScoped
public class LocalIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(LocalIdentityProvider.class);

  private record Checked(String hash, long until) {}

  private final Optional<LocalUsers> users;
  private final long cacheNanos;
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  public LocalIdentityProvider(ArchiveConfig config) {
    this.users = config.auth().usersFile().map(LocalUsers::new);
    this.cacheNanos = config.auth().credentialCache().toNanos();
    users.ifPresent(
        u -> {
          if (config.auth().bootstrapUsers() && u.bootstrap()) {
            LOG.info(
                "created the local user file {} with one user per role; their first passwords are"
                    + " in initial-passwords.txt beside it",
                u.file());
          }
        });
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () -> check(request.getUsername(), request.getPassword().getPassword()));
  }

  private SecurityIdentity check(String name, char[] password) {
    if (users.isEmpty()) {
      throw new AuthenticationFailedException("no local user store");
    }
    LocalUsers.User user =
        users.get().find(name).orElseThrow(() -> new AuthenticationFailedException("unknown"));
    String key = name + "\u0000" + digest(password);
    Checked c = checked.get(key);
    long now = System.nanoTime();
    boolean ok = c != null && c.hash().equals(user.hash()) && now - c.until() < 0;
    if (!ok) {
      if (!PasswordHash.verify(password, user.hash())) {
        throw new AuthenticationFailedException("wrong password");
      }
      checked.put(key, new Checked(user.hash(), now + cacheNanos));
    }
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(user.name()))
        .addRoles(user.roles())
        .build();
  }

  private static String digest(char[] password) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(md.digest(new String(password).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
