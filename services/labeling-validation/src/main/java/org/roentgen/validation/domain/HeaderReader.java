package org.roentgen.validation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.json.DicomJson;

/**
 * Turns what the service is given into a dataset to check: the header of a received event (DICOM
 * JSON, PS3.18 Annex F) or a Part 10 file (POST /validate), read up to its pixel data.
 */
public final class HeaderReader {
  private static final String CHARSET_TAG = "00080005";

  /**
   * A dataset to check.
   *
   * @param charsetAssumed true when the JSON had text beyond ASCII and no Specific Character Set,
   *     and was read as if it declared ISO_IR 192 (UTF-8, what JSON text is)
   */
  public record Read(Attributes dataset, boolean charsetAssumed) {}

  private HeaderReader() {}

  /** Reads an event's header. */
  public static Read fromJson(JsonNode header) throws IOException {
    if (!(header instanceof ObjectNode object)) {
      throw new IOException("the header is not a JSON object");
    }
    boolean assumed = false;
    ObjectNode json = object;
    if (!object.has(CHARSET_TAG) && beyondAscii(object)) {
      // Without a declared set, such text has no defined encoding; reading it as UTF-8 (what the
      // JSON holds) lets every other rule still see it. The finding says what was wrong.
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      ObjectNode cs = copy.putObject(CHARSET_TAG);
      cs.put("vr", "CS");
      cs.putArray("Value").add("ISO_IR 192");
      copy.setAll(object);
      json = copy;
      assumed = true;
    }
    return new Read(DicomJson.read(json.toString()), assumed);
  }

  /** Reads a Part 10 file (or bare dataset) up to its pixel data. */
  public static Read fromPart10(InputStream in) throws IOException {
    try (DicomInputStream dis = new DicomInputStream(in).stopBefore(Tag.PixelData)) {
      dis.readFileMetaInformation();
      Attributes ds = dis.readDataset();
      if (dis.stoppedAt() != null) {
        // The pixel data is there; keep that fact for the checks without its value.
        ds.setNull(Tag.PixelData, dis.stoppedAt().vr());
      }
      return new Read(ds, false);
    }
  }

  private static boolean beyondAscii(JsonNode node) {
    if (node.isTextual()) {
      String s = node.asText();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) > 0x7F) {
          return true;
        }
      }
      return false;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("InlineBinary") && beyondAscii(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (beyondAscii(n)) {
          return true;
        }
      }
    }
    return false;
  }
}
