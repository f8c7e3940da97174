package org.roentgen.archive.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.config.ArchiveBeans;

/** The audit trail, exported as DICOM audit messages in JSON; reading it is itself audited. */
@Path("/api/audit")
public class AuditResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 10_000;

  private final AuditLog log;

  public AuditResource(AuditLog log) {
    this.log = log;
  }

  @GET
  @RolesAllowed(Roles.QA)
  @Audited(AuditEvent.AUDIT_LOG_USED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response export(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("user") String user,
      @QueryParam("limit") Integer limit)
      throws SQLException {
    Instant start;
    Instant end;
    try {
      start = from == null ? Instant.EPOCH : Instant.parse(from);
      end = to == null ? Instant.now().plusSeconds(1) : Instant.parse(to);
    } catch (DateTimeParseException e) {
      return Response.status(400)
          .type(MediaType.APPLICATION_JSON)
          .entity("{\"status\":400,\"error\":\"from and to are RFC 3339 times\"}")
          .build();
    }
    int n = limit == null ? 1000 : Math.max(1, Math.min(MAX, limit));
    ArrayNode out = JSON.createArrayNode();
    for (AuditRecord r : log.read(start, end, user, n)) {
      out.add(AuditMessages.message(r, ArchiveBeans.SERVICE + "@" + ArchiveBeans.instanceName()));
    }
    return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
  }
}
