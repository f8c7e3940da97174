package org.roentgen.archive.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives every authenticated identity, local or OIDC, the roles its roles include ({@link
 * Roles#expand}): an endpoint names the least role it needs.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {
  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder(identity)
                .addRoles(Roles.expand(identity.getRoles()))
                .build());
  }
}
