package org.roentgen.dicom.net.ul;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import org.roentgen.dicom.net.pdu.SinkWriteException;
import org.roentgen.dicom.net.pdu.TransferableInput;

/**
 * The input of a plain TCP association: the socket read as a channel into one direct buffer, as a C
 * program reads into its own. PDU headers are parsed out of that buffer, and a data set PDV goes
 * from it to a file in one write: its bytes never pass through the heap, and a read takes whatever
 * the socket holds (often the next PDU's header with it), so there is about one read and one write
 * per PDV.
 *
 * <p>A blocking channel read does not honour the socket's read timeout (SO_TIMEOUT), so a watchdog
 * shared by all associations ({@link Timers}) checks the read under way a few times per timeout: a
 * read older than the timeout shuts the socket's input, and the read then fails with a {@link
 * SocketTimeoutException}, as a timed socket read would (the output stays open for the A-ABORT).
 *
 * <p>Not thread-safe: read by the association's reader thread only.
 */
final class ChannelInput extends InputStream implements TransferableInput {
  /** The buffer: several PDUs of the default maximum length, so a PDV is usually read whole. */
  static final int BUFFER_SIZE = 1 << 20;

  /** Buffers of finished associations kept for the next ones (allocating one zeroes 1 MiB). */
  private static final ConcurrentLinkedDeque<ByteBuffer> POOL = new ConcurrentLinkedDeque<>();

  private static final int POOL_LIMIT = 16;

  private final Socket socket;
  private final SocketChannel channel;

  /** Unread input between position and limit; null once released. */
  private ByteBuffer buf;

  /** When the read under way started (System.nanoTime), or 0 when none is. */
  private volatile long readStarted;

  /** Set by the watchdog when it cut a read off. */
  private volatile boolean timedOut;

  private ScheduledFuture<?> watchdog;
  private int watchedTimeout;

  ChannelInput(Socket socket) {
    this.socket = socket;
    this.channel = socket.getChannel();
    if (channel == null) {
      throw new IllegalArgumentException("the socket has no channel");
    }
    ByteBuffer b = POOL.poll();
    buf = (b != null ? b : ByteBuffer.allocateDirect(BUFFER_SIZE)).clear().limit(0);
  }

  /** Returns the buffer to the pool; later reads fail. Called by the reader when it is done. */
  void release() {
    ByteBuffer b = buf;
    buf = null;
    if (b != null && POOL.size() < POOL_LIMIT) {
      POOL.offer(b);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
    }
  }

  @Override
  public int read() throws IOException {
    ByteBuffer b = buffer();
    if (!b.hasRemaining() && !fill(b, 1)) {
      return -1;
    }
    return b.get() & 0xFF;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, dst.length);
    if (len == 0) {
      return 0;
    }
    ByteBuffer b = buffer();
    if (!b.hasRemaining() && !fill(b, 1)) {
      return -1;
    }
    int n = Math.min(len, b.remaining());
    b.get(dst, off, n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    ByteBuffer b = buffer();
    if (!b.hasRemaining() && !fill(b, 1)) {
      return 0;
    }
    int k = (int) Math.min(n, b.remaining());
    b.position(b.position() + k);
    return k;
  }

  @Override
  public int available() {
    return buf == null ? 0 : buf.remaining();
  }

  @Override
  public boolean canTransfer() {
    return true;
  }

  /**
   * Moves exactly {@code n} bytes to {@code out}: a PDV up to the buffer's size is collected whole
   * and written in one call. When a write fails, the rest is still read (the association can go on
   * and answer a failure status) and a {@link SinkWriteException} follows.
   */
  @Override
  public void transferTo(long n, FileChannel out) throws IOException {
    ByteBuffer b = buffer();
    IOException writeFailure = null;
    while (n > 0) {
      int chunk = (int) Math.min(n, b.capacity());
      if (b.remaining() < chunk && !fill(b, chunk)) {
        throw new EOFException(
            (n - b.remaining()) + " bytes of a PDV missing at the end of the stream");
      }
      int limit = b.limit();
      b.limit(b.position() + chunk);
      if (writeFailure == null) {
        try {
          while (b.hasRemaining()) {
            out.write(b);
          }
        } catch (IOException e) {
          writeFailure = e;
        }
      }
      b.position(b.position() + b.remaining()).limit(limit);
      n -= chunk;
    }
    if (writeFailure != null) {
      throw new SinkWriteException(writeFailure);
    }
  }

  private ByteBuffer buffer() throws IOException {
    if (buf == null) {
      throw new IOException("association input closed");
    }
    return buf;
  }

  /**
   * Reads until at least {@code want} bytes (at most the capacity) are buffered, moving the unread
   * bytes to the front first when there is not room behind them; each read takes what the socket
   * has, up to the end of the buffer.
   *
   * @return false when the stream ended first
   */
  private boolean fill(ByteBuffer b, int want) throws IOException {
    int start = b.position();
    if (b.capacity() - start < want) {
      b.compact().flip();
      start = 0;
    }
    int end = b.limit();
    b.limit(b.capacity()).position(end);
    try {
      while (b.position() - start < want) {
        startRead();
        if (channel.read(b) < 0) {
          break;
        }
      }
    } finally {
      readStarted = 0;
      b.limit(b.position()).position(start);
    }
    if (timedOut) {
      throw new SocketTimeoutException("Read timed out");
    }
    return b.remaining() >= want;
  }

  /** Marks a read as under way, under a watchdog for the socket's current read timeout. */
  private void startRead() throws IOException {
    if (timedOut) {
      throw new SocketTimeoutException("Read timed out");
    }
    int timeout = socket.getSoTimeout();
    if (timeout != watchedTimeout) {
      if (watchdog != null) {
        watchdog.cancel(false);
        watchdog = null;
      }
      watchedTimeout = timeout;
      if (timeout > 0) {
        watchdog =
            Timers.watch(
                Duration.ofMillis(timeout), () -> readStarted, socket::isClosed, this::cutOff);
      }
    }
    readStarted = System.nanoTime();
  }

  /** The watchdog's action: the read under way ends, and fails as timed out. */
  private void cutOff() {
    timedOut = true;
    try {
      socket.shutdownInput();
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the read fails either way
      }
    }
  }
}
