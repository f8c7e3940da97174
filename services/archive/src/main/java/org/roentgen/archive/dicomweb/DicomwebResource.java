package org.roentgen.archive.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.roentgen.archive.audit.AuditDetails;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.Audited;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.config.ArchiveConfig;
import org.roentgen.archive.index.Header;
import org.roentgen.dicom.data.Tag;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DICOMweb (PS3.18) on the index and the object store: QIDO-RS searches for studies, series and
 * instances; WADO-RS retrieval of studies, series and instances (multipart/related of
 * application/dicom parts streamed from the object store one object at a time), their metadata (the
 * DICOM JSON model), and the frames of uncompressed images.
 */
@Path("/dicomweb")
public class DicomwebResource {
  private static final Logger LOG = LoggerFactory.getLogger(DicomwebResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DICOM_JSON = "application/dicom+json";
  private static final int COPY_BUFFER = 256 * 1024;
  private static final String FUZZY_WARNING =
      "299 archive: \"The fuzzymatching parameter is not supported. Only literal matching has been"
          + " performed.\"";

  private final ArchiveConfig config;
  private final QidoSearch qido;
  private final InstanceLocator locator;
  private final ObjectStore store;
  private final AuditDetails audit;

  public DicomwebResource(
      ArchiveConfig config,
      QidoSearch qido,
      InstanceLocator locator,
      ObjectStore store,
      AuditDetails audit) {
    this.config = config;
    this.qido = qido;
    this.locator = locator;
    this.store = store;
    this.audit = audit;
  }

  // ---- QIDO-RS ------------------------------------------------------------------------------

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/studies")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchStudies(@Context UriInfo uri) throws SQLException {
    return search(QidoLevel.STUDY, null, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/series")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchSeries(@Context UriInfo uri) throws SQLException {
    return search(QidoLevel.SERIES, null, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/studies/{study}/series")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchStudySeries(@PathParam("study") String study, @Context UriInfo uri)
      throws SQLException {
    return search(QidoLevel.SERIES, study, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/instances")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchInstances(@Context UriInfo uri) throws SQLException {
    return search(QidoLevel.INSTANCE, null, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/studies/{study}/instances")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchStudyInstances(@PathParam("study") String study, @Context UriInfo uri)
      throws SQLException {
    return search(QidoLevel.INSTANCE, study, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.QUERY)
  @Path("/studies/{study}/series/{series}/instances")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response searchSeriesInstances(
      @PathParam("study") String study, @PathParam("series") String series, @Context UriInfo uri)
      throws SQLException {
    return search(QidoLevel.INSTANCE, study, series, uri);
  }

  private Response search(QidoLevel level, String study, String series, UriInfo uri)
      throws SQLException {
    QidoQuery q;
    try {
      q =
          QidoQuery.parse(
              level,
              study,
              series,
              uri.getQueryParameters(),
              config.dicomweb().defaultLimit(),
              config.dicomweb().maxLimit());
    } catch (QidoException e) {
      return problem(Response.Status.BAD_REQUEST, e.getMessage());
    }
    ArrayNode results;
    try {
      results = qido.search(q, baseUrl(uri));
    } catch (QidoException e) {
      return problem(Response.Status.BAD_REQUEST, e.getMessage());
    }
    for (JsonNode result : results) {
      audit.study(result.path(Header.key(Tag.StudyInstanceUID)).path("Value").path(0).asText(null));
      audit.instance(
          result.path(Header.key(Tag.SOPInstanceUID)).path("Value").path(0).asText(null));
    }
    audit.detail("results", results.size());
    Response.ResponseBuilder r = Response.ok(json(results), DICOM_JSON);
    if (q.fuzzyRequested()) {
      r.header("Warning", FUZZY_WARNING);
    }
    return r.build();
  }

  /** A JSON answer as UTF-8 bytes (one pass; no String in between). */
  private static byte[] json(JsonNode answer) {
    try {
      return JSON.writeValueAsBytes(answer);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that does not serialize", e);
    }
  }

  // ---- WADO-RS ------------------------------------------------------------------------------

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_TRANSFERRED)
  @Path("/studies/{study}")
  public Response retrieveStudy(
      @PathParam("study") String study, @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException {
    return retrieve(study, null, null, accept);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_TRANSFERRED)
  @Path("/studies/{study}/series/{series}")
  public Response retrieveSeries(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException {
    return retrieve(study, series, null, accept);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_TRANSFERRED)
  @Path("/studies/{study}/series/{series}/instances/{instance}")
  public Response retrieveInstance(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @PathParam("instance") String instance,
      @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException {
    return retrieve(study, series, instance, accept);
  }

  private Response retrieve(String study, String series, String instance, String accept)
      throws SQLException {
    if (!Accept.allowsMultipartDicom(accept)) {
      return problem(
          Response.Status.NOT_ACCEPTABLE,
          "this resource is served as multipart/related; type=\"application/dicom\"");
    }
    List<InstanceLocator.Located> found = locator.find(study, series, instance, false);
    if (found.isEmpty()) {
      return problem(Response.Status.NOT_FOUND, "no such " + scope(series, instance));
    }
    String boundary = UUID.randomUUID().toString();
    StreamingOutput body =
        out -> {
          for (InstanceLocator.Located l : found) {
            String head =
                "--"
                    + boundary
                    + "\r\nContent-Type: application/dicom; transfer-syntax="
                    + l.transferSyntax()
                    + "\r\nContent-Length: "
                    + l.size()
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            copy(l.bucket(), l.key(), out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        };
    return Response.ok(body)
        .type("multipart/related; type=\"application/dicom\"; boundary=" + boundary)
        .build();
  }

  private void copy(String bucket, String key, OutputStream out) throws IOException {
    try (InputStream in = store.get(bucket, key)) {
      copy(in, out);
    } catch (ObjectStoreException e) {
      // The status line has gone out: the client sees a truncated body, never a partial object
      // passed off as whole (the part's Content-Length tells it).
      LOG.warn("object {} unreadable during a retrieve: {}", key, e.toString());
      throw new IOException("object store: " + e.getMessage(), e);
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  @Path("/studies/{study}/metadata")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response studyMetadata(@PathParam("study") String study, @Context UriInfo uri)
      throws SQLException {
    return metadata(study, null, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  @Path("/studies/{study}/series/{series}/metadata")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response seriesMetadata(
      @PathParam("study") String study, @PathParam("series") String series, @Context UriInfo uri)
      throws SQLException {
    return metadata(study, series, null, uri);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  @Path("/studies/{study}/series/{series}/instances/{instance}/metadata")
  @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
  public Response instanceMetadata(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @PathParam("instance") String instance,
      @Context UriInfo uri)
      throws SQLException {
    return metadata(study, series, instance, uri);
  }

  /**
   * The headers as the index keeps them, each with its pixel data as a bulk data URI (the frames
   * resource) where the object has pixel data.
   */
  private Response metadata(String study, String series, String instance, UriInfo uri)
      throws SQLException {
    List<InstanceLocator.Located> found = locator.find(study, series, instance, true);
    if (found.isEmpty()) {
      return problem(Response.Status.NOT_FOUND, "no such " + scope(series, instance));
    }
    String base = baseUrl(uri);
    ArrayNode out = JSON.createArrayNode();
    for (InstanceLocator.Located l : found) {
      ObjectNode h = l.header().deepCopy();
      if (l.pixelLength() != null) {
        ObjectNode pixels = JSON.createObjectNode();
        JsonNode bits = h.path(Header.key(Tag.BitsAllocated)).path("Value").path(0);
        pixels.put("vr", bits.asInt(16) > 8 ? "OW" : "OB");
        pixels.put(
            "BulkDataURI",
            base
                + "/studies/"
                + l.studyUid()
                + "/series/"
                + l.seriesUid()
                + "/instances/"
                + l.sopUid()
                + "/frames/1");
        h.set(Header.key(Tag.PixelData), pixels);
      }
      out.add(h);
    }
    return Response.ok(json(out), DICOM_JSON).build();
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_TRANSFERRED)
  @Path("/studies/{study}/series/{series}/instances/{instance}/frames/{frames}")
  public Response frames(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @PathParam("instance") String instance,
      @PathParam("frames") String frameList,
      @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException {
    List<InstanceLocator.Located> found = locator.find(study, series, instance, true);
    if (found.isEmpty()) {
      return problem(Response.Status.NOT_FOUND, "no such instance");
    }
    InstanceLocator.Located l = found.get(0);
    Frames frames;
    try {
      frames = Frames.of(l, frameList);
    } catch (IllegalArgumentException e) {
      return problem(Response.Status.BAD_REQUEST, e.getMessage());
    } catch (UnsupportedOperationException e) {
      return problem(Response.Status.NOT_ACCEPTABLE, e.getMessage());
    }
    String boundary = UUID.randomUUID().toString();
    StreamingOutput body =
        out -> {
          for (long[] range : frames.ranges()) {
            String head =
                "--"
                    + boundary
                    + "\r\nContent-Type: application/octet-stream; transfer-syntax="
                    + l.transferSyntax()
                    + "\r\nContent-Length: "
                    + range[1]
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = store.get(l.bucket(), l.key(), range[0], range[1])) {
              copy(in, out);
            } catch (ObjectStoreException e) {
              throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        };
    return Response.ok(body)
        .type("multipart/related; type=\"application/octet-stream\"; boundary=" + boundary)
        .build();
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  @Path("/studies/{study}/series/{series}/instances/{instance}/rendered")
  public Response renderedInstance(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @PathParam("instance") String instance,
      @QueryParam("window") String window,
      @QueryParam("viewport") String viewport,
      @QueryParam("quality") String quality,
      @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException, IOException {
    return rendered(study, series, instance, "1", window, viewport, quality, accept);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Audited(AuditEvent.INSTANCES_ACCESSED)
  @Path("/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered")
  public Response renderedFrame(
      @PathParam("study") String study,
      @PathParam("series") String series,
      @PathParam("instance") String instance,
      @PathParam("frame") String frame,
      @QueryParam("window") String window,
      @QueryParam("viewport") String viewport,
      @QueryParam("quality") String quality,
      @HeaderParam(HttpHeaders.ACCEPT) String accept)
      throws SQLException, IOException {
    return rendered(study, series, instance, frame, window, viewport, quality, accept);
  }

  private Response rendered(
      String study,
      String series,
      String instance,
      String frame,
      String window,
      String viewport,
      String quality,
      String accept)
      throws SQLException, IOException {
    String type = Accept.renderedType(accept);
    if (type == null) {
      return problem(Response.Status.NOT_ACCEPTABLE, "rendered images are image/jpeg or image/png");
    }
    List<InstanceLocator.Located> found = locator.find(study, series, instance, true);
    if (found.isEmpty()) {
      return problem(Response.Status.NOT_FOUND, "no such instance");
    }
    InstanceLocator.Located l = found.get(0);
    Header h = new Header(l.header());
    if (!Renderer.supports(h, l.transferSyntax())) {
      return problem(
          Response.Status.NOT_ACCEPTABLE,
          "rendering is for uncompressed little-endian monochrome images; retrieve the instance");
    }
    Renderer.Options options;
    Frames frames;
    try {
      options = Renderer.Options.parse(window, viewport, quality);
      frames = Frames.of(l, frame);
    } catch (IllegalArgumentException e) {
      return problem(Response.Status.BAD_REQUEST, e.getMessage());
    }
    if (frames.ranges().size() != 1) {
      return problem(Response.Status.BAD_REQUEST, "one frame is rendered at a time");
    }
    long[] range = frames.ranges().get(0);
    byte[] pixels;
    try (InputStream in = store.get(l.bucket(), l.key(), range[0], range[1])) {
      pixels = in.readAllBytes();
    } catch (ObjectStoreException e) {
      return problem(Response.Status.SERVICE_UNAVAILABLE, "the object store is not reachable");
    }
    return Response.ok(Renderer.render(h, pixels, options, type), type).build();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Copies in large chunks: an 8 MiB radiograph in 32 writes rather than InputStream's 1,024. */
  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
  }

  private String baseUrl(UriInfo uri) {
    return config
        .dicomweb()
        .baseUrl()
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .orElseGet(
            () -> {
              String b = uri.getBaseUri().toString();
              return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/dicomweb";
            });
  }

  private static String scope(String series, String instance) {
    return instance != null ? "instance" : series != null ? "series" : "study";
  }

  static Response problem(Response.Status status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", status.getStatusCode());
    body.put("error", message);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
  }
}
