package org.roentgen.dicom.net.pdu;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PDUs (PS3.8 Section 9.3) from a stream. Every PDU length is checked against {@link
 * PduLimits} before its body is read, so a peer cannot make us allocate more than the limit. Not
 * thread-safe: one reader per connection.
 *
 * <p>Two ways to read: {@link #read()} returns any PDU as a value; the upper layer instead calls
 * {@link #readHeader()} and, for P-DATA-TF, {@link #readPData(PduHeader)}, which reads the PDVs
 * straight from the stream without buffering the PDU.
 */
public final class PduReader {

  private final InputStream in;
  private final PduLimits limits;
  private final byte[] header = new byte[PduHeader.LENGTH];
  private final PdvReader pdvReader;

  public PduReader(InputStream in, PduLimits limits) {
    this.in = in;
    this.limits = limits;
    this.pdvReader = new PdvReader(in);
  }

  public PduLimits limits() {
    return limits;
  }

  /**
   * Reads the next PDU header.
   *
   * @return the header, or {@code null} if the stream ended before the first byte of a PDU
   * @throws PduDecodeException for an unknown type, a length over the limit or a truncated header
   */
  public PduHeader readHeader() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    header[0] = (byte) first;
    int n = in.readNBytes(header, 1, PduHeader.LENGTH - 1);
    if (n < PduHeader.LENGTH - 1) {
      throw new PduDecodeException(
          first,
          1L + n,
          PduDecodeException.Problem.TRUNCATED,
          AbortReason.REASON_NOT_SPECIFIED,
          "stream ended in the PDU header");
    }
    PduType type = PduType.ofCode(first);
    if (type == null) {
      throw new PduDecodeException(
          first,
          0,
          PduDecodeException.Problem.UNKNOWN_PDU_TYPE,
          AbortReason.UNRECOGNIZED_PDU,
          "unknown PDU type");
    }
    long length = Bytes.uint32(header, 2);
    int limit = limits.limitFor(type);
    boolean fixed = limit == PduWriter.FIXED_BODY_LENGTH && length != limit;
    if (length > limit || fixed) {
      throw new PduDecodeException(
          first,
          2,
          fixed
              ? PduDecodeException.Problem.INVALID_VALUE
              : PduDecodeException.Problem.LENGTH_OVER_LIMIT,
          AbortReason.INVALID_PDU_PARAMETER_VALUE,
          "PDU length "
              + length
              + (fixed ? " but the PDU has a fixed length " : " over limit ")
              + limit);
    }
    return new PduHeader(type, (int) length);
  }

  /**
   * Reads the next PDU as a value.
   *
   * @return the PDU, or {@code null} if the stream ended before the first byte of a PDU
   */
  public Pdu read() throws IOException {
    PduHeader h = readHeader();
    if (h == null) {
      return null;
    }
    if (h.type() == PduType.P_DATA_TF) {
      PdvReader pdvs = readPData(h);
      List<PresentationDataValue> values = new ArrayList<>();
      while (pdvs.next()) {
        values.add(
            new PresentationDataValue(
                pdvs.presentationContextId(), pdvs.command(), pdvs.last(), pdvs.readRemaining()));
      }
      return new PDataTf(values);
    }
    return readBody(h);
  }

  /** Reads and decodes the body of a PDU other than P-DATA-TF. */
  public Pdu readBody(PduHeader h) throws IOException {
    byte[] body = new byte[h.length()];
    readFully(h, body, h.length());
    return switch (h.type()) {
      case A_ASSOCIATE_RQ, A_ASSOCIATE_AC -> AssociateDecoder.decode(h.type(), body);
      case A_ASSOCIATE_RJ -> associateRj(body);
      case A_RELEASE_RQ -> new AReleaseRq();
      case A_RELEASE_RP -> new AReleaseRp();
      case A_ABORT -> abort(body);
      case P_DATA_TF -> throw new IllegalArgumentException("use readPData for P-DATA-TF");
    };
  }

  /**
   * Starts reading the body of a P-DATA-TF PDU: returns the reader of its PDVs, positioned before
   * the first.
   */
  public PdvReader readPData(PduHeader h) throws IOException {
    pdvReader.begin(h.length());
    return pdvReader;
  }

  private void readFully(PduHeader h, byte[] buffer, int length) throws IOException {
    int n = in.readNBytes(buffer, 0, length);
    if (n < length) {
      throw new PduDecodeException(
          h.type().code(),
          PduHeader.LENGTH + (long) n,
          PduDecodeException.Problem.TRUNCATED,
          AbortReason.REASON_NOT_SPECIFIED,
          "stream ended after " + n + " of " + length + " body bytes");
    }
  }

  private static AAssociateRj associateRj(byte[] body) throws PduDecodeException {
    RejectResult result = RejectResult.ofCode(body[1] & 0xFF);
    RejectSource source = RejectSource.ofCode(body[2] & 0xFF);
    RejectReason reason = source == null ? null : RejectReason.of(source, body[3] & 0xFF);
    if (result == null || reason == null) {
      throw new PduDecodeException(
          PduType.A_ASSOCIATE_RJ.code(),
          PduHeader.LENGTH + 1L,
          PduDecodeException.Problem.INVALID_VALUE,
          AbortReason.INVALID_PDU_PARAMETER_VALUE,
          String.format("reserved result/source/reason %d/%d/%d", body[1], body[2], body[3]));
    }
    return new AAssociateRj(result, reason);
  }

  private static AAbort abort(byte[] body) throws PduDecodeException {
    AbortSource source = AbortSource.ofCode(body[2] & 0xFF);
    AbortReason reason = AbortReason.ofCode(body[3] & 0xFF);
    if (source == AbortSource.SERVICE_USER) {
      return AAbort.byUser();
    }
    if (source == null || reason == null) {
      throw new PduDecodeException(
          PduType.A_ABORT.code(),
          PduHeader.LENGTH + 2L,
          PduDecodeException.Problem.INVALID_VALUE,
          AbortReason.INVALID_PDU_PARAMETER_VALUE,
          String.format("reserved source/reason %d/%d", body[2], body[3]));
    }
    return new AAbort(source, reason);
  }
}
