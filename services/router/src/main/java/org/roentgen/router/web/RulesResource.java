package org.roentgen.router.web;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.roentgen.router.RouterService;
import org.roentgen.router.routing.DryRun;
import org.roentgen.router.rules.RuleError;
import org.roentgen.router.rules.RuleFileException;
import org.roentgen.router.rules.RuleFileParser;
import org.roentgen.router.rules.RuleSet;
import org.roentgen.router.rules.RuleStatus;

/**
 * The rules: the ones in force (file, hash, count, when loaded, the last refused version's errors)
 * and a dry run of a candidate rule file against the events of a past time window.
 */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {
  private final RouterService service;

  public RulesResource(RouterService service) {
    this.service = service;
  }

  /** A refused candidate: every error with its line and column. */
  public record Refused(String message, List<RuleError> errors) {}

  @GET
  public RuleStatus status() {
    return service.rules().status();
  }

  /**
   * Decides the input topic's events published between {@code from} and {@code to} (ISO-8601
   * instants; default: the last hour) by the rules in force and by the candidate in the body (the
   * YAML of a rule file), and tells what would change. At most {@code limit} events (default
   * 10,000).
   */
  @POST
  @Path("/dry-run")
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  public Response dryRun(
      String candidateYaml,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") Integer limit) {
    Instant end = instant(to, Instant.now(), "to");
    Instant start = instant(from, end.minus(Duration.ofHours(1)), "from");
    if (!start.isBefore(end)) {
      throw new BadRequestException("from must be before to");
    }
    if (candidateYaml == null || candidateYaml.isBlank()) {
      throw new BadRequestException("the body must be the candidate rule file (YAML)");
    }
    RuleSet candidate;
    try {
      ZoneId zone = service.config().rules().zone().map(ZoneId::of).orElse(ZoneId.systemDefault());
      candidate =
          new RuleFileParser(service.destinationNames(), zone)
              .parse(candidateYaml.getBytes(StandardCharsets.UTF_8), "candidate");
    } catch (RuleFileException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(new Refused("the candidate rule file is invalid", e.errors()))
          .build();
    }
    DryRun.Result result =
        DryRun.run(
            service.config().kafka().bootstrapServers(),
            service.config().kafka().inputTopic(),
            start,
            end,
            limit == null ? 10_000 : Math.max(1, limit),
            service.rules().current(),
            candidate,
            Duration.ofMinutes(2));
    return Response.ok(result).build();
  }

  private static Instant instant(String text, Instant otherwise, String name) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(name + " must be an ISO-8601 instant: " + text);
    }
  }
}
