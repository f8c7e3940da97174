package org.roentgen.archive.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report's answer in the format asked for: JSON by default, an object with the report's name, the
 * parameters in force and {@code rows} (one object per row keyed by the column names); CSV (the
 * rows alone, a header row first) when {@code format=csv} or the Accept header prefers {@code
 * text/csv}.
 */
final class Rendering {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The formats. */
  enum Format {
    JSON,
    CSV
  }

  private Rendering() {}

  /**
   * The format of a request: the {@code format} parameter ({@code json} or {@code csv}) when given,
   * else the first media type of the Accept header (by preference) that names one of them; JSON
   * when none does.
   *
   * @throws IllegalArgumentException when {@code format} names another format
   */
  static Format format(String format, HttpHeaders headers) {
    if (format != null && !format.isBlank()) {
      try {
        return Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("format is json or csv, not " + format);
      }
    }
    List<MediaType> accepted = headers == null ? List.of() : headers.getAcceptableMediaTypes();
    MediaType csv = MediaType.valueOf(Csv.MEDIA_TYPE);
    for (MediaType m : accepted) {
      if (!m.isWildcardType() && m.isCompatible(csv)) {
        return Format.CSV;
      }
      if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return Format.JSON;
      }
    }
    return Format.JSON;
  }

  /** The answer: the table in the format, the report named {@code report}. */
  static Response answer(
      Format format, String report, Map<String, Object> parameters, Table table) {
    if (format == Format.CSV) {
      return Response.ok(Csv.write(table), Csv.MEDIA_TYPE + "; charset=UTF-8; header=present")
          .header("Content-Disposition", "attachment; filename=\"" + report + ".csv\"")
          .build();
    }
    return Response.ok(json(report, parameters, table).toString(), MediaType.APPLICATION_JSON)
        .build();
  }

  /** The JSON document of a report. */
  static ObjectNode json(String report, Map<String, Object> parameters, Table table) {
    ObjectNode out = JSON.createObjectNode();
    out.put("report", report);
    parameters.forEach((k, v) -> out.set(k, JSON.valueToTree(v)));
    ArrayNode rows = out.putArray("rows");
    for (List<Object> row : table.rows()) {
      ObjectNode o = rows.addObject();
      for (int i = 0; i < row.size(); i++) {
        o.set(table.columns().get(i), JSON.valueToTree(row.get(i)));
      }
    }
    return out;
  }

  /** A 400 answer with the reason. */
  static Response badRequest(String reason) {
    ObjectNode e = JSON.createObjectNode();
    e.put("status", 400);
    e.put("error", reason);
    return Response.status(400).type(MediaType.APPLICATION_JSON).entity(e.toString()).build();
  }
}
