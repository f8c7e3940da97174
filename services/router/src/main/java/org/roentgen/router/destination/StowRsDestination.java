package org.roentgen.router.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.Payload;
import org.roentgen.router.delivery.SendResult;

/**
 * A DICOMweb server that receives instances by STOW-RS (PS3.18 10.5): one POST per instance of
 * {@code multipart/related; type="application/dicom"} with the Part 10 file as its one part,
 * streamed from the payload with its length declared (no chunked encoding, which some servers
 * refuse). The answer is read as DICOM JSON ({@code Accept: application/dicom+json}) and judged by
 * {@link StowRsResponse}; a failure to reach the server is classified as the DICOM destination's
 * are ({@link DicomFailures}: CONNECTION, TIMEOUT, TLS).
 */
public final class StowRsDestination implements Destination {
  /** The most of a response body read: a Store Instances Response for one instance is small. */
  static final int MAX_RESPONSE = 1 << 20;

  private final StowRsDestinationSettings settings;
  private final HttpClient http;
  private final Semaphore slots;

  public StowRsDestination(StowRsDestinationSettings settings) {
    this.settings = settings;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout());
    if (settings.tls() != null) {
      b.sslContext(settings.tls().sslContext());
    }
    this.http = b.build();
    this.slots = new Semaphore(settings.maxConcurrent(), true);
  }

  @Override
  public String name() {
    return settings.name();
  }

  public StowRsDestinationSettings settings() {
    return settings;
  }

  @Override
  public SendResult send(Payload payload) throws DeliveryException {
    acquire();
    try {
      return post(payload);
    } finally {
      slots.release();
    }
  }

  private SendResult post(Payload payload) throws DeliveryException {
    String boundary = "roentgen-" + UUID.randomUUID();
    byte[] head =
        ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    AtomicReference<IOException> readFailure = new AtomicReference<>();
    BodyPublisher part =
        BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(() -> open(payload, readFailure)), payload.size());
    HttpRequest.Builder rq =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.requestTimeout())
            .header(
                "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
            .header("Accept", "application/dicom+json")
            .POST(
                BodyPublishers.concat(
                    BodyPublishers.ofByteArray(head), part, BodyPublishers.ofByteArray(tail)));
    if (settings.auth() != null) {
      rq.header("Authorization", settings.auth().header());
    }
    HttpResponse<InputStream> rsp;
    byte[] body;
    try {
      rsp = http.send(rq.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = rsp.body()) {
        body = in.readNBytes(MAX_RESPONSE);
      }
    } catch (IOException | UncheckedIOException e) {
      IOException read = readFailure.get();
      if (read != null) {
        throw PayloadFailures.of(name(), payload, read);
      }
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw DicomFailures.http(name(), settings.url().toString(), io);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(
          FailureCause.TIMEOUT, false, null, name() + ": interrupted during STOW-RS");
    }
    return StowRsResponse.interpret(
        name(), payload.sopInstanceUid(), payload.transferSyntaxUid(), rsp.statusCode(), body);
  }

  /** Opens the payload for the request body; read failures are kept to tell them apart. */
  private static InputStream open(Payload payload, AtomicReference<IOException> failure) {
    InputStream in;
    try {
      in = payload.open();
    } catch (IOException e) {
      failure.set(e);
      throw new UncheckedIOException(e);
    }
    return new java.io.FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          failure.set(e);
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          failure.set(e);
          throw e;
        }
      }
    };
  }

  /**
   * GET of the service URL with {@code limit=1} (a QIDO-RS search for one study, cheap on any
   * server): any answer below 500 means the server is up, authentication failures included.
   */
  @Override
  public void probe() throws DeliveryException {
    URI url = settings.url();
    String sep = url.getRawQuery() == null ? "?" : "&";
    HttpRequest.Builder rq =
        HttpRequest.newBuilder(URI.create(url + sep + "limit=1"))
            .timeout(settings.connectTimeout().plus(settings.connectTimeout()))
            .header("Accept", "application/dicom+json")
            .GET();
    if (settings.auth() != null) {
      rq.header("Authorization", settings.auth().header());
    }
    int status;
    try {
      status = http.send(rq.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw DicomFailures.http(name(), url.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(
          FailureCause.TIMEOUT, false, null, name() + ": interrupted during the probe");
    }
    if (status >= 500) {
      throw new DeliveryException(
          FailureCause.HTTP_SERVER_ERROR,
          false,
          status,
          name() + ": probe of " + url + " answered HTTP " + status);
    }
  }

  private void acquire() throws DeliveryException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(
          FailureCause.TIMEOUT, false, null, name() + ": interrupted waiting to send");
    }
  }

  /** The client's connections close with it (the JDK 17 client has no close: it is collected). */
  @Override
  public void close() {
    // HttpClient has no close() before JDK 21; its idle connections end with it.
  }

  @Override
  public String toString() {
    return "StowRsDestination[" + name() + ", " + settings.url() + "]";
  }
}
