package org.roentgen.archive.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.roentgen.archive.audit.AuditDetails;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.Audited;
import org.roentgen.archive.auth.Roles;

/**
 * Retention for admins: the policies ({@code GET}, {@code PUT} replaces the whole set) and runs
 * ({@code POST /run}, a dry run unless the body says {@code "dryRun": false}). Changing the
 * policies is recorded as a Security Alert (a security configuration change, PS3.15 A.5.3.11); a
 * run as a Query naming the studies it lists, and each study it deletes leaves a DICOM Study
 * Deleted record of its own.
 */
@Path("/api/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> POLICY_FIELDS =
      Set.of("modality", "minimumAgeDays", "description");
  private static final int MAX_AGE_DAYS = 100 * 366;

  private final Policies policies;
  private final Retention retention;
  private final SecurityIdentity identity;
  private final AuditDetails audit;

  public RetentionResource(
      Policies policies, Retention retention, SecurityIdentity identity, AuditDetails audit) {
    this.policies = policies;
    this.retention = retention;
    this.identity = identity;
    this.audit = audit;
  }

  @GET
  @Path("/policies")
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.QUERY)
  public List<RetentionPolicy> policies() throws SQLException {
    return policies.current();
  }

  /**
   * Replaces the policies: a JSON array of {@code {"modality": "CR", "minimumAgeDays": 3650,
   * "description": "..."}}, the modality absent (or {@code "*"}) for any modality; at most one
   * policy per modality. An empty array ends retention.
   */
  @PUT
  @Path("/policies")
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.SECURITY_ALERT)
  public Response replace(String body) throws SQLException {
    List<RetentionPolicy.Draft> drafts = new ArrayList<>();
    try {
      JsonNode array = JSON.readTree(body == null ? "" : body);
      if (array == null || !array.isArray()) {
        return error(400, "the body is a JSON array of policies");
      }
      Set<String> modalities = new HashSet<>();
      for (JsonNode p : array) {
        RetentionPolicy.Draft d = draft(p);
        if (!modalities.add(d.modality() == null ? "*" : d.modality())) {
          return error(
              400, "two policies for modality " + (d.modality() == null ? "*" : d.modality()));
        }
        drafts.add(d);
      }
    } catch (JsonProcessingException e) {
      return error(400, "the body is not JSON");
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    audit.detail("policies", drafts);
    return Response.ok(policies.replace(drafts, user())).build();
  }

  private static RetentionPolicy.Draft draft(JsonNode p) {
    if (!p.isObject()) {
      throw new IllegalArgumentException("each policy is a JSON object");
    }
    for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!POLICY_FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field " + name + "; a policy has " + new TreeSet<>(POLICY_FIELDS));
      }
    }
    JsonNode m = p.path("modality");
    String modality = null;
    if (m.isTextual() && !m.asText().equals("*")) {
      modality = RetentionRules.normalise(m.asText());
      if (!RetentionRules.validModality(modality)) {
        throw new IllegalArgumentException(
            "modality is a Modality (0008,0060) value: " + m.asText());
      }
    } else if (!m.isMissingNode() && !m.isNull() && !m.isTextual()) {
      throw new IllegalArgumentException("modality is a text");
    }
    JsonNode age = p.path("minimumAgeDays");
    if (!age.isIntegralNumber() || age.asLong() < 1 || age.asLong() > MAX_AGE_DAYS) {
      throw new IllegalArgumentException(
          "minimumAgeDays is a whole number of days from 1 to " + MAX_AGE_DAYS);
    }
    JsonNode description = p.path("description");
    if (!description.isMissingNode() && !description.isNull() && !description.isTextual()) {
      throw new IllegalArgumentException("description is a text");
    }
    return new RetentionPolicy.Draft(
        modality, age.asInt(), description.isTextual() ? description.asText() : null);
  }

  /**
   * Runs the policies now: {@code {"dryRun": false}} deletes, anything else (no body, {@code {}})
   * only lists what would go. 409 while another run is in progress.
   */
  @POST
  @Path("/run")
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.QUERY)
  public Response run(String body, @Context HttpServerRequest http) throws SQLException {
    boolean dryRun = true;
    try {
      JsonNode b = body == null || body.isBlank() ? null : JSON.readTree(body);
      if (b != null && !b.isObject()) {
        return error(400, "the body is a JSON object: {\"dryRun\": false} to delete");
      }
      if (b != null && b.has("dryRun")) {
        if (!b.get("dryRun").isBoolean()) {
          return error(400, "dryRun is true or false");
        }
        dryRun = b.get("dryRun").asBoolean();
      }
    } catch (JsonProcessingException e) {
      return error(400, "the body is not JSON");
    }
    audit.detail("dryRun", dryRun);
    try {
      String remote =
          http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
      RunReport report = retention.run(user(), roles(), remote, "POST /api/retention/run", dryRun);
      report.studies().forEach(s -> audit.study(s.studyInstanceUid()));
      report.held().forEach(s -> audit.study(s.studyInstanceUid()));
      return Response.ok(report).build();
    } catch (Retention.Busy e) {
      return error(409, e.getMessage());
    }
  }

  private String user() {
    return identity.getPrincipal().getName();
  }

  private String roles() {
    return String.join(
        ",", new TreeSet<>(identity.getRoles().stream().filter(Roles::known).toList()));
  }

  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(JSON.createObjectNode().put("status", status).put("error", message).toString())
        .build();
  }
}
