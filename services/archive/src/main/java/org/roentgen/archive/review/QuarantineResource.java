package org.roentgen.archive.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.roentgen.archive.audit.AuditDetails;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.Audited;
import org.roentgen.archive.auth.Roles;
import org.roentgen.platform.objectstore.ObjectStoreException;

/**
 * The quarantine review (technologist): what the router held back and why, and the reviewer's
 * corrections, releases and rejects. Every call is audited; an action's reason goes into its audit
 * record too.
 */
@Path("/api/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {
  private final ReviewService review;
  private final SecurityIdentity identity;
  private final AuditDetails audit;
  private final QuarantineMetrics metrics;

  public QuarantineResource(
      ReviewService review,
      SecurityIdentity identity,
      AuditDetails audit,
      QuarantineMetrics metrics) {
    this.review = review;
    this.identity = identity;
    this.audit = audit;
    this.metrics = metrics;
  }

  @GET
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  public Response list(@QueryParam("state") String state, @QueryParam("limit") Integer limit)
      throws Exception {
    ReviewService.State s = null;
    if (state != null && !state.isBlank() && !state.equalsIgnoreCase("all")) {
      try {
        s = ReviewService.State.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return problem(400, "state is held, released, rejected or all");
      }
    } else if (state == null || state.isBlank()) {
      s = ReviewService.State.HELD;
    }
    var list = review.list(s, limit == null ? 500 : Math.max(1, Math.min(5000, limit)));
    for (ObjectNode n : list) {
      audit.study(n.path("studyInstanceUid").asText());
      audit.instance(n.path("sopInstanceUid").asText());
    }
    return Response.ok(list).build();
  }

  @GET
  @Path("/{sop}")
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  public Response detail(@PathParam("sop") String sop) throws Exception {
    try {
      ObjectNode d = review.detail(sop);
      d.set("history", review.history(sop));
      audit.study(d.path("studyInstanceUid").asText());
      return Response.ok(d).build();
    } catch (ReviewException e) {
      return problem(e.status(), e.getMessage());
    }
  }

  @GET
  @Path("/{sop}/preview")
  @Produces("image/png")
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  public Response preview(@PathParam("sop") String sop) throws Exception {
    try {
      byte[] png = review.preview(sop);
      if (png == null) {
        return problem(404, "no preview of " + sop);
      }
      return Response.ok(png, "image/png").build();
    } catch (ObjectStoreException e) {
      return problem(503, "the object store is not reachable");
    }
  }

  @POST
  @Path("/{sop}/corrections")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_CHANGED)
  public Response correct(@PathParam("sop") String sop, JsonNode body) throws Exception {
    String reason = body == null ? null : body.path("reason").asText(null);
    Map<String, String> changes = new LinkedHashMap<>();
    if (body != null) {
      body.path("changes")
          .fields()
          .forEachRemaining(e -> changes.put(e.getKey(), e.getValue().asText(null)));
    }
    audit.detail("action", "correct");
    audit.detail("reason", reason);
    audit.detail("attributes", changes.keySet());
    try {
      return Response.ok(review.correct(sop, user(), reason, changes)).build();
    } catch (ReviewException e) {
      return problem(e.status(), e.getMessage());
    } catch (ObjectStoreException e) {
      return problem(503, "the object store is not reachable; nothing was changed, try again");
    }
  }

  @POST
  @Path("/{sop}/release")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_CHANGED)
  public Response release(@PathParam("sop") String sop, JsonNode body) throws Exception {
    String reason = body == null ? null : body.path("reason").asText(null);
    audit.detail("action", "release");
    audit.detail("reason", reason);
    try {
      return Response.ok(review.release(sop, user(), reason)).build();
    } catch (ReviewException e) {
      return problem(e.status(), e.getMessage());
    }
  }

  @POST
  @Path("/{sop}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.TECHNOLOGIST)
  @Audited(AuditEvent.INSTANCES_CHANGED)
  public Response reject(@PathParam("sop") String sop, JsonNode body) throws Exception {
    String reason = body == null ? null : body.path("reason").asText(null);
    String code = body == null ? null : body.path("rejectReason").asText(null);
    audit.detail("action", "reject");
    audit.detail("reason", reason);
    audit.detail("rejectReason", code);
    try {
      ObjectNode rejected = review.reject(sop, user(), reason, code);
      metrics.rejected(code, review.detail(sop).path("station").asText(null));
      return Response.ok(rejected).build();
    } catch (ReviewException e) {
      return problem(e.status(), e.getMessage());
    }
  }

  private String user() {
    return identity.getPrincipal().getName();
  }

  private static Response problem(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", message);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
