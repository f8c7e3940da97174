package org.roentgen.ingest.dicom;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.data.UidEntry;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.ul.AcceptancePolicy;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;
import org.roentgen.dicom.net.ul.Negotiation;
import org.roentgen.ingest.config.IngestBeans;
import org.roentgen.ingest.config.IngestConfig;
import org.roentgen.ingest.domain.IngestMetrics;
import org.roentgen.ingest.domain.Ingestor;
import org.roentgen.ingest.domain.Spool;
import org.roentgen.ingest.domain.SpoolUploader;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM SCP of ingest: accepts C-ECHO and every storage SOP class in every transfer syntax
 * proposed (the original bytes are kept), from allowed calling AE titles, on the configured port.
 * On shutdown it stops accepting and lets the associations in flight finish.
 */
@Singleton
public class DicomListener {
  private static final Logger LOG = LoggerFactory.getLogger(DicomListener.class);

  private final IngestConfig config;
  private final Ingestor ingestor;
  private final Spool spool;
  private final IngestMetrics metrics;
  private final SpoolUploader uploader;
  private final ObjectStore store;
  private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private AssociationAcceptor acceptor;
  private volatile int port;

  public DicomListener(
      IngestConfig config,
      Ingestor ingestor,
      Spool spool,
      SpoolUploader uploader,
      ObjectStore store,
      IngestMetrics metrics) {
    this.config = config;
    this.uploader = uploader;
    this.store = store;
    this.ingestor = ingestor;
    this.spool = spool;
    this.metrics = metrics;
  }

  void onStart(@Observes StartupEvent ev) throws IOException {
    try {
      store.ensureBucket(config.s3().bucket());
    } catch (ObjectStoreException e) {
      // Not fatal: readiness reports S3 down, stores answer failures until it is back.
      LOG.warn("object store not available at start: {}", e.getMessage());
    }
    uploader.start();
    IngestConfig.Dicom d = config.dicom();
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withCalledAeTitles(d.aeTitle())
            .withAbstractSyntax(
                UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian)
            .withAsyncOperations(d.asyncOperations());
    if (d.allowedCallingAeTitles().isPresent()) {
      List<String> allowed = d.allowedCallingAeTitles().get();
      policy = policy.withCallingAeTitles(allowed.toArray(String[]::new));
    }
    for (UidEntry e : UidDictionary.entries()) {
      if (UidDictionary.isStorageSopClass(e.uid())) {
        policy = policy.withAbstractSyntax(e.uid(), DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX);
      }
    }
    Policies policies =
        new Policies(config.store().defaultPolicy(), Map.copyOf(config.store().policies()));
    StoreScp scp =
        new StoreScp(
            policies, ingestor::receiveDurable, spool::receive, IngestBeans.receiverName());
    AssociationOptions options =
        AssociationOptions.defaults()
            .withMaxPduLength(d.maxPduLength())
            .withIdleTimeout(d.idleTimeout());
    acceptor =
        new AssociationAcceptor(
            options, counting(policy), new DimseServer(scp, null), d.maxAssociations());
    try {
      port = acceptor.start(new InetSocketAddress(d.bindAddress(), d.port())).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on DICOM port " + d.port(), e);
    }
    registerMetrics();
    LOG.info("DICOM SCP {} listening on {}:{}", d.aeTitle(), d.bindAddress(), port);
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (acceptor == null) {
      return;
    }
    try {
      acceptor.close();
      if (!acceptor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("associations still open after 30 s at shutdown");
      }
    } catch (IOException e) {
      LOG.warn("closing the DICOM SCP: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The bound port (the configured one, or the one picked for port 0). */
  public int port() {
    return port;
  }

  private AcceptancePolicy counting(AcceptancePolicy policy) {
    return (AAssociateRq rq) -> {
      Negotiation n = policy.negotiate(rq);
      if (n instanceof Negotiation.Reject r) {
        String reason = r.rejection().reason().name().toLowerCase(java.util.Locale.ROOT);
        rejected.computeIfAbsent(reason, this::rejectedCounter).incrementAndGet();
        LOG.info(
            "association from {} to {} rejected: {}",
            rq.callingAeTitle(),
            rq.calledAeTitle(),
            reason);
      } else {
        accepted.incrementAndGet();
      }
      return n;
    };
  }

  private AtomicLong rejectedCounter(String reason) {
    AtomicLong n = new AtomicLong();
    FunctionCounter.builder(
            MetricNames.name("ingest", "associations.rejected"), n, AtomicLong::doubleValue)
        .description("Associations rejected, by reason")
        .tag("reason", reason)
        .register(metrics.registry());
    return n;
  }

  private void registerMetrics() {
    Gauge.builder(
            MetricNames.name("ingest", "associations.active"),
            acceptor,
            AssociationAcceptor::activeAssociations)
        .description("Associations open now")
        .register(metrics.registry());
    FunctionCounter.builder(
            MetricNames.name("ingest", "associations.accepted"), accepted, AtomicLong::doubleValue)
        .description("Associations accepted")
        .register(metrics.registry());
    FunctionCounter.builder(
            MetricNames.name("ingest", "associations.rejected"),
            acceptor,
            a -> (double) a.rejectedOverLimit())
        .description("Associations rejected, by reason")
        .tag("reason", "local_limit_exceeded")
        .register(metrics.registry());
  }
}
