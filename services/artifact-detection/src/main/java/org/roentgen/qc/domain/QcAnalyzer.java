package org.roentgen.qc.domain;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;

/**
 * Analyses one image: decodes the pixel data, finds the exposed field and the anatomy, resamples to
 * the working spacing and runs every enabled check. Thread-safe; one image per call. Never throws
 * for bad pixels: an image that cannot be analysed gets a NOT_ANALYSED result with the reason.
 */
public final class QcAnalyzer {
  private final QcSettings settings;
  private final Baselines baselines;

  public QcAnalyzer(QcSettings settings, Baselines baselines) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    OpenCvNative.load();
  }

  public QcSettings settings() {
    return settings;
  }

  public Baselines baselines() {
    return baselines;
  }

  /**
   * Analyses the pixel data of one image.
   *
   * @param pixelValue the value of Pixel Data (7FE0,0010) as stored, or null when the object has
   *     none
   * @param encapsulated true for encapsulated (compressed) pixel data
   */
  public Analysis analyze(ImageHeader header, ByteBuffer pixelValue, boolean encapsulated) {
    long start = System.nanoTime();
    try (DecodedImage image = PixelDecoder.decode(header, pixelValue, encapsulated)) {
      return ImageChecks.run(header, image, settings, baselines, System.nanoTime() - start);
    } catch (PixelDecoder.NotAnalysableException e) {
      return Analysis.notAnalysed(e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      // OpenCV throws CvException (a RuntimeException) on what its decoders refuse.
      return Analysis.notAnalysed(
          NotAnalysedReason.DECODE_FAILED, "the pixels could not be processed: " + e.getMessage());
    }
  }
}
