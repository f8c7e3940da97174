package org.roentgen.router.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.platform.events.AsyncEventConsumer;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.router.RouterService;

/** The router's health: live unless the consumer stopped on a failure; ready while it consumes. */
public final class RouterHealth {
  private RouterHealth() {}

  /** Live while the consumer has not failed (a failed one needs a restart). */
  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    private final RouterService service;

    public Live(RouterService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      AsyncEventConsumer c = service.consumer();
      String state = c == null ? "STARTING" : c.state().name();
      return HealthCheckResponse.named("consumer")
          .status(c == null || c.state() != EventConsumer.State.FAILED)
          .withData("state", state)
          .build();
    }
  }

  /**
   * Ready once the ledger and dead letters are read back and the consumer runs; the rules in force
   * and the destinations' circuits are shown (an open circuit is the destination's trouble, not the
   * router's: it stays ready and queues).
   */
  @Readiness
  @ApplicationScoped
  public static class Ready implements HealthCheck {
    private final RouterService service;

    public Ready(RouterService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      AsyncEventConsumer c = service.consumer();
      var b =
          HealthCheckResponse.named("router")
              .status(c != null && c.state() == EventConsumer.State.RUNNING)
              .withData("consumer", c == null ? "STARTING" : c.state().name());
      if (service.rules() != null) {
        b.withData("rules", service.rules().status().sha256());
      }
      if (service.engine() != null) {
        service.engine().status().forEach(s -> b.withData(s.name(), s.circuit()));
      }
      return b.build();
    }
  }
}
