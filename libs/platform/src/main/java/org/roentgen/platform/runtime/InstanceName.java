package org.roentgen.platform.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this running instance of a service, as events (CloudEvents source, receiver) and
 * Kafka client ids carry it: the HOSTNAME variable (the pod name on Kubernetes), else the host
 * name, else the service's name.
 */
public final class InstanceName {
  private InstanceName() {}

  public static String of(String service) {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return service;
    }
  }
}
