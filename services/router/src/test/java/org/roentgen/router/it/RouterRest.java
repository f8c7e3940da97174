package org.roentgen.router.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** The router's REST API as the test uses it, and waiting for a condition. */
final class RouterRest {
  static final Duration WAIT = Duration.ofSeconds(60);

  private RouterRest() {}

  /** Waits until {@code condition} holds, failing with {@code what} after {@code within}. */
  static void awaitTrue(String what, Callable<Boolean> condition, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  /** {@code GET /destinations/{name}}. */
  static JsonPath destination(String name) {
    return given().get("/destinations/" + name).then().statusCode(200).extract().jsonPath();
  }

  /** True when {@code GET /dead-letters?{param}={value}} lists none. */
  static boolean noDeadLetter(String param, String value) {
    return given().queryParam(param, value).get("/dead-letters").jsonPath().getList("$").isEmpty();
  }

  /** Writes {@code text} as the rule file and waits until GET /rules shows it in force. */
  static void awaitRulesInForce(String text) throws Exception {
    RouterPipelineResource.writeRules(text);
    String sha = sha256(text);
    awaitTrue(
        "rules " + sha + " in force",
        () -> sha.equals(given().get("/rules").jsonPath().getString("sha256")),
        WAIT);
    assertThat(given().get("/rules").jsonPath().getString("refused")).isNull();
  }

  /** Writes {@code text} as the rule file and waits until GET /rules shows it refused. */
  static JsonPath awaitRefused(String text) throws Exception {
    RouterPipelineResource.writeRules(text);
    String sha = sha256(text);
    awaitTrue(
        "rules " + sha + " refused",
        () -> sha.equals(given().get("/rules").jsonPath().getString("refused.sha256")),
        WAIT);
    return given().get("/rules").then().statusCode(200).extract().jsonPath();
  }

  /** SHA-256 of a rule file's text, as GET /rules shows it. */
  static String sha256(String text) {
    return Instances.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The 1-based number of the first line of {@code file} that contains {@code text}. */
  static int lineOf(String file, String text) {
    List<String> lines = file.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " is not in the file");
  }
}
