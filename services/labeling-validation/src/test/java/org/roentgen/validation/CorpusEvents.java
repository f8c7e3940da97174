package org.roentgen.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.json.DicomJson;

/** The {@code dicom.instance.received} event ingest would publish for a corpus case. */
public final class CorpusEvents {
  private static final DicomJson HEADER = DicomJson.omittingBulkData(1024);

  private CorpusEvents() {}

  public static InstanceReceived event(LabeledCase c, int n) {
    String root = LabeledCorpus.ROOT + ".8." + n;
    JsonNode header;
    String sop = root + ".3";
    String cls = "1.2.840.10008.5.1.4.1.1.1.1";
    String study = root + ".1";
    String series = root + ".2";
    String modality = null;
    try {
      if (c.dataset() == null) {
        header = EventJson.mapper().readTree("{\"00100010\":{\"vr\":\"XX\",\"Value\":[\"A\"]}}");
      } else {
        header = EventJson.mapper().readTree(HEADER.write(c.dataset()));
        sop = c.dataset().getString(Tag.SOPInstanceUID);
        cls = c.dataset().getString(Tag.SOPClassUID);
        study = c.dataset().getString(Tag.StudyInstanceUID);
        series = c.dataset().getString(Tag.SeriesInstanceUID);
        modality = c.dataset().getString(Tag.Modality);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new InstanceReceived(
        sop,
        cls,
        study,
        series,
        "1.2.840.10008.1.2.1",
        modality,
        new InstanceReceived.StoredObject(
            "dicom", "studies/" + study + "/instances/" + sop + ".dcm", 1000, "ab".repeat(32), 1),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE, "DX1", "ROENTGEN", "127.0.0.1:40000", "ingest-test"),
        header,
        new InstanceReceived.PixelData(900, 32, false),
        Instant.parse("2026-11-20T10:16:30Z"));
  }
}
