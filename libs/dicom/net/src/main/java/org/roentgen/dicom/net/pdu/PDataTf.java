package org.roentgen.dicom.net.pdu;

import java.util.List;

/**
 * P-DATA-TF PDU, PS3.8 Section 9.3.5, Table 9-22, as a value. The upper layer reads P-DATA-TF
 * bodies as streams with {@link PdvReader} instead, without building this record.
 */
public record PDataTf(List<PresentationDataValue> values) implements Pdu {

  public PDataTf {
    values = List.copyOf(values);
  }

  @Override
  public PduType type() {
    return PduType.P_DATA_TF;
  }
}
