package org.roentgen.router.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several destinations that the rules address as one. FAILOVER: the first member (the primary) gets
 * everything while it answers, the next one when it does not. SHARED: each study goes to one member
 * chosen from its Study Instance UID (study affinity: a study's instances stay together), and to
 * the next when that one does not answer. A member that failed transiently is passed over for
 * {@code cooldown} while another is available. A permanent failure is not tried elsewhere: the
 * payload would be refused there too.
 */
public final class DestinationPool implements Destination {
  /** How the members share the work. */
  public enum Mode {
    FAILOVER,
    SHARED
  }

  private final String name;
  private final Mode mode;
  private final List<Destination> members;
  private final Duration cooldown;
  private final Clock clock;
  private final Instant[] failedAt;

  public DestinationPool(
      String name, Mode mode, List<Destination> members, Duration cooldown, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.members = List.copyOf(members);
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("pool " + name + " has no members");
    }
    this.cooldown = cooldown;
    this.clock = clock;
    this.failedAt = new Instant[this.members.size()];
  }

  @Override
  public String name() {
    return name;
  }

  public List<Destination> members() {
    return members;
  }

  @Override
  public SendResult send(Payload payload) throws DeliveryException {
    DeliveryException last = null;
    for (int i : order(payload.studyInstanceUid())) {
      try {
        SendResult r = members.get(i).send(payload);
        recovered(i);
        return r;
      } catch (DeliveryException e) {
        if (e.permanent()) {
          throw e;
        }
        failed(i);
        last = e;
      }
    }
    throw last;
  }

  @Override
  public void probe() throws DeliveryException {
    DeliveryException last = null;
    for (int i = 0; i < members.size(); i++) {
      try {
        members.get(i).probe();
        recovered(i);
        return;
      } catch (DeliveryException e) {
        failed(i);
        last = e;
      }
    }
    throw last;
  }

  /**
   * The members to try, in order: the preferred ones first, those cooling down after a failure
   * last.
   */
  List<Integer> order(String study) {
    int n = members.size();
    int start = mode == Mode.SHARED ? Math.floorMod(study.hashCode(), n) : 0;
    List<Integer> healthy = new ArrayList<>();
    List<Integer> cooling = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (failedAt) {
      for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        Instant f = failedAt[i];
        if (f != null && now.isBefore(f.plus(cooldown))) {
          cooling.add(i);
        } else {
          healthy.add(i);
        }
      }
    }
    healthy.addAll(cooling);
    return healthy;
  }

  private void failed(int i) {
    synchronized (failedAt) {
      failedAt[i] = clock.instant();
    }
  }

  private void recovered(int i) {
    synchronized (failedAt) {
      failedAt[i] = null;
    }
  }

  @Override
  public void close() {
    members.forEach(Destination::close);
  }
}
