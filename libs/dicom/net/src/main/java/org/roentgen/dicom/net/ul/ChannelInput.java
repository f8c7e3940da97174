package org.roentgen.dicom.net.ul;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.roentgen.dicom.net.pdu.SinkWriteException;
import org.roentgen.dicom.net.pdu.TransferableInput;

/**
 * The input of a plain TCP association: the socket read as a channel into one direct ring buffer,
 * as a C program reads into its own. PDU headers are parsed out of the ring, and a data set PDV
 * goes from it to a file in one write (two when it wraps around the ring's end): its bytes never
 * pass through the heap and are never moved within the ring. A read takes whatever the socket holds
 * up to the free space, often several PDUs, so there is less than one read per PDU.
 *
 * <p>A blocking channel read does not honour the socket's read timeout (SO_TIMEOUT), so a watchdog
 * shared by all associations ({@link Timers}) checks the read under way a few times per timeout: a
 * read older than the timeout shuts the socket's input, and the read then fails with a {@link
 * SocketTimeoutException}, as a timed socket read would (the output stays open for the A-ABORT).
 *
 * <p>Not thread-safe: read by the association's reader thread only.
 */
final class ChannelInput extends InputStream implements TransferableInput {
  /** The ring's size to start with: room for several PDUs of the default maximum length. */
  static final int BUFFER_SIZE = 1 << 20;

  /**
   * The ring's size once the association moves a data set to a file ({@link #transferTo}): larger
   * reads, fewer of them. Measured on loopback with 8 MiB images into tmpfs (two cores): 1 MiB took
   * about 15% longer than 4 MiB, 512 KiB 25% longer; 8 MiB was no faster.
   */
  static final int TRANSFER_BUFFER_SIZE = 4 << 20;

  /**
   * The most written to a file at once (half the first ring, an eighth of the grown one); a larger
   * PDV goes in several writes.
   */
  private static final int CHUNK = BUFFER_SIZE / 2;

  /**
   * Rings of the first size from finished associations, kept for the next ones (allocating one
   * zeroes it). Rings beyond these, and grown ones, are freed at once rather than left to the
   * garbage collector: direct memory counts against its own limit, and a JVM that reaches it stalls
   * in System.gc() before the next allocation.
   */
  private static final ConcurrentLinkedDeque<ByteBuffer> POOL = new ConcurrentLinkedDeque<>();

  private static final int POOL_LIMIT = 8;

  private static final Consumer<ByteBuffer> FREE = freer();

  private final Socket socket;
  private final SocketChannel channel;

  /** The ring, null once released; its position and limit are set per read and write. */
  private ByteBuffer ring;

  private int capacity;

  /** Bytes appended to the ring by socket reads, and bytes consumed from it, since the start. */
  private long appended;

  private long consumed;

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
    ring = b != null ? b : ByteBuffer.allocateDirect(BUFFER_SIZE);
    capacity = ring.capacity();
  }

  /** Returns the ring to the pool; later reads fail. Called by the reader when it is done. */
  void release() {
    ByteBuffer b = ring;
    ring = null;
    if (b != null) {
      recycle(b);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
    }
  }

  /** Pools a ring of the first size while the pool has room, else frees it now. */
  private static void recycle(ByteBuffer b) {
    if (b.capacity() == BUFFER_SIZE && POOL.size() < POOL_LIMIT) {
      POOL.offer(b.clear());
    } else {
      FREE.accept(b);
    }
  }

  /**
   * Frees a direct buffer's memory at once (sun.misc.Unsafe.invokeCleaner, in the jdk.unsupported
   * module that Java keeps open for this); where that is not available, the garbage collector frees
   * it later.
   */
  private static Consumer<ByteBuffer> freer() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      Object unsafe = theUnsafe.get(null);
      Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
      return b -> {
        try {
          invokeCleaner.invoke(unsafe, b);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // left to the garbage collector
        }
      };
    } catch (ReflectiveOperationException | RuntimeException e) {
      return b -> {};
    }
  }

  @Override
  public int read() throws IOException {
    if (appended == consumed && !fill(1)) {
      return -1;
    }
    int b = ring().get(index(consumed)) & 0xFF;
    consumed++;
    return b;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, dst.length);
    if (len == 0) {
      return 0;
    }
    if (appended == consumed && !fill(1)) {
      return -1;
    }
    int n = (int) Math.min(len, appended - consumed);
    int at = index(consumed);
    int first = Math.min(n, capacity - at);
    ByteBuffer r = ring();
    r.get(at, dst, off, first);
    if (first < n) {
      r.get(0, dst, off + first, n - first);
    }
    consumed += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    if (appended == consumed && !fill(1)) {
      return 0;
    }
    long k = Math.min(n, appended - consumed);
    consumed += k;
    return k;
  }

  @Override
  public int available() {
    return (int) (appended - consumed);
  }

  @Override
  public boolean canTransfer() {
    return true;
  }

  /**
   * Moves exactly {@code n} bytes to {@code out}: a PDV up to {@link #CHUNK} is collected whole and
   * written in one call. When a write fails, the rest is still read (the association can go on and
   * answer a failure status) and a {@link SinkWriteException} follows.
   */
  @Override
  public void transferTo(long n, FileChannel out) throws IOException {
    if (capacity < TRANSFER_BUFFER_SIZE) {
      grow(TRANSFER_BUFFER_SIZE);
    }
    IOException writeFailure = null;
    while (n > 0) {
      int chunk = (int) Math.min(n, CHUNK);
      if (appended - consumed < chunk && !fill(chunk)) {
        throw new EOFException(
            (n - (appended - consumed)) + " bytes of a PDV missing at the end of the stream");
      }
      if (writeFailure == null) {
        try {
          write(out, chunk);
        } catch (IOException e) {
          writeFailure = e;
        }
      }
      consumed += chunk;
      n -= chunk;
    }
    if (writeFailure != null) {
      throw new SinkWriteException(writeFailure);
    }
  }

  /** Moves the unread bytes to the start of a new, larger ring. */
  private void grow(int size) throws IOException {
    ByteBuffer old = ring();
    ByteBuffer bigger = ByteBuffer.allocateDirect(size);
    int n = (int) (appended - consumed);
    int at = index(consumed);
    int first = Math.min(n, capacity - at);
    bigger.put(old.limit(at + first).position(at));
    bigger.put(old.clear().limit(n - first));
    recycle(old);
    ring = bigger;
    capacity = size;
    consumed = 0;
    appended = n;
  }

  /** Writes the next {@code n} unread bytes to {@code out}, in two pieces when they wrap. */
  private void write(FileChannel out, int n) throws IOException {
    ByteBuffer r = ring();
    int at = index(consumed);
    int first = Math.min(n, capacity - at);
    r.limit(at + first).position(at);
    if (first == n) {
      while (r.hasRemaining()) {
        out.write(r);
      }
      return;
    }
    ByteBuffer[] pieces = {r, r.duplicate().limit(n - first).position(0)};
    long left = n;
    while (left > 0) {
      left -= out.write(pieces);
    }
  }

  /** The ring with its whole capacity in bounds (absolute gets check against the limit). */
  private ByteBuffer ring() throws IOException {
    ByteBuffer r = ring;
    if (r == null) {
      throw new IOException("association input closed");
    }
    return r.clear();
  }

  private int index(long position) {
    return (int) (position % capacity);
  }

  /**
   * Reads until at least {@code want} bytes (at most {@link #CHUNK}) are unread; each read takes
   * what the socket has, up to the free space before the ring's end.
   *
   * @return false when the stream ended first
   */
  private boolean fill(int want) throws IOException {
    ByteBuffer r = ring();
    try {
      while (appended - consumed < want) {
        int at = index(appended);
        int room = (int) Math.min(capacity - (appended - consumed), capacity - at);
        r.limit(at + room).position(at);
        startRead();
        int k = channel.read(r);
        readStarted = 0;
        if (k < 0) {
          break;
        }
        appended += k;
      }
    } finally {
      readStarted = 0;
    }
    if (timedOut) {
      throw new SocketTimeoutException("Read timed out");
    }
    return appended - consumed >= want;
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
