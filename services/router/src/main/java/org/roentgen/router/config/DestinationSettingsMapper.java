package org.roentgen.router.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.router.config.RouterConfig.DestinationConfig;
import org.roentgen.router.delivery.BreakerPolicy;
import org.roentgen.router.delivery.QueueSettings;
import org.roentgen.router.delivery.RetryPolicy;
import org.roentgen.router.destination.DestinationSettings;
import org.roentgen.router.destination.DicomDestinationSettings;
import org.roentgen.router.destination.HttpAuth;
import org.roentgen.router.destination.S3DestinationSettings;
import org.roentgen.router.destination.StowRsDestinationSettings;
import org.roentgen.router.destination.TlsSettings;

/**
 * Maps {@code router.destinations.*} onto the destinations' settings records; a destination whose
 * kind-specific keys are missing or wrong stops the service at start with a message naming the key.
 */
final class DestinationSettingsMapper {
  private DestinationSettingsMapper() {}

  static List<DestinationSettings> map(
      Map<String, DestinationConfig> destinations, ObjectStoreSettings store) {
    List<DestinationSettings> out = new ArrayList<>();
    for (Map.Entry<String, DestinationConfig> e : destinations.entrySet()) {
      out.add(map(e.getKey(), e.getValue(), store));
    }
    return out;
  }

  static DestinationSettings map(String name, DestinationConfig c, ObjectStoreSettings store) {
    String key = "router.destinations." + name + ".";
    switch (c.kind()) {
      case "dicom" -> {
        return new DicomDestinationSettings(
            name,
            required(c.aeTitle().orElse(null), key + "ae-title"),
            required(c.host().orElse(null), key + "host"),
            required(c.port().orElse(null), key + "port"),
            c.callingAeTitle(),
            tls(c),
            c.maxAssociations(),
            c.connectTimeout(),
            c.associationTimeout(),
            c.dimseTimeout(),
            c.idleRelease(),
            c.transferSyntaxes().orElse(DicomDestinationSettings.DEFAULT_TRANSFER_SYNTAXES),
            c.maxPduLength());
      }
      case "stow-rs" -> {
        HttpAuth auth = null;
        if (c.token().isPresent()) {
          auth = new HttpAuth.Bearer(c.token().get());
        } else if (c.username().isPresent()) {
          auth =
              new HttpAuth.Basic(
                  c.username().get(), required(c.password().orElse(null), key + "password"));
        }
        return new StowRsDestinationSettings(
            name,
            required(c.url().orElse(null), key + "url"),
            auth,
            tls(c),
            c.connectTimeout(),
            c.requestTimeout(),
            c.maxConcurrent());
      }
      case "s3" -> {
        return new S3DestinationSettings(
            name,
            required(c.bucket().orElse(null), key + "bucket"),
            c.keyPrefix().orElse(""),
            store);
      }
      default ->
          throw new IllegalArgumentException(
              key + "kind must be dicom, stow-rs or s3, not " + c.kind());
    }
  }

  /** The queue of a destination: as many deliveries at once as its kind allows. */
  static QueueSettings queue(DestinationConfig c) {
    int concurrency =
        switch (c.kind()) {
          case "dicom" -> c.maxAssociations();
          case "stow-rs" -> c.maxConcurrent();
          default -> 4;
        };
    return new QueueSettings(concurrency, retry(c.retry()), breaker(c.breaker()));
  }

  static RetryPolicy retry(RouterConfig.Retry r) {
    return new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.maxAge());
  }

  static BreakerPolicy breaker(RouterConfig.Breaker b) {
    return new BreakerPolicy(b.failureThreshold(), b.openFor(), b.maxOpenFor());
  }

  private static TlsSettings tls(DestinationConfig c) {
    if (c.trustStore().isEmpty() && c.keyStore().isEmpty()) {
      return null;
    }
    TlsSettings t =
        new TlsSettings(
            c.trustStore().orElse(null),
            null,
            c.trustStorePassword().orElse(null),
            null,
            null,
            null);
    return c.keyStore().isPresent()
        ? t.withKeyStore(c.keyStore().get(), c.keyStorePassword().orElse(null))
        : t;
  }

  private static <T> T required(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value;
  }
}
