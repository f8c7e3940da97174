package org.roentgen.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.roentgen.ingest.dicom.DicomListener;

/** Live while the DICOM SCP holds its port. */
@Liveness
@ApplicationScoped
public class DicomListenerLiveness implements HealthCheck {
  private final DicomListener listener;

  public DicomListenerLiveness(DicomListener listener) {
    this.listener = listener;
  }

  @Override
  public HealthCheckResponse call() {
    int port = listener.port();
    return HealthCheckResponse.named("dicom-scp").status(port > 0).withData("port", port).build();
  }
}
