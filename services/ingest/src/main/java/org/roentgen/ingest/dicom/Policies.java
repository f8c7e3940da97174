package org.roentgen.ingest.dicom;

import java.util.Map;
import org.roentgen.ingest.domain.AckPolicy;

/** The acknowledgement policy per calling AE title, with a default for everyone else. */
record Policies(AckPolicy defaultPolicy, Map<String, AckPolicy> byCallingAe) {
  AckPolicy of(String callingAe) {
    return callingAe == null
        ? defaultPolicy
        : byCallingAe.getOrDefault(callingAe.strip(), defaultPolicy);
  }
}
