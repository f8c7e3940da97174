package org.roentgen.archive.auth;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Who the caller is and what it may do: the web page's login check. No patient data. */
@Path("/api/me")
public class MeResource {
  private final SecurityIdentity identity;

  public MeResource(SecurityIdentity identity) {
    this.identity = identity;
  }

  @GET
  @Authenticated
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> me() {
    List<String> roles = Roles.ORDER.stream().filter(identity::hasRole).toList();
    return Map.of("user", identity.getPrincipal().getName(), "roles", roles);
  }
}
