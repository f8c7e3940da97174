package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.dicom.testkit.Processes;

/**
 * One {@code bin/roentgen up} shared by the integration tests that need a running stack but not a
 * fresh one ({@link PipelineEndToEndIT}, {@link QuarantineReleaseEndToEndIT}, {@link ScaleOutIT},
 * {@link ObservabilityIT}; {@code @ExtendWith(SharedStack.class)}, the stack as a {@link
 * LocalStack} parameter of the test method). The first of them to run in the test JVM starts it on
 * a temporary data folder; it stays in JUnit's root store and is stopped ({@code bin/roentgen
 * down}, its folder deleted) when the JUnit run ends, whichever classes ran and whether they passed
 * (a failed {@code down} then is printed, failsafe reports nothing at that point); {@link
 * SharedStackDownIT}, ordered last, stops it before and checks that {@code down} succeeds, which
 * fails the build when it does not. A JVM shutdown hook stops it too when the run is cut short. One
 * {@code up} (45-60 s) and one {@code down} instead of four of each.
 *
 * <p>{@code up} is tried once: when it fails, every class that uses the stack fails with its error.
 *
 * <p>The tests share Kafka's topics, S3, the archive, the worklist, the archive SCP's folder and
 * Orthanc, so each keeps to its own patients, orders, studies and instances ({@link
 * ClinicalRadiographs} with its own seed, whose tag is in every identifier; {@link #addOrders}
 * refuses an order the worklist already has) and asserts on those only. The classes run in the
 * order of their {@link org.junit.jupiter.api.Order} ({@code junit-platform.properties}): {@link
 * LocalStackIT} first, on its own fresh folder before this stack takes the fixed ports; {@link
 * ObservabilityIT}, which stops the archive SCP for a while, last of the users.
 */
final class SharedStack implements BeforeAllCallback, ParameterResolver {
  /** The orders of the classes that use the shared stack; {@link LocalStackIT} runs before. */
  static final int PIPELINE = LocalStackIT.ORDER + 1;

  static final int QUARANTINE = 3;
  static final int SCALE_OUT = 4;
  static final int OBSERVABILITY = 5;
  static final int DOWN = 6;

  /**
   * The environment of {@code up}: every consuming service's Kafka session timeout at 6 s, the
   * broker's minimum, instead of the default 45 s. {@link ScaleOutIT} needs it (its killed
   * instances must be out of their groups within 30 s, and it starts its second instances with the
   * same settings); the others do not care, so the stack they share starts with it for all.
   */
  static final Map<String, String> ENV =
      Map.of(
          "ROENTGEN_JAVA_OPTS",
          String.join(
              " ",
              "-Dvalidation.kafka.session-timeout=6s",
              "-Dqc.kafka.session-timeout=6s",
              "-Drouter.kafka.session-timeout=6s",
              "-Darchive.kafka.session-timeout=6s"));

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedStack.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    started(context).stack();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return started(context).stack();
  }

  /**
   * Moves the orders {@link ClinicalRadiographs#write} wrote into {@code orders} into the shared
   * stack's worklist, which reads its folder at every query, so they are found from now on; fails
   * when the worklist already has one of them (a seed another test uses).
   */
  static void addOrders(LocalStack stack, Path orders) throws IOException {
    Path worklist = stack.data.resolve("worklist");
    List<Path> files;
    try (Stream<Path> s = Files.list(orders)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("orders in %s", orders).isNotEmpty();
    for (Path f : files) {
      assertThat(worklist.resolve(f.getFileName()))
          .as("an order of another test with the same accession number: use another seed")
          .doesNotExist();
    }
    for (Path f : files) {
      // Written beside the worklist's files, then renamed: the worklist never reads half a file.
      Path part = worklist.resolve("." + f.getFileName() + ".part");
      Files.copy(f, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, worklist.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static Started started(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Started.class, k -> Started.start(), Started.class);
  }

  /**
   * The shared stack, or why it did not start; closed by JUnit with its root store (an {@link
   * AutoCloseable} value) at the end of the run.
   */
  private static final class Started implements AutoCloseable {
    private final Path folder;
    private final LocalStack stack;
    private final Throwable failure;
    private final Thread hook = new Thread(this::stopQuietly, "shared-stack-down");

    private Started(Path folder, LocalStack stack, Throwable failure) {
      this.folder = folder;
      this.stack = stack;
      this.failure = failure;
    }

    static Started start() {
      Path folder = null;
      try {
        LocalStack.assertJarsBuilt();
        folder = Files.createTempDirectory("roentgen-shared-stack");
        System.out.printf("SharedStack: bin/roentgen up on %s/data%n", folder);
        Started started =
            new Started(folder, LocalStack.up(folder.resolve("data"), folder, ENV), null);
        Runtime.getRuntime().addShutdownHook(started.hook);
        return started;
      } catch (Throwable t) {
        return new Started(folder, null, t);
      }
    }

    /**
     * The running stack; when {@code up} failed, its error, for every class that asks; when it
     * ended since (a component died, and {@code up} stopped the rest), that, with its last words.
     */
    LocalStack stack() {
      if (failure != null) {
        throw new AssertionError(
            "the shared stack did not start (bin/roentgen up, tried once for all tests): "
                + failure.getMessage(),
            failure);
      }
      if (!stack.up.isAlive()) {
        String err;
        try {
          err = LocalStack.read(stack.err);
        } catch (IOException e) {
          err = e.toString();
        }
        throw new AssertionError(
            String.format(
                "the shared stack is not running: bin/roentgen up %s (status %d):%n%s",
                stack.downDone() ? "was stopped" : "ended by itself",
                stack.up.exitValue(),
                err.substring(Math.max(0, err.length() - 4000))));
      }
      return stack;
    }

    /** {@code bin/roentgen down} when the run is cut short (the JVM ends without closing us). */
    private void stopQuietly() {
      try {
        if (stack.up.isAlive()) {
          stack.down();
        }
      } catch (Exception e) {
        System.out.println("SharedStack: " + e);
      }
    }

    @Override
    public void close() throws IOException {
      if (stack == null) {
        return;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already
      }
      boolean checked = stack.downDone(); // by SharedStackDownIT, which reports a failure
      Processes.Result down;
      try {
        down = stack.down();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping the shared stack on " + folder, e);
      }
      if (stack.up.isAlive()) {
        stack.up.destroyForcibly();
      }
      System.out.printf("SharedStack: bin/roentgen down exited %d%n", down.exitCode());
      if (down.exitCode() != 0) {
        if (checked) {
          return; // the data stays for a look
        }
        // Printed as well: failsafe reports no failure of the run's end (JUnit's engine level),
        // only an IDE's launcher does. SharedStackDownIT is the check that fails the build.
        String failed =
            "bin/roentgen down of the shared stack exited "
                + down.exitCode()
                + " (data kept in "
                + folder
                + "): "
                + down.stderr();
        System.out.println("SharedStack: FAILED: " + failed);
        throw new IllegalStateException(failed);
      }
      delete(folder);
    }

    /** Deletes the data folder, as JUnit does a temporary one; what it cannot, it says. */
    private static void delete(Path folder) {
      try {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
          s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        System.out.println("SharedStack: could not delete " + folder + ": " + e);
      }
    }
  }
}
