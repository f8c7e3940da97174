package org.roentgen.ingest.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** An allow-list and a small size limit, to see both refuse. */
public class ProtocolProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "ingest.dicom.allowed-calling-ae-titles", "MODALITY,OTHER",
        "ingest.store.max-object-size", "100000",
        "ingest.s3.bucket", "protocol");
  }
}
