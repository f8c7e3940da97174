package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.roentgen.dicom.json.Json;

/**
 * A private Orthanc (Debian's {@code /usr/sbin/Orthanc}) for integration tests: its own storage and
 * index in a folder, DICOM and HTTP on free ports of the loopback interface (never the system
 * instance's 4242/8042), no authentication, no remote access. {@link #close()} stops it.
 *
 * <p>C-FIND and C-MOVE are allowed only from the modalities given to {@link #start} (Orthanc's
 * {@code DicomAlwaysAllowFind} is false by default); C-ECHO and C-STORE from anyone. The REST
 * helpers cover what the tests need: list, download and upload instances, {@code /tools/find}.
 * Tests fail (never skip) when Orthanc is not installed: {@code bin/test} installs it.
 */
public final class OrthancServer implements AutoCloseable {
  /** Where Debian installs the server. */
  public static final Path BINARY = Path.of("/usr/sbin/Orthanc");

  /**
   * Debian's DICOMweb plugin (package orthanc-dicomweb; {@code bin/test} installs it): QIDO-RS,
   * WADO-RS and STOW-RS under {@code /dicom-web/} once listed in the {@code Plugins} entry.
   */
  public static final Path DICOMWEB_PLUGIN =
      Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

  private static final Duration STARTUP = Duration.ofSeconds(30);

  /** A DICOM peer Orthanc knows by name (its {@code DicomModalities} entry). */
  public record Modality(String name, String aeTitle, String host, int port) {}

  private final Process process;
  private final Path dir;
  private final String aeTitle;
  private final int dicomPort;
  private final int httpPort;
  private final HttpClient http;

  /** The Authorization header of the REST helpers, or null without authentication. */
  private final String authorization;

  private OrthancServer(
      Process process,
      Path dir,
      String aeTitle,
      int dicomPort,
      int httpPort,
      String authorization) {
    this.process = process;
    this.authorization = authorization;
    this.dir = dir;
    this.aeTitle = aeTitle;
    this.dicomPort = dicomPort;
    this.httpPort = httpPort;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Starts Orthanc with AE title {@code aeTitle} in {@code dir} (config, storage, log) and waits
   * until its REST API answers {@code GET /system}.
   *
   * @param modalities the peers allowed to query and retrieve, and that Orthanc may store to
   */
  public static OrthancServer start(Path dir, String aeTitle, List<Modality> modalities)
      throws IOException {
    return start(dir, aeTitle, modalities, Map.of());
  }

  /**
   * As {@link #start(Path, String, List)}, with configuration entries that replace or add to the
   * defaults (e.g. {@code Plugins} with {@link #DICOMWEB_PLUGIN}). With {@code
   * AuthenticationEnabled} and {@code RegisteredUsers}, the REST helpers authenticate as the first
   * user.
   */
  public static OrthancServer start(
      Path dir, String aeTitle, List<Modality> modalities, Map<String, Object> extraConfig)
      throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "Orthanc is missing at " + BINARY + ": install Debian's orthanc (bin/test does)");
    }
    Files.createDirectories(dir);
    // A free port may be taken between our probe and Orthanc's bind: then try new ports.
    for (int attempt = 1; ; attempt++) {
      int dicomPort = freePort();
      int httpPort = freePort();
      Path config = dir.resolve("orthanc.json");
      Map<String, Object> c = config(dir, aeTitle, dicomPort, httpPort, modalities);
      c.putAll(extraConfig);
      Files.writeString(config, toJson(c));
      Path log = dir.resolve("orthanc.log");
      Process p =
          new ProcessBuilder(BINARY.toString(), config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      OrthancServer server =
          new OrthancServer(p, dir, aeTitle, dicomPort, httpPort, authorization(c));
      try {
        server.awaitStarted(log);
        return server;
      } catch (RuntimeException | IOException e) {
        boolean portTaken = !p.isAlive() && tail(log).contains("already in use");
        server.close();
        if (attempt == 3 || !portTaken) {
          throw e;
        }
      }
    }
  }

  /**
   * With {@code AuthenticationEnabled} and {@code RegisteredUsers} configured, HTTP Basic as the
   * first registered user, for the REST helpers; else null.
   */
  private static String authorization(Map<String, Object> config) {
    if (!Boolean.TRUE.equals(config.get("AuthenticationEnabled"))
        || !(config.get("RegisteredUsers") instanceof Map<?, ?> users)
        || users.isEmpty()) {
      return null;
    }
    Map.Entry<?, ?> user = users.entrySet().iterator().next();
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user.getKey() + ":" + user.getValue()).getBytes(StandardCharsets.UTF_8));
  }

  /** The configuration, written as plain JSON (Orthanc reads JSON with comments). */
  static Map<String, Object> config(
      Path dir, String aeTitle, int dicomPort, int httpPort, List<Modality> modalities) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("Name", "roentgen-test");
    c.put("StorageDirectory", dir.resolve("storage").toString());
    c.put("IndexDirectory", dir.resolve("index").toString());
    c.put("StorageCompression", false);
    c.put("Plugins", List.of());
    c.put("HttpServerEnabled", true);
    c.put("HttpPort", httpPort);
    c.put("RemoteAccessAllowed", false);
    c.put("AuthenticationEnabled", false);
    c.put("OrthancExplorerEnabled", false);
    c.put("WebDavEnabled", false);
    c.put("DicomServerEnabled", true);
    c.put("DicomAet", aeTitle);
    c.put("DicomPort", dicomPort);
    c.put("DicomCheckCalledAet", true);
    c.put("DicomCheckModalityHost", false);
    c.put("DicomAlwaysAllowEcho", true);
    c.put("DicomAlwaysAllowStore", true);
    c.put("DicomScpTimeout", 30);
    c.put("DicomScuTimeout", 10);
    c.put("SaveJobs", false);
    c.put("StableAge", 1);
    c.put("OverwriteInstances", true);
    c.put("DeidentifyLogs", true);
    Map<String, Object> peers = new LinkedHashMap<>();
    for (Modality m : modalities) {
      peers.put(m.name(), List.of(m.aeTitle(), m.host(), m.port()));
    }
    c.put("DicomModalities", peers);
    return c;
  }

  private void awaitStarted(Path log) throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Orthanc exited with " + process.exitValue() + ":\n" + tail(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                request("/system").timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "Orthanc did not answer GET /system within " + STARTUP + ":\n" + tail(log));
  }

  public String aeTitle() {
    return aeTitle;
  }

  public int dicomPort() {
    return dicomPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** {@code AET@127.0.0.1:PORT}, as {@code bin/dicom} takes a peer. */
  public String peer() {
    return aeTitle + "@127.0.0.1:" + dicomPort;
  }

  /** Orthanc's log so far (for assertion messages). */
  public String log() {
    return tail(dir.resolve("orthanc.log"));
  }

  // ---- REST ------------------------------------------------------------------------------------

  /** The Orthanc identifiers of every stored instance ({@code GET /instances}). */
  @SuppressWarnings("unchecked")
  public List<String> instances() throws IOException {
    return (List<String>) getJson("/instances");
  }

  /** The stored Part 10 file of an instance ({@code GET /instances/{id}/file}). */
  public byte[] instanceFile(String id) throws IOException {
    HttpResponse<byte[]> r =
        send(
            request("/instances/" + id + "/file").build(), HttpResponse.BodyHandlers.ofByteArray());
    return r.body();
  }

  /** The main DICOM tags of an instance as Orthanc indexed them ({@code GET /instances/{id}}). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> instance(String id) throws IOException {
    return (Map<String, Object>) getJson("/instances/" + id);
  }

  /** Uploads a Part 10 file ({@code POST /instances}); returns Orthanc's answer (ID, Status...). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> upload(Path file) throws IOException {
    HttpResponse<String> r =
        send(
            request("/instances").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
            HttpResponse.BodyHandlers.ofString());
    return (Map<String, Object>) parse(r.body());
  }

  /**
   * {@code POST /tools/find} at {@code level} (Patient, Study, Series, Instance) with a query of
   * keyword to value; returns the matching Orthanc identifiers.
   */
  @SuppressWarnings("unchecked")
  public List<String> find(String level, Map<String, String> query) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Level", level);
    body.put("Query", query);
    HttpResponse<String> r =
        send(
            request("/tools/find").POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build(),
            HttpResponse.BodyHandlers.ofString());
    return (List<String>) parse(r.body());
  }

  /** {@code POST path} with a JSON body (maps, lists, strings, numbers); the answer parsed. */
  public Object postJson(String path, Object body) throws IOException {
    HttpResponse<String> r =
        send(
            request(path).POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build(),
            HttpResponse.BodyHandlers.ofString());
    return parse(r.body());
  }

  /** {@code GET path} parsed as JSON. */
  public Object getJson(String path) throws IOException {
    return parse(send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(30));
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  private <T> HttpResponse<T> send(HttpRequest rq, HttpResponse.BodyHandler<T> body)
      throws IOException {
    try {
      HttpResponse<T> r;
      try {
        r = http.send(rq, body);
      } catch (IOException e) {
        // A pooled keep-alive connection that Orthanc closed meanwhile fails at once, before
        // Orthanc saw the request ("header parser received no bytes"): once more, on a new one.
        if (!staleConnection(e)) {
          throw e;
        }
        r = http.send(rq, body);
      }
      if (r.statusCode() / 100 != 2) {
        Object b = r.body();
        throw new IOException(
            rq.method()
                + " "
                + rq.uri().getPath()
                + ": HTTP "
                + r.statusCode()
                + " "
                + (b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : b));
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted talking to Orthanc");
    }
  }

  private static boolean staleConnection(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.EOFException
          || String.valueOf(t.getMessage()).contains("received no bytes")) {
        return true;
      }
    }
    return false;
  }

  private static Object parse(String json) throws IOException {
    return Json.parse(json);
  }

  /** Stops Orthanc (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A port free now on this host (Orthanc binds it moments later). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes maps, lists, strings, numbers and booleans as JSON. */
  static String toJson(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        Json.quote(sb, e.getKey().toString());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, l.get(i));
      }
      sb.append(']');
    } else if (v instanceof String s) {
      Json.quote(sb, s);
    } else {
      sb.append(v);
    }
  }
}
