package org.roentgen.router.destination;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How the router authenticates to a DICOMweb server: the value of its Authorization header. */
public sealed interface HttpAuth {
  /** The Authorization header's value. */
  String header();

  /** HTTP Basic authentication (RFC 7617), UTF-8. */
  record Basic(String username, String password) implements HttpAuth {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a Basic user name cannot hold ':'");
      }
    }

    @Override
    public String header() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", password hidden]";
    }
  }

  /** A bearer token (RFC 6750), e.g. an OAuth 2 access token. */
  record Bearer(String token) implements HttpAuth {
    public Bearer {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("a bearer token is required");
      }
    }

    @Override
    public String header() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[token hidden]";
    }
  }
}
