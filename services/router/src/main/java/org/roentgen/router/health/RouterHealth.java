package org.roentgen.router.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.platform.events.AsyncEventConsumer;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.router.RouterService;

/**
 * The router's health: live unless a consumer (input or release topic) stopped on a failure; ready
 * while both consume.
 */
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
      AsyncEventConsumer r = service.releaseConsumer();
      return HealthCheckResponse.named("consumer")
          .status(notFailed(c) && notFailed(r))
          .withData("state", state(c))
          .withData("release", state(r))
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
      AsyncEventConsumer r = service.releaseConsumer();
      var b =
          HealthCheckResponse.named("router")
              .status(running(c) && running(r))
              .withData("consumer", state(c))
              .withData("releaseConsumer", state(r));
      if (service.rules() != null) {
        b.withData("rules", service.rules().status().sha256());
      }
      if (service.engine() != null) {
        service.engine().status().forEach(s -> b.withData(s.name(), s.circuit()));
      }
      return b.build();
    }
  }

  private static boolean notFailed(AsyncEventConsumer c) {
    return c == null || c.state() != EventConsumer.State.FAILED;
  }

  private static boolean running(AsyncEventConsumer c) {
    return c != null && c.state() == EventConsumer.State.RUNNING;
  }

  private static String state(AsyncEventConsumer c) {
    return c == null ? "STARTING" : c.state().name();
  }
}
