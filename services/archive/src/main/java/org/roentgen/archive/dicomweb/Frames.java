package org.roentgen.archive.dicomweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.roentgen.archive.index.Header;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;

/**
 * The byte ranges of frames of an uncompressed image inside its stored object, so that a frame is
 * read with one ranged GET. Compressed (encapsulated) and deflated objects are not served by frame.
 *
 * @param ranges per requested frame: offset and length in the object
 */
record Frames(List<long[]> ranges) {
  private static final Set<String> NATIVE =
      Set.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian);

  /**
   * The ranges of {@code frameList} (comma-separated frame numbers from 1).
   *
   * @throws IllegalArgumentException for a frame number that is not one of the image's
   * @throws UnsupportedOperationException for an object whose frames are not plain byte ranges
   */
  static Frames of(InstanceLocator.Located l, String frameList) {
    if (!NATIVE.contains(l.transferSyntax()) || l.pixelOffset() == null) {
      throw new UnsupportedOperationException(
          "frames are served for uncompressed images only; retrieve the instance instead");
    }
    Header h = new Header(l.header());
    Integer rows = h.integer(Tag.Rows);
    Integer cols = h.integer(Tag.Columns);
    Integer bits = h.integer(Tag.BitsAllocated);
    Integer samples = h.integer(Tag.SamplesPerPixel);
    Integer count = h.integer(Tag.NumberOfFrames);
    if (rows == null || cols == null || bits == null) {
      throw new UnsupportedOperationException("the header has no Rows, Columns or BitsAllocated");
    }
    long frameSize = (long) rows * cols * (samples == null ? 1 : samples) * bits / 8;
    int frames = count == null ? 1 : count;
    List<long[]> out = new ArrayList<>();
    for (String s : frameList.split(",")) {
      int n;
      try {
        n = Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a frame number: " + s);
      }
      if (n < 1 || n > frames) {
        throw new IllegalArgumentException("frame " + n + " of an image of " + frames);
      }
      long offset = l.pixelOffset() + (n - 1) * frameSize;
      if (l.pixelLength() != null && (n * frameSize) > l.pixelLength()) {
        throw new IllegalArgumentException("frame " + n + " lies past the pixel data");
      }
      out.add(new long[] {offset, frameSize});
    }
    return new Frames(out);
  }
}
