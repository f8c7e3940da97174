package org.roentgen.stack.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every child JVM that roentgen-stack starts: {@code java -cp SERVER_CP:STACK
 * org.roentgen.stack.child.ChildMain MAIN_CLASS ARGS...}. It starts a lifeline and then runs {@code
 * MAIN_CLASS.main(ARGS)} on the same thread, so the server behaves as if started directly.
 *
 * <p>The lifeline is the child's standard input, a pipe whose writing end only the parent holds.
 * The parent never writes to it; when the parent ends, however it ends (even by SIGKILL, when no
 * shutdown hook runs), the operating system closes the pipe, the lifeline reads end of file, and
 * the child exits through {@link System#exit} so the server's own shutdown hooks still close its
 * files. If they take longer than {@link #HALT_AFTER_MILLIS}, the child halts. No orphaned server
 * keeps a port or a data folder.
 *
 * <p>This class uses the JDK only: it is loaded beside the server's own class path and must not
 * bring anything into it.
 */
public final class ChildMain {
  /** The exit status of a child whose parent went away (128 + SIGTERM, as a terminated child). */
  public static final int ORPHANED_EXIT = 143;

  /** How long the shutdown hooks of an orphaned child may run before it halts. */
  public static final long HALT_AFTER_MILLIS = 30_000;

  private ChildMain() {}

  /**
   * Starts the lifeline and runs the server.
   *
   * @param args the server's main class, then its arguments
   */
  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ChildMain MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    Thread lifeline = new Thread(ChildMain::watchParent, "roentgen-stack-lifeline");
    lifeline.setDaemon(true);
    lifeline.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Reads the lifeline until end of file, then ends this JVM. */
  private static void watchParent() {
    byte[] buffer = new byte[256];
    try (InputStream in = System.in) {
      while (in.read(buffer) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of file: the parent is gone
    }
    System.err.println("roentgen-stack: parent process gone, exiting");
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(HALT_AFTER_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(ORPHANED_EXIT);
            },
            "roentgen-stack-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(ORPHANED_EXIT);
  }
}
