package org.roentgen.dicom.net.pdu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads golden PDU bytes from {@code src/test/resources/pdu/*.hex}. */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] hex(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/pdu/" + name + ".hex")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
