package org.roentgen.qc.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.qc.domain.QcSettings;

/**
 * {@code GET /checks}: the check settings in force (defaults with the configured overrides): each
 * check's id, switch, severity and threshold in the order they run, the analysis settings, and the
 * checkSet (SHA-256) that every qc block carries.
 */
@Path("/checks")
public class ChecksResource {
  /** One check as shown. */
  public record CheckView(String id, boolean enabled, Severity severity, double threshold) {}

  /** The body of GET /checks. */
  public record ChecksView(
      String checkSet,
      double workingSpacingMm,
      double assumedSpacingMm,
      int previewSize,
      int baselineMinSamples,
      double baselineQuantile,
      double signalPerExposureIndex,
      List<CheckView> checks) {}

  private final QcSettings settings;

  public ChecksResource(QcSettings settings) {
    this.settings = settings;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ChecksView checks() {
    List<CheckView> checks = new ArrayList<>();
    for (Map.Entry<String, QcSettings.Check> e : settings.checks().entrySet()) {
      QcSettings.Check c = e.getValue();
      checks.add(new CheckView(e.getKey(), c.enabled(), c.severity(), c.threshold()));
    }
    return new ChecksView(
        settings.checkSet(),
        settings.workingSpacingMm(),
        settings.assumedSpacingMm(),
        settings.previewSize(),
        settings.baselineMinSamples(),
        settings.baselineQuantile(),
        settings.signalPerExposureIndex(),
        checks);
  }
}
