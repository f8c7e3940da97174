package org.roentgen.router.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.roentgen.router.RouterService;
import org.roentgen.router.rules.RuleStatus;

/** The rules in force: file, hash, count, when loaded, and the last refused version's errors. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {
  private final RouterService service;

  public RulesResource(RouterService service) {
    this.service = service;
  }

  @GET
  public RuleStatus status() {
    return service.rules().status();
  }
}
