package org.roentgen.router.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.DestinationPool;
import org.roentgen.router.delivery.QueueSettings;
import org.roentgen.router.destination.Destinations;
import org.roentgen.router.rules.RuleError;
import org.roentgen.router.rules.RuleReloader;
import org.roentgen.router.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's parts that come from its configuration: each destination and each pool with its
 * queue settings, in configuration order (destinations first); and the rule reloader's logging.
 */
public final class RouterParts {
  private static final Logger LOG = LoggerFactory.getLogger(RouterParts.class);

  private RouterParts() {}

  /**
   * Builds the destinations and pools.
   *
   * @throws IllegalArgumentException naming the key when a destination or pool is misconfigured
   */
  public static Map<Destination, QueueSettings> queues(RouterConfig config, Clock clock) {
    Map<Destination, QueueSettings> out = new LinkedHashMap<>();
    Map<String, Destination> byName = new LinkedHashMap<>();
    for (Map.Entry<String, RouterConfig.DestinationConfig> e : config.destinations().entrySet()) {
      Destination d =
          Destinations.create(
              DestinationSettingsMapper.map(
                  e.getKey(), e.getValue(), RouterBeans.storeSettings(config)));
      byName.put(d.name(), d);
      out.put(d, DestinationSettingsMapper.queue(e.getValue()));
    }
    for (Map.Entry<String, RouterConfig.PoolConfig> e : config.pools().entrySet()) {
      RouterConfig.PoolConfig p = e.getValue();
      String key = "router.pools." + e.getKey() + ".";
      if (byName.containsKey(e.getKey())) {
        throw new IllegalArgumentException(key + ": a destination has that name already");
      }
      List<Destination> members =
          p.members().stream()
              .map(
                  m -> {
                    Destination d = byName.get(m);
                    if (d == null) {
                      throw new IllegalArgumentException(
                          key + "members: no destination named " + m);
                    }
                    return d;
                  })
              .toList();
      DestinationPool.Mode mode =
          switch (p.mode()) {
            case "failover" -> DestinationPool.Mode.FAILOVER;
            case "shared" -> DestinationPool.Mode.SHARED;
            default ->
                throw new IllegalArgumentException(
                    key + "mode must be failover or shared, not " + p.mode());
          };
      out.put(
          new DestinationPool(e.getKey(), mode, members, p.cooldown(), clock),
          new QueueSettings(
              p.concurrency(),
              DestinationSettingsMapper.retry(p.retry()),
              DestinationSettingsMapper.breaker(p.breaker())));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("router.destinations: no destination is configured");
    }
    return out;
  }

  /** Logs reloads and refusals of the rule file (rule-file lines only, never event values). */
  public static RuleReloader.Listener ruleLogger() {
    return new RuleReloader.Listener() {
      @Override
      public void reloaded(RuleSet rules) {
        LOG.info("rules reloaded: {} rule(s), sha256 {}", rules.size(), rules.sha256());
      }

      @Override
      public void refused(String file, List<RuleError> errors) {
        LOG.warn(
            "rule file {} refused, the rules in force stay: {}",
            file,
            errors.stream().map(RuleError::toString).toList());
      }
    };
  }
}
