package org.roentgen.router.destination;

import java.io.IOException;
import java.nio.file.Path;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ImplicitVr;

/** Compares what was sent with what arrived, through the toolkit. */
public final class SameDataset {
  private SameDataset() {}

  /** The first difference between two files' data sets, or null. */
  public static String difference(Path sent, Path received) throws IOException {
    return Differences.first(
        normalised(DicomFile.read(sent).dataset()), normalised(DicomFile.read(received).dataset()));
  }

  /** As {@link #difference}, the sent data set taken as it reads back from implicit VR. */
  public static String differenceViaImplicit(Path sent, Path received) throws IOException {
    return Differences.first(
        normalised(ImplicitVr.asRead(DicomFile.read(sent).dataset())),
        normalised(DicomFile.read(received).dataset()));
  }

  public static String difference(Attributes sent, Attributes received) {
    return Differences.first(normalised(sent), normalised(received));
  }

  /**
   * What an encoding may legitimately change, made equal: trailing padding (FFFC,FFFC) dropped,
   * native pixel data as OW, private elements as UN (implicit VR carries no VR).
   */
  public static Attributes normalised(Attributes ds) {
    Attributes n = new Attributes(ds, false);
    n.remove(0xFFFCFFFC);
    for (int tag : n.tags()) {
      Object v = n.getValue(tag);
      if (tag == Tag.PixelData && v instanceof byte[]) {
        n.setValue(tag, VR.OW, v);
      } else if (Tags.isPrivate(tag) && v instanceof byte[]) {
        n.setValue(tag, VR.UN, v);
      }
    }
    return n;
  }
}
