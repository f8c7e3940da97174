package org.roentgen.validation.domain;

import java.util.List;

/** Where orders come from: the modality worklist, asked by accession number. */
public interface Worklist {
  /**
   * The scheduled procedure steps whose AccessionNumber (0008,0050) is {@code accessionNumber};
   * empty when there is no such order.
   *
   * @throws WorklistUnavailableException when the worklist cannot be asked (down, slow past its
   *     timeout, refusing): the order is then unknown, not missing
   */
  List<ScheduledStep> byAccession(String accessionNumber) throws WorklistUnavailableException;
}
