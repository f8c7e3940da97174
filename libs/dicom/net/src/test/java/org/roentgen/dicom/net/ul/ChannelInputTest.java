package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.net.pdu.SinkWriteException;

/**
 * The ring buffer of {@link ChannelInput} over a real loopback socket: records of random lengths
 * (some larger than what one write takes) read through the stream methods and moved to a file by
 * {@link ChannelInput#transferTo}, so that reads, transfers and the ring's wrap-around (and its
 * growth at the first transfer) meet at every offset; the bytes must come out exactly as sent.
 */
class ChannelInputTest {
  @TempDir Path tmp;

  private ServerSocketChannel server;
  private SocketChannel client;
  private Socket accepted;

  @BeforeEach
  void connect() throws IOException {
    server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    client = SocketChannel.open(server.getLocalAddress());
    accepted = server.accept().socket();
  }

  @AfterEach
  void close() throws IOException {
    accepted.close();
    client.close();
    server.close();
  }

  /** The byte at {@code offset} of the stream: not periodic in any power of two. */
  private static byte at(long offset) {
    return (byte) ((offset * 31 + offset / 7) % 251);
  }

  /** Writes records of [4-byte length][data] with data bytes at(offset), then closes. */
  private CompletableFuture<Void> send(List<Integer> lengths) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            long offset = 0;
            for (int len : lengths) {
              ByteBuffer b = ByteBuffer.allocate(4 + len);
              b.putInt(len);
              for (int i = 0; i < len; i++) {
                b.put(at(offset + 4 + i));
              }
              offset += 4 + len;
              b.flip();
              while (b.hasRemaining()) {
                client.write(b);
              }
            }
            client.shutdownOutput();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void readsAndTransfersComeOutAsSentAcrossTheRingsEnd() throws Exception {
    Random random = new Random(42);
    List<Integer> lengths = new ArrayList<>();
    long total = 0;
    while (total < 40L << 20) {
      int len =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(16);
            case 1 -> random.nextInt(70_000);
            case 2 -> random.nextInt(300_000);
            default -> random.nextInt(1_500_000);
          };
      lengths.add(len);
      total += 4 + len;
    }
    CompletableFuture<Void> sent = send(lengths);
    ChannelInput in = new ChannelInput(accepted);
    Path file = tmp.resolve("transferred");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    long offset = 0;
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int r = 0; r < lengths.size(); r++) {
        byte[] header = in.readNBytes(4);
        int len = ByteBuffer.wrap(header).getInt();
        assertThat(len).as("record %d length", r).isEqualTo(lengths.get(r));
        long dataStart = offset + 4;
        if (r % 3 == 0) {
          byte[] data = in.readNBytes(len);
          assertThat(data).hasSize(len);
          for (int i = 0; i < len; i++) {
            if (data[i] != at(dataStart + i)) {
              throw new AssertionError("record " + r + " differs at byte " + i);
            }
          }
        } else if (r % 3 == 1) {
          in.transferTo(len, out);
          for (int i = 0; i < len; i++) {
            expected.write(at(dataStart + i));
          }
        } else {
          // single-byte reads and a skip in the middle
          int half = len / 2;
          for (int i = 0; i < Math.min(half, 5); i++) {
            assertThat((byte) in.read()).isEqualTo(at(dataStart + i));
          }
          long left = len - Math.min(half, 5);
          while (left > 0) {
            long k = in.skip(left);
            assertThat(k).isPositive();
            left -= k;
          }
        }
        offset = dataStart + len;
      }
    }
    assertThat(in.read()).as("end of stream").isEqualTo(-1);
    sent.get(10, TimeUnit.SECONDS);
    in.release();
    byte[] written = Files.readAllBytes(file);
    assertThat(written).hasSize(expected.size());
    assertThat(Arrays.mismatch(written, expected.toByteArray()))
        .as("first byte of the file that differs from what was sent")
        .isEqualTo(-1);
  }

  @Test
  void aTransferCutShortByTheEndOfTheStreamFails() throws Exception {
    CompletableFuture<Void> sent =
        CompletableFuture.runAsync(
            () -> {
              try {
                client.write(ByteBuffer.wrap(new byte[100_000]));
                client.shutdownOutput();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    ChannelInput in = new ChannelInput(accepted);
    try (FileChannel out =
        FileChannel.open(
            tmp.resolve("short"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      assertThatThrownBy(() -> in.transferTo(200_000, out))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("missing");
    }
    sent.get(10, TimeUnit.SECONDS);
    in.release();
  }

  @Test
  void aFailedWriteStillConsumesTheBytesSoTheNextRecordIsRead() throws Exception {
    CompletableFuture<Void> sent = send(List.of(300_000, 10));
    ChannelInput in = new ChannelInput(accepted);
    FileChannel closed =
        FileChannel.open(
            tmp.resolve("closed"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    closed.close(); // every write to it fails with an IOException
    assertThat(ByteBuffer.wrap(in.readNBytes(4)).getInt()).isEqualTo(300_000);
    assertThatThrownBy(() -> in.transferTo(300_000, closed)).isInstanceOf(SinkWriteException.class);
    assertThat(ByteBuffer.wrap(in.readNBytes(4)).getInt()).isEqualTo(10);
    byte[] last = in.readNBytes(10);
    for (int i = 0; i < 10; i++) {
      assertThat(last[i]).isEqualTo(at(4 + 300_000 + 4 + i));
    }
    sent.get(10, TimeUnit.SECONDS);
    in.release();
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void releasedRingsBeyondThePoolAreFreedAtOnce() throws Exception {
    java.lang.management.BufferPoolMXBean direct =
        java.lang.management.ManagementFactory.getPlatformMXBeans(
                java.lang.management.BufferPoolMXBean.class)
            .stream()
            .filter(b -> b.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    long before = direct.getMemoryUsed();
    try (FileChannel out =
        FileChannel.open(
            tmp.resolve("none"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      List<ChannelInput> open = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ChannelInput in = new ChannelInput(accepted);
        if (i % 2 == 0) {
          in.transferTo(0, out); // grows the ring to its transfer size
        }
        open.add(in);
      }
      // 20 rings of 1 MiB and 20 of 4 MiB are held: 100 MiB.
      assertThat(direct.getMemoryUsed() - before).isGreaterThan(90L << 20);
      open.forEach(ChannelInput::release);
    }
    // At most the pool's eight 1 MiB rings stay; the rest is freed without a garbage collection.
    assertThat(direct.getMemoryUsed() - before).isLessThanOrEqualTo(9L << 20);
  }
}
