package org.roentgen.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Bytes;

/**
 * The Part 10 parser under random damage: a valid file with bytes flipped, lengths replaced, bytes
 * inserted or the end cut off, read from a stream and from a file, must give a dataset or a
 * DicomParseException / EOFException, in bounded time and memory, and never anything else.
 */
class Part10FuzzTest {
  private static final List<TransferSyntax> SYNTAXES =
      List.of(
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
          TransferSyntax.of(Synthetic.JPEG_BASELINE));
  private static byte[][] files;
  private static Path dir;

  @BeforeContainer
  static void makeFiles() throws IOException {
    files = new byte[SYNTAXES.size()][];
    for (int i = 0; i < files.length; i++) {
      Attributes ds = Synthetic.dataset(false, 512);
      ds.remove(0x00111020); // the 50 kB UT: keep the files small so damage hits structure
      if (SYNTAXES.get(i).encapsulated()) {
        Synthetic.addEncapsulatedPixelData(ds);
      }
      files[i] = Synthetic.part10(ds, SYNTAXES.get(i));
    }
    dir = Files.createTempDirectory("fuzz");
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** One change to a file; positions are fractions of its length. */
  record Damage(int kind, double where, int value) {
    byte[] apply(byte[] b) {
      int at = Math.min(b.length - 1, (int) (where * b.length));
      byte[] out;
      switch (kind) {
        case 0 -> { // flip one byte
          out = b.clone();
          out[at] ^= (byte) (value | 1);
        }
        case 1 -> { // a 32-bit little or big endian length or tag of a telling value
          out = b.clone();
          int[] telling = {
            0xFFFFFFFF,
            0x7FFFFFF0,
            0xFFFFFFF0,
            0x00010000,
            0xFFFEE000,
            0xFFFEE0DD,
            0xE000FFFE,
            value
          };
          if (at + 4 <= out.length) {
            Bytes.put32(
                out, at, telling[Math.floorMod(value, telling.length)], (value & 0x100) != 0);
          }
        }
        case 2 -> { // insert up to 16 bytes
          int n = 1 + Math.floorMod(value, 16);
          out = new byte[b.length + n];
          System.arraycopy(b, 0, out, 0, at);
          Arrays.fill(out, at, at + n, (byte) value);
          System.arraycopy(b, at, out, at + n, b.length - at);
        }
        default -> out = Arrays.copyOf(b, at); // cut off the end
      }
      return out;
    }
  }

  @Provide
  Arbitrary<List<Damage>> damage() {
    Arbitrary<Damage> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers())
            .as(Damage::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 300)
  void damagedFilesGiveADatasetOrAParseError(
      @ForAll("damage") List<Damage> damage, @ForAll("syntax") int syntax) throws IOException {
    byte[] b = files[syntax];
    for (Damage d : damage) {
      if (b.length > 0) {
        b = d.apply(b);
      }
    }
    Path f = dir.resolve("damaged.dcm");
    Files.write(f, b);
    check(
        new DicomInputStream(new ByteArrayInputStream(b)),
        damage + " on " + SYNTAXES.get(syntax).name() + ", stream");
    check(DicomInputStream.open(f), damage + " on " + SYNTAXES.get(syntax).name() + ", file");
  }

  @Provide
  Arbitrary<Integer> syntax() {
    return Arbitraries.integers().between(0, SYNTAXES.size() - 1);
  }

  private static void check(DicomInputStream in, String what) {
    long allocated = allocatedBytes();
    long start = System.nanoTime();
    try (in) {
      in.readFileMetaInformation();
      Attributes ds = in.readDataset();
      // What was read is a dataset that can be written.
      try (DicomOutputStream out = new DicomOutputStream(OutputStream.nullOutputStream())) {
        out.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      }
    } catch (DicomParseException | EOFException expected) {
      // broken input, said so
    } catch (Throwable t) {
      throw new AssertionError(what + ": " + t, t);
    }
    assertThat(System.nanoTime() - start).as(what + ": time").isLessThan(2_000_000_000L);
    assertThat(allocatedBytes() - allocated).as(what + ": bytes allocated").isLessThan(80L << 20);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
