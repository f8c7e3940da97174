package org.roentgen.archive.dicomweb;

import java.util.Locale;

/** Reads an HTTP Accept header for the WADO-RS media types the archive serves. */
final class Accept {
  private Accept() {}

  /**
   * True when the client takes {@code multipart/related; type="application/dicom"}: no Accept
   * header, a wildcard, multipart/related without a type or with type application/dicom, or plain
   * application/dicom (which some clients send for the same thing).
   */
  static boolean allowsMultipartDicom(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      if (type.equals("*/*") || type.equals("multipart/*") || type.equals("application/dicom")) {
        return true;
      }
      if (type.equals("multipart/related")) {
        String inner = null;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].strip();
          if (p.toLowerCase(Locale.ROOT).startsWith("type=")) {
            inner = p.substring(5).replace("\"", "").strip().toLowerCase(Locale.ROOT);
          }
        }
        if (inner == null || inner.equals("application/dicom")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The image type to render for an Accept header: image/jpeg unless PNG is preferred by order;
   * null when the client takes neither.
   */
  static String renderedType(String accept) {
    if (accept == null || accept.isBlank()) {
      return "image/jpeg";
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
      switch (type) {
        case "image/jpeg", "image/*", "*/*" -> {
          return "image/jpeg";
        }
        case "image/png" -> {
          return "image/png";
        }
        default -> {}
      }
    }
    return null;
  }
}
