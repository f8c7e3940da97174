package org.roentgen.archive.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.roentgen.archive.audit.AuditDetails;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.Audited;
import org.roentgen.archive.auth.Roles;

/**
 * Legal holds for admins: list ({@code ?all=true} with the lifted ones), place ({@code PUT} with
 * {@code {"reason": "..."}}) and lift ({@code DELETE} with {@code {"reason": "..."}} or {@code
 * ?reason=}). Placing and lifting change what may happen to the study's instances: recorded as
 * DICOM Instances Accessed with action U, the reason in the record's details.
 */
@Path("/api/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
public class LegalHoldResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final int MAX_REASON = 2000;

  private final LegalHolds holds;
  private final SecurityIdentity identity;
  private final AuditDetails audit;

  public LegalHoldResource(LegalHolds holds, SecurityIdentity identity, AuditDetails audit) {
    this.holds = holds;
    this.identity = identity;
    this.audit = audit;
  }

  @GET
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.QUERY)
  public List<LegalHold> list(@QueryParam("all") boolean all) throws SQLException {
    List<LegalHold> out = holds.list(all);
    out.forEach(h -> audit.study(h.studyInstanceUid()));
    return out;
  }

  /** 201 with the new hold, 200 with the hold in force, 409 when retention deleted the study. */
  @PUT
  @Path("/{study}")
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.INSTANCES_CHANGED)
  public Response place(@PathParam("study") String study, String body) throws SQLException {
    if (!validUid(study)) {
      return RetentionResource.error(400, "not a Study Instance UID: " + study);
    }
    Optional<String> reason = reason(body, null);
    if (reason.isEmpty()) {
      return RetentionResource.error(
          400,
          "a hold needs a reason: {\"reason\": \"...\"} (at most " + MAX_REASON + " characters)");
    }
    audit.detail("reason", reason.get());
    LegalHolds.Placed placed = holds.place(study, reason.get(), user());
    if (placed instanceof LegalHolds.Placed.Created c) {
      return Response.status(201).entity(c.hold()).build();
    }
    if (placed instanceof LegalHolds.Placed.Existing e) {
      return Response.ok(e.hold()).build();
    }
    return RetentionResource.error(
        409,
        "retention deleted the study (tombstones of "
            + ((LegalHolds.Placed.Deleted) placed).deletedAt()
            + ")");
  }

  /** 200 with the lifted hold, 404 when the study has none in force. */
  @DELETE
  @Path("/{study}")
  @RolesAllowed(Roles.ADMIN)
  @Audited(AuditEvent.INSTANCES_CHANGED)
  public Response lift(
      @PathParam("study") String study, @QueryParam("reason") String query, String body)
      throws SQLException {
    if (!validUid(study)) {
      return RetentionResource.error(400, "not a Study Instance UID: " + study);
    }
    Optional<String> reason = reason(body, query);
    if (reason.isEmpty()) {
      return RetentionResource.error(
          400, "lifting a hold needs a reason: {\"reason\": \"...\"} or ?reason=");
    }
    audit.detail("reason", reason.get());
    return holds
        .lift(study, reason.get(), user())
        .map(h -> Response.ok(h).build())
        .orElseGet(() -> RetentionResource.error(404, "no legal hold in force on " + study));
  }

  private static boolean validUid(String uid) {
    return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
  }

  private static Optional<String> reason(String body, String query) {
    String reason = query;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode b = JSON.readTree(body);
        if (b.path("reason").isTextual()) {
          reason = b.path("reason").asText();
        }
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
    return reason == null || reason.isBlank() || reason.length() > MAX_REASON
        ? Optional.empty()
        : Optional.of(reason.strip());
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}
