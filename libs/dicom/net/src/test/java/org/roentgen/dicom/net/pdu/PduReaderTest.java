package org.roentgen.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Malformed input: each problem is reported with its kind, offset and A-ABORT reason. */
class PduReaderTest {

  static PduDecodeException failure(String hex, PduLimits limits) {
    PduReader r = new PduReader(new ByteArrayInputStream(HexFormat.of().parseHex(hex)), limits);
    return (PduDecodeException) org.assertj.core.api.Assertions.catchThrowable(r::read);
  }

  static PduDecodeException failure(String hex) {
    return failure(hex, PduLimits.forAdvertised(16384));
  }

  @Test
  void unknownType() {
    PduDecodeException e = failure("09000000000400000000");
    assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.UNKNOWN_PDU_TYPE);
    assertThat(e.reason()).isEqualTo(AbortReason.UNRECOGNIZED_PDU);
    assertThat(e.pduType()).isNull();
    assertThat(e.pduTypeCode()).isEqualTo(9);
  }

  @Test
  void lengthOverLimitIsRefusedBeforeReadingTheBody() {
    PduDecodeException e = failure("01007fffffff", PduLimits.forAdvertised(16384));
    assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.LENGTH_OVER_LIMIT);
    assertThat(e.pduType()).isEqualTo(PduType.A_ASSOCIATE_RQ);
    assertThat(e.reason()).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE);
  }

  @Test
  void pDataOverTheAdvertisedMaximumPlusTolerance() {
    int over = 16384 + PduLimits.PDATA_TOLERANCE + 1;
    PduDecodeException e = failure(String.format("0400%08x", over));
    assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.LENGTH_OVER_LIMIT);
  }

  @Test
  void truncatedBody() {
    PduDecodeException e = failure("050000000004" + "0000");
    assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.TRUNCATED);
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void truncatedHeader() {
    assertThat(failure("0500").problem()).isEqualTo(PduDecodeException.Problem.TRUNCATED);
  }

  @Test
  void fixedLengthPduWithAnotherLength() {
    assertThat(failure("06000000000500000000").problem())
        .isEqualTo(PduDecodeException.Problem.INVALID_VALUE);
  }

  @Test
  void itemOverrunningThePdu() {
    byte[] rq = Fixtures.hex("a-associate-rq");
    rq[6 + 68 + 2] = (byte) 0x10; // application context item length 0x1015: beyond the PDU
    PduReader r = new PduReader(new ByteArrayInputStream(rq), PduLimits.forAdvertised(16384));
    assertThatThrownBy(r::read)
        .isInstanceOfSatisfying(
            PduDecodeException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.ITEM_OVERRUNS_PDU);
              assertThat(e.offset()).isEqualTo(74);
            });
  }

  @Test
  void reservedRejectReason() {
    assertThat(failure("03000000000400010105").problem())
        .isEqualTo(PduDecodeException.Problem.INVALID_VALUE);
  }

  @Test
  void pDataIsReadAsAStreamOfPdvs() throws Exception {
    PduReader r =
        new PduReader(
            new ByteArrayInputStream(Fixtures.hex("p-data-tf")), PduLimits.forAdvertised(16384));
    PdvReader pdvs = r.readPData(r.readHeader());
    assertThat(pdvs.next()).isTrue();
    assertThat(pdvs.command()).isTrue();
    assertThat(pdvs.last()).isTrue();
    assertThat(pdvs.remaining()).isEqualTo(4);
    assertThat(pdvs.next()).as("skips the unread fragment").isTrue();
    byte[] b = new byte[10];
    assertThat(pdvs.read(b, 0, 10)).isEqualTo(3);
    assertThat(new String(b, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(pdvs.read(b, 0, 10)).isEqualTo(-1);
    assertThat(pdvs.next()).isFalse();
    assertThat(r.readHeader()).isNull();
  }

  @Test
  void pdvOverrunningItsPduIsRefusedBeforeItsData() throws Exception {
    PduReader r =
        new PduReader(
            new ByteArrayInputStream(HexFormat.of().parseHex("040000000008" + "00000064" + "0103")),
            PduLimits.forAdvertised(16384));
    PdvReader pdvs = r.readPData(r.readHeader());
    assertThatThrownBy(pdvs::next)
        .isInstanceOfSatisfying(
            PduDecodeException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(PduDecodeException.Problem.ITEM_OVERRUNS_PDU);
              assertThat(e.offset()).isEqualTo(6);
            });
  }
}
