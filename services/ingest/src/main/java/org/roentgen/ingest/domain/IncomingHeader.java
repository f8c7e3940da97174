package org.roentgen.ingest.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.net.dimse.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of receiving an object: its header parsed as the dataset streams in, checked
 * against its command (SOP Instance UID, study and series UIDs to name its key), and ingest's own
 * file meta information made for it; or the failure status to answer.
 */
final class IncomingHeader {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingHeader.class);
  private static final DicomJson HEADER_JSON = DicomJson.omittingBulkData(1024);

  private final Ingestor.Settings settings;

  IncomingHeader(Ingestor.Settings settings) {
    this.settings = settings;
  }

  /**
   * Parses the header of an incoming dataset, limited to the maximum object size. On failure the
   * outcome says what to answer and nothing is kept.
   */
  Ingestor.Received parse(IncomingObject o, InputStream dataset) throws IOException {
    TransferSyntax ts = TransferSyntax.of(o.transferSyntaxUid());
    HeaderCapture capture;
    try {
      capture =
          HeaderCapture.read(
              new LimitedInputStream(dataset, settings.maxObjectSize()),
              ts,
              settings.headerMemory(),
              settings.spillDir());
    } catch (ObjectTooLargeException e) {
      return refused(o, Status.OUT_OF_RESOURCES, FailureCause.TOO_LARGE, "object too large");
    } catch (DicomParseException e) {
      LOG.info(
          "C-STORE of {} from {}: malformed dataset at offset {}: {}",
          o.sopInstanceUid(),
          o.source().callingAeTitle(),
          e.offset(),
          e.getMessage());
      return refused(
          o,
          Status.CANNOT_UNDERSTAND,
          FailureCause.MALFORMED,
          "malformed dataset at offset " + e.offset());
    }
    Attributes h = capture.header();
    String iuid = h.getString(Tag.SOPInstanceUID);
    String study = h.getString(Tag.StudyInstanceUID);
    String series = h.getString(Tag.SeriesInstanceUID);
    String problem = null;
    if (iuid != null && !iuid.equals(o.sopInstanceUid())) {
      problem = "SOPInstanceUID differs from the command";
    } else if (!ObjectKeys.isUid(study)) {
      problem = "no valid StudyInstanceUID";
    } else if (!ObjectKeys.isUid(series)) {
      problem = "no valid SeriesInstanceUID";
    } else if (!ObjectKeys.isUid(o.sopInstanceUid())) {
      problem = "no valid SOPInstanceUID";
    }
    if (problem != null) {
      capture.close();
      return refused(
          o, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, FailureCause.INCONSISTENT, problem);
    }
    byte[] meta = fileMeta(o);
    InstanceReceived.PixelData pixel = null;
    DicomInputStream.ElementHeader ph = capture.pixelData();
    if (ph != null) {
      pixel =
          new InstanceReceived.PixelData(
              meta.length + ph.valueOffset(),
              ph.undefinedLength() ? -1 : ph.length(),
              ph.undefinedLength() || ts.encapsulated());
    }
    ParsedObject parsed =
        new ParsedObject(
            study,
            series,
            h.getString(Tag.Modality),
            EventJson.mapper().readTree(HEADER_JSON.write(h)),
            meta,
            pixel);
    return new Ingestor.Received(parsed, capture, null);
  }

  private static Ingestor.Received refused(
      IncomingObject o, Status status, FailureCause cause, String comment) {
    return new Ingestor.Received(null, null, StoreOutcome.failure(status, cause, comment));
  }

  /** Ingest's own Part 10 preamble and file meta information for the object. */
  static byte[] fileMeta(IncomingObject o) throws IOException {
    Attributes fmi =
        DicomOutputStream.createFileMetaInformation(
            o.sopClassUid(), o.sopInstanceUid(), o.transferSyntaxUid());
    String calling = o.source().callingAeTitle();
    if (calling != null && !calling.isBlank()) {
      fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, calling);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DicomOutputStream out = new DicomOutputStream(bytes)) {
      out.writeFileMetaInformation(fmi);
    }
    return bytes.toByteArray();
  }
}
