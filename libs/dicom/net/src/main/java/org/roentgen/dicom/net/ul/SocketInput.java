package org.roentgen.dicom.net.ul;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.roentgen.dicom.net.pdu.SinkWriteException;
import org.roentgen.dicom.net.pdu.TransferableInput;

/**
 * The buffered input of an association's socket. When the socket is a plain TCP channel, data set
 * bytes can go from the socket to a file through one direct buffer, as a C program's would, instead
 * of through two heap copies. A channel read does not honour the socket's read timeout, so a
 * watchdog closes the socket when one read takes longer than that timeout.
 */
final class SocketInput extends BufferedInputStream implements TransferableInput {
  private static final int DIRECT_SIZE = 1 << 20;
  private static final ThreadLocal<ByteBuffer> DIRECT =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(DIRECT_SIZE));

  private final Socket socket;
  private final SocketChannel channel;

  SocketInput(Socket socket, int size) throws IOException {
    super(socket.getInputStream(), size);
    this.socket = socket;
    this.channel = socket.getChannel();
  }

  @Override
  public boolean canTransfer() {
    return channel != null;
  }

  @Override
  public synchronized void transferTo(long n, FileChannel out) throws IOException {
    IOException writeFailure = null;
    int buffered = count - pos;
    if (buffered > 0) {
      int k = (int) Math.min(n, buffered);
      writeFailure = write(ByteBuffer.wrap(buf, pos, k), out, writeFailure);
      pos += k;
      n -= k;
    }
    ByteBuffer direct = DIRECT.get();
    int timeout = socket.getSoTimeout();
    if (timeout > 0) {
      watch(timeout);
    }
    try {
      while (n > 0) {
        // The PDV's bytes (or the buffer's worth) are collected first and written in one call:
        // the socket hands them over in pieces, and one write per piece doubled the system calls.
        direct.clear().limit((int) Math.min(n, DIRECT_SIZE));
        while (direct.hasRemaining()) {
          readProgress = System.nanoTime();
          if (channel.read(direct) < 0) {
            throw new EOFException(
                (n - direct.position()) + " bytes of a PDV missing at the end of the stream");
          }
        }
        direct.flip();
        n -= direct.remaining();
        writeFailure = write(direct, out, writeFailure);
      }
    } finally {
      readProgress = 0;
    }
    if (writeFailure != null) {
      throw new SinkWriteException(writeFailure);
    }
  }

  /** Writes all of {@code b} unless an earlier write failed; returns the first failure. */
  private static IOException write(ByteBuffer b, FileChannel out, IOException failed) {
    if (failed != null) {
      return failed;
    }
    try {
      while (b.hasRemaining()) {
        out.write(b);
      }
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** When the current channel read started (System.nanoTime), or 0 when none is under way. */
  private volatile long readProgress;

  private ScheduledFuture<?> watchdog;

  /**
   * One periodic check per association (not a timer per read): a channel read under way for longer
   * than the socket's read timeout closes the socket, as the timeout would have.
   */
  private void watch(int timeoutMillis) {
    if (watchdog == null) {
      watchdog =
          Timers.watch(
              Duration.ofMillis(timeoutMillis),
              () -> readProgress,
              socket::isClosed,
              this::closeSocket);
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the read fails and the association ends either way
    }
  }
}
