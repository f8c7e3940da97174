package org.roentgen.archive.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an endpoint adds to its audit record beyond the request: the studies and instances it
 * touched (a search's results, a correction's instance) and details such as a reason.
 */
@RequestScoped
public class AuditDetails {
  private static final int MAX_UIDS = 1000;

  private final Set<String> studies = new LinkedHashSet<>();
  private final Set<String> instances = new LinkedHashSet<>();
  private final Map<String, Object> details = new LinkedHashMap<>();

  public void study(String uid) {
    if (uid != null && studies.size() < MAX_UIDS) {
      studies.add(uid);
    }
  }

  public void instance(String uid) {
    if (uid != null && instances.size() < MAX_UIDS) {
      instances.add(uid);
    }
  }

  public void detail(String key, Object value) {
    details.put(key, value);
  }

  Set<String> studies() {
    return studies;
  }

  Set<String> instances() {
    return instances;
  }

  Map<String, Object> details() {
    return details;
  }
}
