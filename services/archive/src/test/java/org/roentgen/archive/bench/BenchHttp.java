package org.roentgen.archive.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The benchmark's HTTP client, the same for the archive and Orthanc: java.net.http over HTTP/1.1
 * (keep-alive, a connection per concurrent request), HTTP Basic, whole bodies read into memory.
 */
final class BenchHttp {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String authorization;

  BenchHttp(String user, String password) {
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A GET with the Authorization header and, unless null, an Accept header. */
  HttpRequest get(String url, String accept) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", authorization);
    if (accept != null) {
      b.header("Accept", accept);
    }
    return b.GET().build();
  }

  HttpRequest post(String url, HttpRequest.BodyPublisher body, String contentType) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", authorization)
        .header("Content-Type", contentType)
        .POST(body)
        .build();
  }

  HttpResponse<byte[]> send(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted: " + request.uri());
    }
  }

  /** The body as text when the status is 2xx; an exception naming the request otherwise. */
  String ok(HttpRequest request) throws IOException {
    HttpResponse<byte[]> r = send(request);
    String body = new String(r.body(), StandardCharsets.UTF_8);
    if (r.statusCode() / 100 != 2) {
      throw new IOException(
          request.method()
              + " "
              + request.uri()
              + ": HTTP "
              + r.statusCode()
              + " "
              + body.substring(0, Math.min(300, body.length())));
    }
    return body;
  }
}
