package org.roentgen.dicom.net.ul;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.Pdu;
import org.roentgen.dicom.net.pdu.PduLimits;
import org.roentgen.dicom.net.pdu.PduReader;
import org.roentgen.dicom.net.pdu.PduWriter;
import org.roentgen.dicom.net.pdu.PresentationContextRq;
import org.roentgen.dicom.net.pdu.UserInformation;

/** A scripted peer speaking raw bytes over a loopback socket. */
final class FakePeer implements Closeable {

  static final String VERIFICATION = "1.2.840.10008.1.1";
  static final String IVR = "1.2.840.10008.1.2";
  static final String EVR = "1.2.840.10008.1.2.1";
  static final Duration WAIT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final PduReader reader;

  private FakePeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) WAIT.toMillis());
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.reader = new PduReader(in, new PduLimits(1 << 20, 1 << 24));
  }

  static FakePeer connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new FakePeer(s);
  }

  static FakePeer accept(ServerSocket server) throws IOException {
    server.setSoTimeout((int) WAIT.toMillis());
    return new FakePeer(server.accept());
  }

  static AAssociateRq verificationRq(String called, long maxPdu) {
    return new AAssociateRq(
        1,
        called,
        "FAKE",
        AAssociateRq.DICOM_APPLICATION_CONTEXT,
        List.of(PresentationContextRq.of(1, VERIFICATION, EVR, IVR)),
        UserInformation.of(maxPdu, "1.2.3.4", "FAKE"));
  }

  void send(Pdu pdu) throws IOException {
    out.write(PduWriter.encode(pdu));
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next PDU, failing the test after {@link #WAIT}. */
  Pdu read() throws IOException {
    Pdu pdu = reader.read();
    if (pdu == null) {
      throw new IOException("peer closed the connection");
    }
    return pdu;
  }

  /** Whether the other side closed the connection within {@link #WAIT} (data is discarded). */
  boolean closedByOtherSide() throws IOException {
    try {
      while (in.read() >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
