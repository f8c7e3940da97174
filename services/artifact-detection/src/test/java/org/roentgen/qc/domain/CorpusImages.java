package org.roentgen.qc.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.roentgen.contracts.EventJson;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.json.DicomJson;

/** A Part 10 file read the way the service sees an object: header as DICOM JSON, pixel value. */
record CorpusImages(ImageHeader header, ByteBuffer pixelValue, boolean encapsulated) {
  private static final DicomJson HEADER_JSON = DicomJson.omittingBulkData(0);

  static CorpusImages read(Path file) throws IOException {
    DicomFile f = DicomFile.readHeader(file);
    JsonNode json = EventJson.mapper().readTree(HEADER_JSON.write(f.dataset()));
    ImageHeader h = ImageHeader.fromDicomJson(json, f.transferSyntax().uid());
    DicomInputStream.ElementHeader ph = f.pixelData();
    if (ph == null) {
      return new CorpusImages(h, null, false);
    }
    try (FileChannel ch = FileChannel.open(file)) {
      long end = ph.undefinedLength() ? ch.size() : ph.valueOffset() + ph.length();
      ByteBuffer b = ByteBuffer.allocate((int) (end - ph.valueOffset()));
      ch.read(b, ph.valueOffset());
      b.flip();
      return new CorpusImages(h, b, ph.undefinedLength() || f.transferSyntax().encapsulated());
    }
  }
}
