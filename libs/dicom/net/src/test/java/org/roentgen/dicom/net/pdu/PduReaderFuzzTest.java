package org.roentgen.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated bytes fed to {@link PduReader}: it returns PDUs or throws {@link
 * PduDecodeException}, never another exception, never allocating far past its limits, and always
 * terminating on a finite stream.
 */
class PduReaderFuzzTest {

  static final PduLimits LIMITS = new PduLimits(4096, 8192);

  /** Generous allowance for decoding overhead (records, strings, lists) above the limit. */
  static final long ALLOCATION_ALLOWANCE = 1 << 20;

  static final List<byte[]> GOLDEN =
      List.of(
          Fixtures.hex("a-associate-rq"),
          Fixtures.hex("a-associate-ac"),
          Fixtures.hex("a-associate-rj"),
          Fixtures.hex("p-data-tf"),
          Fixtures.hex("a-release-rq"),
          Fixtures.hex("a-release-rp"),
          Fixtures.hex("a-abort"));

  @Property(tries = 3000)
  void mutatedGoldenPdus(@ForAll("mutated") byte[] input) {
    assertDecodesOrFailsCleanly(input);
  }

  @Property(tries = 2000)
  void randomBytes(@ForAll("random") byte[] input) {
    assertDecodesOrFailsCleanly(input);
  }

  @Provide
  Arbitrary<byte[]> random() {
    Arbitrary<Integer> type = Arbitraries.integers().between(0, 9);
    Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
    return Combinators.combine(type, rest)
        .as(
            (t, r) -> {
              byte[] b = new byte[r.length + 1];
              b[0] = (byte) (int) t;
              System.arraycopy(r, 0, b, 1, r.length);
              return b;
            });
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<byte[]> base = Arbitraries.of(GOLDEN);
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, 400);
    Arbitrary<Integer> values = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 400);
    Arbitrary<Integer> mutations = Arbitraries.integers().between(1, 4);
    return Combinators.combine(
            base, positions.list().ofSize(4), values.list().ofSize(4), cut, mutations)
        .as(
            (b, pos, val, c, n) -> {
              byte[] copy = b.clone();
              for (int i = 0; i < n; i++) {
                copy[pos.get(i) % copy.length] = (byte) (int) val.get(i);
              }
              return c < copy.length && c % 3 == 0 ? java.util.Arrays.copyOf(copy, c) : copy;
            });
  }

  private static void assertDecodesOrFailsCleanly(byte[] input) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    PduReader reader = new PduReader(new ByteArrayInputStream(input), LIMITS);
    int pdus = 0;
    try {
      while (reader.read() != null) {
        pdus++;
        assertThat(pdus).isLessThanOrEqualTo(input.length);
      }
    } catch (PduDecodeException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.problem()).isNotNull();
      assertThat(e.offset())
          .isBetween(
              0L,
              (long) Math.max(LIMITS.maxPDataPduLength(), LIMITS.maxAssociatePduLength())
                  + PduHeader.LENGTH);
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(allocated)
        .isLessThan(
            LIMITS.maxPDataPduLength() + LIMITS.maxAssociatePduLength() + ALLOCATION_ALLOWANCE);
  }
}
