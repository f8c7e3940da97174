package org.roentgen.validation.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.roentgen.validation.domain.HeaderReader;
import org.roentgen.validation.domain.Validator;

/**
 * {@code POST /validate}: a DICOM file (Part 10, or a bare dataset) in, its verdict and findings
 * out as JSON, for technologists and for debugging. Nothing is remembered and nothing is published:
 * the identity checks across a study and the order check's cache are not touched (the order is
 * checked when a worklist is configured).
 */
@Path("/validate")
public class ValidateResource {
  private final Validator validator;

  public ValidateResource(Validator validator) {
    this.validator = validator;
  }

  @POST
  @Consumes({"application/dicom", MediaType.APPLICATION_OCTET_STREAM})
  @Produces(MediaType.APPLICATION_JSON)
  public Response validate(InputStream body) {
    HeaderReader.Read read;
    try {
      read = HeaderReader.fromPart10(body);
    } catch (IOException | RuntimeException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "not a readable DICOM file: " + e.getMessage()))
          .build();
    }
    if (read.dataset().isEmpty()) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "the body holds no DICOM data set"))
          .build();
    }
    return Response.ok(validator.validateHeader(read).validation()).build();
  }
}
