package org.roentgen.qc.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalDouble;
import org.roentgen.contracts.EventJson;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.Baselines;
import org.roentgen.qc.domain.QcAnalyzer;
import org.roentgen.qc.domain.QcSettings;
import org.roentgen.qc.pipeline.ImageInspector;
import org.roentgen.qc.storage.PersistedBaselines;

/**
 * {@code POST /analyze}: a DICOM file (Part 10, or a bare data set) in, its qc block out as JSON,
 * for technologists and for debugging; {@code POST /analyze/preview}: its annotated preview PNG
 * (404 when the image cannot be analysed). Nothing is stored or published and the baselines are
 * read, never added to.
 */
@Path("/analyze")
public class AnalyzeResource {
  private final QcAnalyzer analyzer;
  private final ImageInspector inspector;

  public AnalyzeResource(
      QcSettings settings, PersistedBaselines baselines, ImageInspector inspector) {
    this.analyzer = new QcAnalyzer(settings, readOnly(baselines));
    this.inspector = inspector;
  }

  @POST
  @Consumes({"application/dicom", MediaType.APPLICATION_OCTET_STREAM})
  @Produces(MediaType.APPLICATION_JSON)
  public Response analyze(InputStream body) throws IOException {
    long start = System.nanoTime();
    Part10Upload upload;
    try {
      upload = Part10Upload.read(body);
    } catch (Part10Upload.UnreadableException e) {
      return badRequest(e.getMessage());
    }
    Analysis a = analyzer.analyze(upload.header(), upload.pixelValue(), upload.encapsulated());
    double millis = (System.nanoTime() - start) / 1e6;
    return Response.ok(EventJson.mapper().writeValueAsString(inspector.block(a, null, millis)))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  @POST
  @Path("/preview")
  @Consumes({"application/dicom", MediaType.APPLICATION_OCTET_STREAM})
  @Produces({"image/png", MediaType.APPLICATION_JSON})
  public Response preview(InputStream body) throws IOException {
    Part10Upload upload;
    try {
      upload = Part10Upload.read(body);
    } catch (Part10Upload.UnreadableException e) {
      return badRequest(e.getMessage());
    }
    Analysis a = analyzer.analyze(upload.header(), upload.pixelValue(), upload.encapsulated());
    if (a.preview() == null) {
      String why =
          a.notAnalysed() != null
              ? a.notAnalysed().reason() + ": " + a.notAnalysed().message()
              : "the analysis made no preview";
      return Response.status(Response.Status.NOT_FOUND)
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("error", why))
          .build();
    }
    return Response.ok(a.preview().png()).type("image/png").build();
  }

  private static Response badRequest(String message) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }

  /** The baselines as the checks read them, without recording into them. */
  private static Baselines readOnly(Baselines b) {
    return new Baselines() {
      @Override
      public OptionalDouble quantile(
          String station, String protocol, String metric, double quantile, int minSamples) {
        return b.quantile(station, protocol, metric, quantile, minSamples);
      }

      @Override
      public void record(String station, String protocol, String metric, double value) {}
    };
  }
}
