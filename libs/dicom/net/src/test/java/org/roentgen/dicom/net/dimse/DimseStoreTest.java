package org.roentgen.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;
import org.roentgen.dicom.net.ul.FileRegionSink;
import org.roentgen.dicom.net.ul.FileRegionSource;

/**
 * C-STORE between {@link DimseClient} and {@link DimseServer} over loopback: the asynchronous
 * operations window as negotiated (PS3.7 D.3.3.3) with every response matched to its request, and
 * data sets moved file to socket and socket to file ({@link FileRegionSink}, {@link
 * FileRegionSource}) byte for byte, including a failed write on the receiving side answered with a
 * status while the association goes on.
 */
class DimseStoreTest {
  private static final String CT = UID.CTImageStorage;
  private static final String TS = UID.ExplicitVRLittleEndian;

  @TempDir Path tmp;

  @Test
  void theWindowIsNegotiatedAndEveryResponseFindsItsRequest() throws Exception {
    AtomicInteger stored = new AtomicInteger();
    StoreHandler handler =
        (as, rq, ts, dataset) -> {
          dataset.readAllBytes();
          stored.incrementAndGet();
          // Odd instances get a warning, so that responses are told apart.
          return rq.affectedSopInstanceUid().endsWith("1")
              ? Status.COERCION_OF_DATA_ELEMENTS.code()
              : 0;
        };
    AssociationAcceptor scp = acceptor(handler, 4);
    try {
      int port = scp.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
      AssociationRequest rq =
          AssociationRequest.of("SCP", "SCU")
              .withContext(CT, TS)
              .withAsyncOperationsWindow(new AsyncOperationsWindow(16, 1));
      List<CompletableFuture<Command>> futures = new ArrayList<>();
      try (DimseClient c =
          DimseClient.connect(
              rq, "127.0.0.1", port, AssociationOptions.defaults(), Duration.ofSeconds(10))) {
        assertThat(c.window()).as("the acceptor's limit wins").isEqualTo(4);
        for (int i = 0; i < 50; i++) {
          byte[] data = new byte[1000 + i];
          futures.add(c.storeAsync(CT, "1.2.3." + i, TS, Priority.MEDIUM, out -> out.write(data)));
        }
        c.awaitOutstanding();
      }
      assertThat(stored).hasValue(50);
      for (int i = 0; i < 50; i++) {
        Command rsp = futures.get(i).get();
        assertThat(rsp.affectedSopInstanceUid()).isEqualTo("1.2.3." + i);
        assertThat(rsp.status())
            .isEqualTo(i % 10 == 1 ? Status.COERCION_OF_DATA_ELEMENTS.code() : 0);
      }
    } finally {
      scp.close();
    }
  }

  @Test
  void withoutAProposedWindowOperationsAreSynchronous() throws Exception {
    AssociationAcceptor scp = acceptor((as, rq, ts, dataset) -> Status.SUCCESS.code(), 8);
    try {
      int port = scp.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
      AssociationRequest rq = AssociationRequest.of("SCP", "SCU").withContext(CT, TS);
      try (DimseClient c =
          DimseClient.connect(
              rq, "127.0.0.1", port, AssociationOptions.defaults(), Duration.ofSeconds(10))) {
        assertThat(c.window()).isEqualTo(1);
      }
    } finally {
      scp.close();
    }
  }

  @Test
  void fileRegionsGoThroughUnchangedAndAFailedWriteIsAStatus() throws Exception {
    Path source = tmp.resolve("source.bin");
    byte[] content = new byte[3_000_001];
    new Random(7).nextBytes(content);
    Files.write(source, content);
    Map received = new Map();
    StoreHandler handler =
        (as, rq, ts, dataset) -> {
          assertThat(dataset).isInstanceOf(FileRegionSource.class);
          Path target = tmp.resolve(rq.affectedSopInstanceUid());
          if (rq.affectedSopInstanceUid().equals("fail")) {
            // A channel that cannot be written: the data set is still read off the association.
            Files.createFile(target);
            try (FileChannel readOnly = FileChannel.open(target, StandardOpenOption.READ)) {
              ((FileRegionSource) dataset).transferTo(new FailingChannel(readOnly));
            }
            return Status.SUCCESS.code();
          }
          try (FileChannel out =
              FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            received.put(rq.affectedSopInstanceUid(), ((FileRegionSource) dataset).transferTo(out));
          }
          return Status.SUCCESS.code();
        };
    AssociationAcceptor scp = acceptor(handler, 4);
    try {
      int port = scp.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
      AssociationRequest rq = AssociationRequest.of("SCP", "SCU").withContext(CT, TS);
      try (DimseClient c =
          DimseClient.connect(
              rq, "127.0.0.1", port, AssociationOptions.defaults(), Duration.ofSeconds(10))) {
        for (String iuid : List.of("a", "fail", "b")) {
          Command rsp =
              c.store(
                  CT,
                  iuid,
                  TS,
                  Priority.MEDIUM,
                  out -> {
                    assertThat(out).isInstanceOf(FileRegionSink.class);
                    try (FileChannel in = FileChannel.open(source)) {
                      ((FileRegionSink) out).writeFrom(in, 1, content.length - 1);
                    }
                  });
          assertThat(rsp.status())
              .as(iuid)
              .isEqualTo(
                  iuid.equals("fail") ? Status.OUT_OF_RESOURCES.code() : Status.SUCCESS.code());
        }
      }
      byte[] expected = java.util.Arrays.copyOfRange(content, 1, content.length);
      assertThat(Files.readAllBytes(tmp.resolve("a"))).isEqualTo(expected);
      assertThat(Files.readAllBytes(tmp.resolve("b"))).isEqualTo(expected);
      assertThat(received.get("a")).isEqualTo((long) expected.length);
    } finally {
      scp.close();
    }
  }

  @Test
  void aPeerThatStopsMidDataSetIsAbortedByTheReadTimeout() throws Exception {
    java.util.concurrent.CompletableFuture<Throwable> failure =
        new java.util.concurrent.CompletableFuture<>();
    StoreHandler handler =
        (as, rq, ts, dataset) -> {
          Path target = tmp.resolve("stalled");
          try (FileChannel out =
              FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ((FileRegionSource) dataset).transferTo(out);
          } catch (IOException e) {
            failure.complete(e);
            throw e;
          }
          failure.complete(null);
          return Status.SUCCESS.code();
        };
    DefaultAcceptancePolicy policy = DefaultAcceptancePolicy.create().withAbstractSyntax(CT, TS);
    AssociationAcceptor scp =
        new AssociationAcceptor(
            AssociationOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)),
            policy,
            new DimseServer(handler, null),
            2);
    java.util.concurrent.CountDownLatch stall = new java.util.concurrent.CountDownLatch(1);
    try {
      int port = scp.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
      AssociationRequest rq = AssociationRequest.of("SCP", "SCU").withContext(CT, TS);
      DimseClient c =
          DimseClient.connect(
              rq, "127.0.0.1", port, AssociationOptions.defaults(), Duration.ofSeconds(20));
      Thread sender =
          new Thread(
              () -> {
                try {
                  c.store(
                      CT,
                      "1.2.3",
                      TS,
                      Priority.MEDIUM,
                      out -> {
                        out.write(new byte[1 << 20]);
                        out.flush();
                        try {
                          stall.await(
                              20, java.util.concurrent.TimeUnit.SECONDS); // stops mid-data set
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      });
                } catch (Exception expected) {
                  // the SCP aborted
                }
              });
      sender.start();
      long start = System.nanoTime();
      Throwable t = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(t).as("the stalled transfer fails instead of waiting for the peer").isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      stall.countDown();
      sender.join(20_000);
    } finally {
      stall.countDown();
      scp.close();
    }
  }

  private static final class Map extends ConcurrentHashMap<String, Long> {}

  /** A file channel whose writes fail as a full disk's would. */
  private static final class FailingChannel extends FileChannelDelegate {
    FailingChannel(FileChannel delegate) {
      super(delegate);
    }

    @Override
    public int write(java.nio.ByteBuffer src) throws IOException {
      throw new IOException("No space left on device");
    }
  }

  private static AssociationAcceptor acceptor(StoreHandler handler, int window) {
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create().withAbstractSyntax(CT, TS).withAsyncOperations(window);
    return new AssociationAcceptor(
        AssociationOptions.defaults(), policy, new DimseServer(handler, null), 4);
  }
}
