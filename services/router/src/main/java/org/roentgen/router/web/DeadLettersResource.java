package org.roentgen.router.web;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.roentgen.router.RouterService;
import org.roentgen.router.storage.DeadLetter;
import org.roentgen.router.storage.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters: listed by filter, and re-driven (one, by filter, or all) to their destination
 * or another one. A re-drive queues the instances again; each record goes once its destination has
 * confirmed the instance, and a delivery event says so. Records carry UIDs, modality, destination
 * and cause; the input event (with the header) is kept in the record but not listed here.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLettersResource.class);
  private final RouterService service;

  public DeadLettersResource(RouterService service) {
    this.service = service;
  }

  /** A dead letter as listed: without the event and the route. */
  public record Listed(
      String destination,
      String sopInstanceUid,
      String studyInstanceUid,
      String modality,
      String cause,
      String gaveUp,
      Integer status,
      String message,
      int attempts,
      String at) {
    static Listed of(DeadLetter d) {
      return new Listed(
          d.destination(),
          d.sopInstanceUid(),
          d.studyInstanceUid(),
          d.modality(),
          d.failure().cause().name(),
          d.failure().gaveUp().name(),
          d.failure().status(),
          d.failure().message(),
          d.attempts(),
          d.at().toString());
    }
  }

  /**
   * What to re-drive: {@code all}, or any of the filters; {@code to} sends to another destination
   * instead of each record's own.
   */
  public record Redrive(
      Boolean all,
      String destination,
      String sopInstanceUid,
      String studyInstanceUid,
      String modality,
      String to) {}

  /** The answer: how many were queued again, and why the others were not. */
  public record Redriven(int queued, List<String> refused) {}

  @GET
  public List<Listed> list(
      @QueryParam("destination") String destination,
      @QueryParam("sopInstanceUid") String sop,
      @QueryParam("studyInstanceUid") String study,
      @QueryParam("modality") String modality) {
    return store().list(filter(destination, sop, study, modality)).stream()
        .map(Listed::of)
        .toList();
  }

  @POST
  @Path("/redrive")
  @Consumes(MediaType.APPLICATION_JSON)
  public Redriven redrive(Redrive r) {
    if (r == null
        || (!Boolean.TRUE.equals(r.all())
            && r.destination() == null
            && r.sopInstanceUid() == null
            && r.studyInstanceUid() == null
            && r.modality() == null)) {
      throw new BadRequestException(
          "say what to re-drive: all=true, or destination, sopInstanceUid, studyInstanceUid or"
              + " modality");
    }
    if (r.to() != null && !service.engine().has(r.to())) {
      throw new BadRequestException("no destination named " + r.to());
    }
    List<DeadLetter> letters =
        store()
            .list(filter(r.destination(), r.sopInstanceUid(), r.studyInstanceUid(), r.modality()));
    int queued = 0;
    List<String> refused = new ArrayList<>();
    for (DeadLetter d : letters) {
      try {
        // The outcome comes later, as a delivery event or a new dead letter; a failure to record it
        // (Kafka not answering) is logged here, else it would pass unseen.
        service
            .router()
            .redrive(d, r.to())
            .whenComplete(
                (done, failure) -> {
                  if (failure != null) {
                    LOG.warn(
                        "re-drive of instance {} to {} did not complete: {}",
                        d.sopInstanceUid(),
                        r.to() == null ? d.destination() : r.to(),
                        failure.toString());
                  }
                });
        queued++;
      } catch (Exception e) {
        refused.add(d.sopInstanceUid() + " to " + d.destination() + ": " + e.getMessage());
      }
    }
    return new Redriven(queued, refused);
  }

  private DeadLetterStore store() {
    DeadLetterStore s = service.deadLetters();
    if (s == null || service.router() == null) {
      throw new ServiceUnavailableException("the dead letters are not read back from Kafka yet");
    }
    return s;
  }

  private static Predicate<DeadLetter> filter(
      String destination, String sop, String study, String modality) {
    return d ->
        (destination == null || destination.equals(d.destination()))
            && (sop == null || sop.equals(d.sopInstanceUid()))
            && (study == null || study.equals(d.studyInstanceUid()))
            && (modality == null || modality.equals(d.modality()));
  }
}
