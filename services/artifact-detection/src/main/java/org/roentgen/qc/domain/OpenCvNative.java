package org.roentgen.qc.domain;

import org.opencv.core.Core;

/**
 * Loads OpenCV's native library (from the {@code org.openpnp:opencv} jar, extracted once per
 * process) and sets the number of threads OpenCV's own loops use.
 */
public final class OpenCvNative {
  private static volatile boolean loaded;

  private OpenCvNative() {}

  /** Loads the library unless it is loaded; safe to call from any thread, any number of times. */
  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (OpenCvNative.class) {
      if (!loaded) {
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
      }
    }
  }

  /**
   * The threads OpenCV may use inside one call. The service analyses one image per consumer thread
   * and sets 1, so that an image's cost is one core's and images run side by side.
   */
  public static void threads(int n) {
    load();
    Core.setNumThreads(n);
  }

  /** OpenCV's version, e.g. 4.9.0. */
  public static String version() {
    load();
    return Core.VERSION;
  }
}
