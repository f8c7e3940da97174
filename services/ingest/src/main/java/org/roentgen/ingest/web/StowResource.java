package org.roentgen.ingest.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.ingest.config.IngestBeans;
import org.roentgen.ingest.domain.AckPolicy;
import org.roentgen.ingest.domain.FailureCause;
import org.roentgen.ingest.domain.IncomingObject;
import org.roentgen.ingest.domain.Ingestor;
import org.roentgen.ingest.domain.StoreOutcome;

/**
 * STOW-RS (PS3.18 10.5): {@code POST /dicomweb/studies} with a multipart/related body of
 * application/dicom parts, each a Part 10 file, stored by the same path as C-STORE (durable policy:
 * the response comes once every stored part is in S3 and on Kafka). Parts stream through; none is
 * held in memory. Response: 200 all stored, 202 some failed, 409 none stored, 503 none stored
 * because S3 or Kafka is away (retry later); the body lists stored and failed instances
 * (ReferencedSOPSequence, FailedSOPSequence with the DIMSE status as FailureReason).
 */
@Path("/dicomweb/studies")
public class StowResource {
  static final String DICOM_JSON = "application/dicom+json";
  private final Ingestor ingestor;

  public StowResource(Ingestor ingestor) {
    this.ingestor = ingestor;
  }

  @POST
  public Response store(
      @HeaderParam("Content-Type") String contentType,
      @Context HttpServerRequest request,
      InputStream body)
      throws IOException {
    return stow(contentType, null, request, body);
  }

  @POST
  @Path("/{study}")
  public Response storeInStudy(
      @HeaderParam("Content-Type") String contentType,
      @PathParam("study") String study,
      @Context HttpServerRequest request,
      InputStream body)
      throws IOException {
    return stow(contentType, study, request, body);
  }

  private Response stow(
      String contentType, String study, HttpServerRequest request, InputStream body)
      throws IOException {
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String boundary = MultipartRelated.boundaryOf(contentType);
    if (!ct.startsWith("multipart/related") || boundary == null) {
      return problem(415, "expected multipart/related; type=\"application/dicom\" with a boundary");
    }
    String remote =
        request.remoteAddress() == null
            ? "unknown"
            : request.remoteAddress().hostAddress() + ":" + request.remoteAddress().port();
    InstanceReceived.Source source =
        new InstanceReceived.Source(
            InstanceReceived.Protocol.STOW_RS, null, null, remote, IngestBeans.receiverName());
    MultipartRelated parts = new MultipartRelated(body, boundary);
    List<ObjectNode> stored = new ArrayList<>();
    List<ObjectNode> failed = new ArrayList<>();
    boolean unavailable = false;
    try {
      for (MultipartRelated.Part part = parts.next(); part != null; part = parts.next()) {
        String type = part.headers().getOrDefault("content-type", "application/dicom");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
          failed.add(reference(null, null, Status.SOP_CLASS_NOT_SUPPORTED.code()));
          continue;
        }
        Part10Meta meta;
        try {
          meta = Part10Meta.read(part.body());
        } catch (Part10Meta.NotPart10Exception e) {
          failed.add(reference(null, null, Status.CANNOT_UNDERSTAND.code()));
          continue;
        }
        IncomingObject o =
            new IncomingObject(
                meta.sopClassUid(),
                meta.sopInstanceUid(),
                meta.transferSyntaxUid(),
                source,
                AckPolicy.DURABLE);
        StoreOutcome out = ingestor.receiveDurable(o, part.body());
        if (out.succeeded() && study != null && !study.equals(out.event().studyInstanceUid())) {
          // Stored (nothing is lost), but reported as not belonging to the study addressed.
          failed.add(reference(o, null, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code()));
        } else if (out.succeeded()) {
          stored.add(reference(o, null, -1));
        } else {
          unavailable |=
              out.cause() == FailureCause.OBJECT_STORE || out.cause() == FailureCause.EVENT_BUS;
          failed.add(reference(o, out.comment(), out.status()));
        }
      }
    } catch (MultipartRelated.MultipartException e) {
      if (stored.isEmpty()) {
        return problem(400, "malformed multipart body: " + e.getMessage());
      }
      failed.add(reference(null, e.getMessage(), Status.CANNOT_UNDERSTAND.code()));
    }
    ObjectNode response = EventJson.mapper().createObjectNode();
    if (!stored.isEmpty()) {
      sequence(response, "00081199", stored);
    }
    if (!failed.isEmpty()) {
      sequence(response, "00081198", failed);
    }
    int status;
    if (failed.isEmpty()) {
      status = 200;
    } else if (!stored.isEmpty()) {
      status = 202;
    } else {
      status = unavailable ? 503 : 409;
    }
    Response.ResponseBuilder r =
        Response.status(status).type(DICOM_JSON).entity(response.toString());
    if (status == 503) {
      r.header("Retry-After", "30");
    }
    return r.build();
  }

  private static ObjectNode reference(IncomingObject o, String comment, int failureReason) {
    ObjectNode item = EventJson.mapper().createObjectNode();
    if (o != null && o.sopClassUid() != null) {
      value(item, "00081150", "UI", o.sopClassUid());
    }
    if (o != null && o.sopInstanceUid() != null) {
      value(item, "00081155", "UI", o.sopInstanceUid());
    }
    if (failureReason >= 0) {
      ObjectNode reason = item.putObject("00081197");
      reason.put("vr", "US");
      reason.putArray("Value").add(failureReason);
    }
    return item;
  }

  private static void value(ObjectNode item, String tag, String vr, String v) {
    ObjectNode e = item.putObject(tag);
    e.put("vr", vr);
    e.putArray("Value").add(v);
  }

  private static void sequence(ObjectNode response, String tag, List<ObjectNode> items) {
    ObjectNode seq = response.putObject(tag);
    seq.put("vr", "SQ");
    ArrayNode values = seq.putArray("Value");
    items.forEach(values::add);
  }

  private static Response problem(int status, String message) {
    return Response.status(status).type("text/plain").entity(message + "\n").build();
  }
}
