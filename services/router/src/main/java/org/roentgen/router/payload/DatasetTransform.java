package org.roentgen.router.payload;

import java.util.List;
import org.roentgen.dicom.data.Attributes;

/**
 * What a destination's rules change in a data set before it is sent: coercions and
 * de-identification, applied in that order. Deterministic: the same input gives the same output
 * (the de-identifier's replacement UIDs are derived, not random), so the ledger's content hash of a
 * transformed instance is the same on every attempt and after a restart.
 */
public interface DatasetTransform {
  /** The data set to send: {@code dataset} changed in place, or a new one. */
  Attributes apply(Attributes dataset) throws Exception;

  /** True when the transform de-identifies. */
  boolean deidentifies();

  /** The keywords of the attributes the coercions touch (for the delivery event). */
  List<String> coerced();

  /** Nothing to change: the object is sent as stored. */
  DatasetTransform NONE =
      new DatasetTransform() {
        @Override
        public Attributes apply(Attributes dataset) {
          return dataset;
        }

        @Override
        public boolean deidentifies() {
          return false;
        }

        @Override
        public List<String> coerced() {
          return List.of();
        }
      };
}
