package org.roentgen.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PDU type: encode(record) equals the golden bytes and decode(golden) equals the record. */
class PduGoldenTest {

  static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  static final String VERIFICATION = "1.2.840.10008.1.1";
  static final String IVR = "1.2.840.10008.1.2";
  static final String EVR = "1.2.840.10008.1.2.1";
  static final String CLASS_UID = "1.2.826.0.1.3680043.9.7433.1.1";

  static Stream<Arguments> fixtures() {
    UserInformation rqInfo =
        new UserInformation(
            16384,
            CLASS_UID,
            "ROENTGEN_010",
            new AsyncOperationsWindow(5, 1),
            List.of(new RoleSelection(CT, true, true)),
            List.of(
                new ExtendedNegotiation(ItemType.SOP_CLASS_EXTENDED_NEGOTIATION, 0, extNegValue())),
            new UserIdentity(2, true, ascii("user"), ascii("secret")),
            null);
    AAssociateRq rq =
        new AAssociateRq(
            1,
            "STORESCP",
            "ROENTGEN",
            AAssociateRq.DICOM_APPLICATION_CONTEXT,
            List.of(
                PresentationContextRq.of(1, VERIFICATION, EVR, IVR),
                PresentationContextRq.of(3, CT, EVR)),
            rqInfo);
    UserInformation acInfo =
        new UserInformation(
            131072,
            CLASS_UID,
            "ROENTGEN_010",
            new AsyncOperationsWindow(1, 1),
            List.of(new RoleSelection(CT, true, false)),
            List.of(),
            null,
            ascii("ok"));
    AAssociateAc ac =
        new AAssociateAc(
            1,
            "STORESCP",
            "ROENTGEN",
            AAssociateRq.DICOM_APPLICATION_CONTEXT,
            List.of(
                new PresentationContextAc(1, PresentationContextResult.ACCEPTANCE, EVR),
                new PresentationContextAc(
                    3, PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, "")),
            acInfo);
    PDataTf pdata =
        new PDataTf(
            List.of(
                new PresentationDataValue(
                    1, true, true, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                new PresentationDataValue(1, false, false, ascii("abc"))));
    return Stream.of(
        Arguments.of("a-associate-rq", rq),
        Arguments.of("a-associate-ac", ac),
        Arguments.of(
            "a-associate-rj",
            new AAssociateRj(RejectResult.REJECTED_TRANSIENT, RejectReason.LOCAL_LIMIT_EXCEEDED)),
        Arguments.of("p-data-tf", pdata),
        Arguments.of("a-release-rq", new AReleaseRq()),
        Arguments.of("a-release-rp", new AReleaseRp()),
        Arguments.of("a-abort", AAbort.byProvider(AbortReason.UNRECOGNIZED_PDU)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void encodeEqualsGolden(String fixture, Pdu pdu) {
    assertThat(PduWriter.encode(pdu)).isEqualTo(Fixtures.hex(fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodeGoldenEqualsRecord(String fixture, Pdu pdu) throws IOException {
    byte[] golden = Fixtures.hex(fixture);
    PduReader reader =
        new PduReader(new ByteArrayInputStream(golden), PduLimits.forAdvertised(16384));
    assertThat(reader.read()).isEqualTo(pdu);
    assertThat(reader.read()).as("clean end of stream").isNull();
  }

  private static byte[] extNegValue() {
    byte[] uid = ascii(CT);
    byte[] v = new byte[2 + uid.length + 3];
    v[1] = (byte) uid.length;
    System.arraycopy(uid, 0, v, 2, uid.length);
    v[2 + uid.length] = 1;
    v[4 + uid.length] = 1;
    return v;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
