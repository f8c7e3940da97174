package org.roentgen.router.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;

/**
 * Reads values from a header in the DICOM JSON model (PS3.18 annex F.2): an object keyed by
 * 8-hex-digit tags whose elements carry a {@code Value} array; a person name value is an object
 * whose {@code Alphabetic} group is used; a sequence's values are item objects.
 */
final class HeaderValues {
  private static final String VALUE = "Value";
  private static final String ALPHABETIC = "Alphabetic";
  private static final String STAT = "STAT";
  private static final int[] PRIORITY = {Tag.RequestedProcedurePriority};
  private static final int[] REQUESTED_PRIORITY = {
    Tag.RequestAttributesSequence, Tag.RequestedProcedurePriority
  };

  private HeaderValues() {}

  /**
   * The values of the element at {@code path} as text: numbers as JSON writes them, person names by
   * their alphabetic group. All but the last tag of the path are sequences, and every item of each
   * is searched. Empty when the element is absent or has no value.
   */
  static List<String> texts(JsonNode header, int[] path) {
    List<String> out = new ArrayList<>(2);
    for (JsonNode element : elements(header, path)) {
      for (JsonNode v : element.path(VALUE)) {
        if (v.isTextual() || v.isNumber()) {
          out.add(v.asText());
        } else if (v.isObject() && v.get(ALPHABETIC) != null && v.get(ALPHABETIC).isTextual()) {
          out.add(v.get(ALPHABETIC).asText());
        }
      }
    }
    return out;
  }

  /**
   * True when the element at {@code path} is present with a value: a non-empty {@code Value} array,
   * or inline or referenced bulk data. A present but empty element has no value.
   */
  static boolean hasValue(JsonNode header, int[] path) {
    for (JsonNode element : elements(header, path)) {
      JsonNode value = element.get(VALUE);
      if ((value != null && !value.isEmpty())
          || element.has("InlineBinary")
          || element.has("BulkDataURI")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The priority an instance has when no rule sets one: STAT when Requested Procedure Priority
   * (0040,1003) is STAT, at the top level or in an item of the Request Attributes Sequence
   * (0040,0275) (PS3.3 C.4.10 and C.7.6.1), else ROUTINE.
   */
  static Priority defaultPriority(JsonNode header) {
    for (int[] path : new int[][] {PRIORITY, REQUESTED_PRIORITY}) {
      for (String v : texts(header, path)) {
        if (STAT.equalsIgnoreCase(v.strip())) {
          return Priority.STAT;
        }
      }
    }
    return Priority.ROUTINE;
  }

  private static List<JsonNode> elements(JsonNode header, int[] path) {
    List<JsonNode> level = List.of(header);
    for (int i = 0; i < path.length; i++) {
      String key = Tags.toHex(path[i]);
      List<JsonNode> next = new ArrayList<>(1);
      for (JsonNode dataset : level) {
        JsonNode element = dataset.get(key);
        if (element == null || !element.isObject()) {
          continue;
        }
        if (i == path.length - 1) {
          next.add(element);
        } else {
          for (JsonNode item : element.path(VALUE)) {
            if (item.isObject()) {
              next.add(item);
            }
          }
        }
      }
      level = next;
    }
    return level;
  }
}
