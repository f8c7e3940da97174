package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Association establishment, P-DATA and release against DCMTK (echoscu, storescp). The C-ECHO
 * commands are test-only bytes from {@link TestEchoCommands}.
 */
@Timeout(60)
class DcmtkInteropIT {

  static final String IVR = "1.2.840.10008.1.2";

  @TempDir Path dir;

  /** Answers C-ECHO-RQ with a Success C-ECHO-RSP. */
  static final class EchoScp extends RecordingHandler {
    EchoScp() {
      super(false);
    }

    @Override
    public void onMessage(Association as, IncomingMessage message) throws IOException {
      byte[] command = message.command().readAllBytes();
      commands.add(command);
      if (TestEchoCommands.us(command, 0x0100) == TestEchoCommands.C_ECHO_RQ) {
        int messageId = TestEchoCommands.us(command, 0x0110);
        as.send(message.presentationContextId(), TestEchoCommands.echoRsp(messageId, 0));
      }
    }
  }

  @Test
  void echoscuAssociatesEchoesAndReleases() throws Exception {
    EchoScp scp = new EchoScp();
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            DefaultAcceptancePolicy.create()
                .withCalledAeTitles("ROENTGEN")
                .withAbstractSyntax(TestEchoCommands.VERIFICATION, IVR, "1.2.840.10008.1.2.1"),
            scp,
            4)) {
      int port = acceptor.start(0);
      ProcessResult r =
          run(
              "echoscu",
              "-v",
              "-aet",
              "ECHOSCU",
              "-aec",
              "ROENTGEN",
              "127.0.0.1",
              Integer.toString(port));
      assertThat(r.exitCode).as(r.output).isZero();
      assertThat(r.output).contains("Association Accepted").contains("Success");
      assertThat(scp.awaitClosed()).as("released normally").isNull();
      assertThat(scp.commands).hasSize(1);
    }
  }

  @Test
  void echoscuIsRejectedForAnUnknownCalledAeTitle() throws Exception {
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            DefaultAcceptancePolicy.create()
                .withCalledAeTitles("ROENTGEN")
                .withAbstractSyntax(TestEchoCommands.VERIFICATION, IVR),
            new EchoScp(),
            4)) {
      int port = acceptor.start(0);
      ProcessResult r = run("echoscu", "-v", "-aec", "NOBODY", "127.0.0.1", Integer.toString(port));
      assertThat(r.exitCode).isNotZero();
      assertThat(r.output).containsIgnoringCase("Called AE Title Not Recognized");
    }
  }

  @Test
  void ourRequestorAssociatesWithStorescpEchoesAndReleases() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process storescp =
        new ProcessBuilder(
                "storescp", "-aet", "STORESCP", "-od", dir.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("storescp.log").toFile())
            .start();
    try {
      waitForPort(port);
      BlockingQueue<byte[]> responses = new ArrayBlockingQueue<>(4);
      Association as =
          Association.connect(
              AssociationRequest.of("STORESCP", "ROENTGEN")
                  .withContext(TestEchoCommands.VERIFICATION, IVR),
              "127.0.0.1",
              port,
              AssociationOptions.defaults(),
              (association, message) -> responses.add(message.command().readAllBytes()));
      assertThat(as.associateAc().userInformation().implementationClassUid()).isNotBlank();
      as.send(1, TestEchoCommands.echoRq(7));
      byte[] rsp = responses.poll(10, TimeUnit.SECONDS);
      assertThat(rsp).isNotNull();
      assertThat(TestEchoCommands.us(rsp, 0x0100)).isEqualTo(TestEchoCommands.C_ECHO_RSP);
      assertThat(TestEchoCommands.us(rsp, 0x0120)).isEqualTo(7);
      assertThat(TestEchoCommands.us(rsp, 0x0900)).isZero();
      as.release();
      assertThat(as.endCause()).isNull();
      assertThat(as.state()).isEqualTo(State.STA1);
    } finally {
      storescp.destroy();
      storescp.waitFor(5, TimeUnit.SECONDS);
    }
  }

  record ProcessResult(int exitCode, String output) {}

  static ProcessResult run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new ProcessResult(p.exitValue(), out);
  }

  static void waitForPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        assertThat(System.nanoTime()).as("storescp listening").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  static String log(Path file) throws IOException {
    return Files.readString(file);
  }
}
