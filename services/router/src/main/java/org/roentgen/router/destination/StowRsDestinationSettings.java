package org.roentgen.router.destination;

import java.net.URI;
import java.time.Duration;

/**
 * A DICOMweb server that receives instances by STOW-RS (PS3.18 10.5), one instance per request.
 *
 * @param name the destination's name
 * @param url the service's studies resource, e.g. {@code https://pacs.example/dicom-web/studies}
 * @param auth Basic or bearer authentication, or null for none
 * @param tls the certificates to trust for https (and a client certificate), or null for the JDK's
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one request, from its start to the response's headers (the upload
 *     included: allow for the largest instance)
 * @param maxConcurrent the most requests in flight at once
 */
public record StowRsDestinationSettings(
    String name,
    URI url,
    HttpAuth auth,
    TlsSettings tls,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConcurrent)
    implements DestinationSettings {

  public StowRsDestinationSettings {
    DestinationSettings.requireName(name);
    if (url == null
        || url.getHost() == null
        || !("http".equalsIgnoreCase(url.getScheme())
            || "https".equalsIgnoreCase(url.getScheme()))) {
      throw new IllegalArgumentException(name + ": an http or https URL is required: " + url);
    }
    if (url.getUserInfo() != null) {
      throw new IllegalArgumentException(
          name + ": put credentials in auth, not in the URL (it is logged)");
    }
    DestinationSettings.requirePositive(connectTimeout, name + ": connectTimeout");
    DestinationSettings.requirePositive(requestTimeout, name + ": requestTimeout");
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(name + ": maxConcurrent must be positive");
    }
  }

  /** No authentication, the JDK's trust, 5 s to connect, 2 min per request, 4 at once. */
  public static StowRsDestinationSettings of(String name, URI url) {
    return new StowRsDestinationSettings(
        name, url, null, null, Duration.ofSeconds(5), Duration.ofMinutes(2), 4);
  }

  public StowRsDestinationSettings withAuth(HttpAuth v) {
    return new StowRsDestinationSettings(
        name, url, v, tls, connectTimeout, requestTimeout, maxConcurrent);
  }

  public StowRsDestinationSettings withTls(TlsSettings v) {
    return new StowRsDestinationSettings(
        name, url, auth, v, connectTimeout, requestTimeout, maxConcurrent);
  }

  public StowRsDestinationSettings withTimeouts(Duration connect, Duration request) {
    return new StowRsDestinationSettings(name, url, auth, tls, connect, request, maxConcurrent);
  }

  public StowRsDestinationSettings withMaxConcurrent(int v) {
    return new StowRsDestinationSettings(name, url, auth, tls, connectTimeout, requestTimeout, v);
  }
}
