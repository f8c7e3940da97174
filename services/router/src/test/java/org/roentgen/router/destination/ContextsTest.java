package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.destination.Contexts.Negotiated;
import org.roentgen.router.destination.Contexts.Pair;

class ContextsTest {
  private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
  private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
  private static final String BIG = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
  private static final String JPEG = UID.JPEGBaseline8Bit;
  private static final List<String> PREFS = List.of(EXPLICIT, IMPLICIT);

  @Test
  void anUncompressedInstanceNeedsItsOwnSyntaxAndThePreferredOnes() {
    assertThat(Contexts.needed(UID.CTImageStorage, BIG, PREFS))
        .containsExactly(
            new Pair(UID.CTImageStorage, BIG),
            new Pair(UID.CTImageStorage, EXPLICIT),
            new Pair(UID.CTImageStorage, IMPLICIT));
    assertThat(Contexts.needed(UID.CTImageStorage, EXPLICIT, PREFS)).hasSize(2);
    assertThat(Contexts.needed(UID.CTImageStorage, JPEG, PREFS))
        .containsExactly(new Pair(UID.CTImageStorage, JPEG));
  }

  @Test
  void oneContextPerPairAndNoMoreThan128() {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      pairs.add(new Pair("1.2.3." + i, EXPLICIT));
    }
    var rq = Contexts.request("PACS", "ROENTGEN", pairs);
    assertThat(rq.presentationContexts()).hasSize(128);
    assertThat(rq.presentationContexts().get(0).transferSyntaxes()).containsExactly(EXPLICIT);
    assertThat(rq.presentationContexts().get(127).id()).isEqualTo(255);
  }

  private static Negotiated negotiated(Map<String, Set<String>> accepted, Set<String> unsupported) {
    Set<Pair> proposed = new java.util.HashSet<>();
    for (String ts : List.of(EXPLICIT, IMPLICIT, BIG, JPEG)) {
      proposed.add(new Pair(UID.CTImageStorage, ts));
    }
    return new Negotiated(proposed, accepted, unsupported);
  }

  @Test
  void choosesTheOwnSyntaxThenThePreferredOrder() throws Exception {
    Negotiated n =
        negotiated(Map.of(UID.CTImageStorage, Set.of(IMPLICIT, EXPLICIT, BIG)), Set.of());
    assertThat(n.choose("d", UID.CTImageStorage, BIG, PREFS).uid()).isEqualTo(BIG);
    Negotiated implicitOnly = negotiated(Map.of(UID.CTImageStorage, Set.of(IMPLICIT)), Set.of());
    assertThat(implicitOnly.choose("d", UID.CTImageStorage, BIG, PREFS).uid()).isEqualTo(IMPLICIT);
    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> implicitOnly.choose("d", UID.CTImageStorage, EXPLICIT, List.of(EXPLICIT)));
    assertThat(e.failureCause())
        .as("conversion only to the configured syntaxes")
        .isEqualTo(FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX);
  }

  @Test
  void compressedIsNeverConverted() {
    Negotiated n = negotiated(Map.of(UID.CTImageStorage, Set.of(IMPLICIT, EXPLICIT)), Set.of());
    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class, () -> n.choose("d", UID.CTImageStorage, JPEG, PREFS));
    assertThat(e.failureCause()).isEqualTo(FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX);
    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage()).contains("JPEG Baseline").contains("compressed");
  }

  @Test
  void anUnsupportedSopClassIsRefused() {
    Negotiated n = negotiated(Map.of(), Set.of(UID.CTImageStorage));
    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class, () -> n.choose("d", UID.CTImageStorage, EXPLICIT, PREFS));
    assertThat(e.failureCause()).isEqualTo(FailureCause.REFUSED);
  }

  @Test
  void coversOnlyWhatWasProposed() {
    Negotiated n = negotiated(Map.of(), Set.of());
    assertThat(n.covers(Contexts.needed(UID.CTImageStorage, BIG, PREFS))).isTrue();
    assertThat(n.covers(Contexts.needed(UID.MRImageStorage, EXPLICIT, PREFS))).isFalse();
    assertThat(
            n.covers(
                Contexts.needed(
                    UID.CTImageStorage,
                    EXPLICIT,
                    List.of(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()))))
        .isFalse();
  }
}
