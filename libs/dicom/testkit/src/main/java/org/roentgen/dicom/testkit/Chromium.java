package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.json.Json;

/**
 * Headless Chromium (Debian's package) driven over the Chrome DevTools Protocol, for tests of web
 * pages as a user's browser shows them: open a page, type into fields, click, read what the page
 * shows, take a screenshot. No driver program and nothing downloaded: the browser is started with a
 * remote debugging port of its own choosing and a fresh profile, and spoken to by WebSocket.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.start(dir); Chromium.Page page = chromium.newPage()) {
 *   page.open("http://127.0.0.1:8085/ui/");
 *   page.type("#user", "technologist");
 *   page.click("#signin");
 *   page.waitFor("document.querySelector('#queue').hidden === false", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {
  /** The browser Debian installs. */
  public static final Path BINARY = Path.of("/usr/bin/chromium");

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Page> pages = new ArrayList<>();

  private Chromium(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** True when the browser is installed. */
  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts a headless browser with a new profile in {@code dir} (its output in {@code
   * dir/chromium.log}) and waits until it takes commands.
   */
  public static Chromium start(Path dir) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    List<String> command =
        List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile,
            "about:blank");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    Path active = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(active) || Files.readAllLines(active).isEmpty()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException(
            "Chromium did not start: " + Files.readString(dir.resolve("chromium.log")));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(active).get(0).strip());
    return new Chromium(p, port);
  }

  /** A new tab. */
  public Page newPage() throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> r =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    Map<?, ?> target = (Map<?, ?>) Json.parse(r.body());
    Page page = new Page((String) target.get("webSocketDebuggerUrl"));
    pages.add(page);
    page.send("Page.enable", Map.of());
    page.send("Runtime.enable", Map.of());
    return page;
  }

  @Override
  public void close() {
    for (Page p : pages) {
      p.close();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** One tab, spoken to by its own WebSocket. */
  public final class Page implements AutoCloseable {
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<?, ?>>> waiting = new ConcurrentHashMap<>();
    private final List<String> console = new ArrayList<>();

    private Page(String url) throws IOException {
      try {
        socket =
            http.newWebSocketBuilder()
                .buildAsync(URI.create(url), new Listener())
                .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("cannot connect to the page at " + url + ": " + e, e);
      }
    }

    /** Sends a DevTools command and waits for its result. */
    public Map<?, ?> send(String method, Map<String, ?> params) throws IOException {
      int id = ids.incrementAndGet();
      Map<String, Object> message = new java.util.LinkedHashMap<>();
      message.put("id", id);
      message.put("method", method);
      message.put("params", params);
      CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
      waiting.put(id, answer);
      socket.sendText(OrthancServer.toJson(message), true);
      try {
        Map<?, ?> r = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (r.containsKey("error")) {
          throw new IOException(method + ": " + r.get("error"));
        }
        Object result = r.get("result");
        return result instanceof Map<?, ?> m ? m : Map.of();
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(method + " did not answer: " + e, e);
      } finally {
        waiting.remove(id);
      }
    }

    /** Opens {@code url} and waits until the page has loaded. */
    public void open(String url) throws IOException, InterruptedException {
      send("Page.navigate", Map.of("url", url));
      waitFor(
          "document.readyState === 'complete' && location.href !== 'about:blank'",
          Duration.ofSeconds(30));
    }

    /**
     * Evaluates JavaScript in the page (promises awaited) and returns its value (maps, lists,
     * strings, numbers, booleans).
     *
     * @throws IOException when the script throws; the message carries the page's exception
     */
    public Object eval(String script) throws IOException {
      Map<?, ?> r =
          send(
              "Runtime.evaluate",
              Map.of("expression", script, "awaitPromise", true, "returnByValue", true));
      if (r.containsKey("exceptionDetails")) {
        throw new IOException("the page threw: " + r.get("exceptionDetails"));
      }
      Object result = r.get("result");
      return result instanceof Map<?, ?> m ? m.get("value") : null;
    }

    /** Waits until {@code condition} (JavaScript) is true in the page. */
    public void waitFor(String condition, Duration within)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        Object v = eval("Boolean(" + condition + ")");
        if (Boolean.TRUE.equals(v)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "not true within " + within + ": " + condition + "; the page shows: " + text("body"));
        }
        Thread.sleep(100);
      }
    }

    /** Types into a field as a user does: focus, value, input and change events. */
    public void type(String selector, String text) throws IOException {
      eval(
          "(() => { const e = document.querySelector("
              + quoted(selector)
              + "); e.focus(); e.value = "
              + quoted(text)
              + "; e.dispatchEvent(new Event('input', {bubbles: true}));"
              + " e.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    /** Clicks the element with the mouse, at its centre (a real click event in the page). */
    public void click(String selector) throws IOException {
      Map<?, ?> box =
          (Map<?, ?>)
              eval(
                  "(() => { const e = document.querySelector("
                      + quoted(selector)
                      + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                      + " return {x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width}; })()");
      if (box == null || ((Number) box.get("w")).doubleValue() <= 0) {
        throw new IOException(selector + " is not visible; the page shows: " + text("body"));
      }
      double x = ((Number) box.get("x")).doubleValue();
      double y = ((Number) box.get("y")).doubleValue();
      for (String type : List.of("mousePressed", "mouseReleased")) {
        send(
            "Input.dispatchMouseEvent",
            Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
      }
    }

    /** The visible text of the first element matching {@code selector}. */
    public String text(String selector) throws IOException {
      Object v =
          eval(
              "(() => { const e = document.querySelector("
                  + quoted(selector)
                  + "); return e ? e.innerText : null; })()");
      return v == null ? "" : v.toString();
    }

    private static String quoted(String s) {
      StringBuilder out = new StringBuilder();
      Json.quote(out, s);
      return out.toString();
    }

    /** A PNG of what the page shows. */
    public void screenshot(Path file) throws IOException {
      Map<?, ?> r = send("Page.captureScreenshot", Map.of("format", "png"));
      Files.write(file, Base64.getDecoder().decode((String) r.get("data")));
    }

    /** What the page wrote to its console and the exceptions it threw. */
    public List<String> console() {
      synchronized (console) {
        return List.copyOf(console);
      }
    }

    @Override
    public void close() {
      socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          try {
            Map<?, ?> m = (Map<?, ?>) Json.parse(text);
            if (m.get("id") instanceof Number id) {
              CompletableFuture<Map<?, ?>> f = waiting.get(id.intValue());
              if (f != null) {
                f.complete(m);
              }
            } else if ("Runtime.consoleAPICalled".equals(m.get("method"))
                || "Runtime.exceptionThrown".equals(m.get("method"))) {
              synchronized (console) {
                console.add(String.valueOf(m.get("params")));
              }
            }
          } catch (IOException | ClassCastException e) {
            // not JSON: ignored
          }
        }
        ws.request(1);
        return null;
      }
    }
  }
}
