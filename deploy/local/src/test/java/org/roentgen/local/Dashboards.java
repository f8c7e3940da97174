package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roentgen.dicom.json.Json;

/**
 * The Grafana dashboards of {@code deploy/grafana/dashboards} as a test reads them: each
 * dashboard's template variables and every panel query ({@code expr} of every target, rows' panels
 * included), with Grafana's variables substituted the way Grafana would.
 */
final class Dashboards {
  static final Path DIR = LocalStack.ROOT.resolve("deploy/grafana/dashboards");

  /** {@code label_values(selector, label)}, Grafana's Prometheus variable query. */
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)\\}?");

  private Dashboards() {}

  /** One dashboard: its file, title, variables in order and panel queries. */
  record Dashboard(Path file, String title, List<Variable> variables, List<Query> queries) {}

  /** A query variable: {@code label_values(selector, label)}, multi-value or not. */
  record Variable(String name, String selector, String label, boolean multi) {}

  /** One target of one panel. */
  record Query(String panel, String refId, String expr) {
    @Override
    public String toString() {
      return "'" + panel + "' " + refId + ": " + expr;
    }
  }

  /** Every dashboard of the folder. */
  static List<Dashboard> all() throws IOException {
    List<Dashboard> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*.json")) {
      for (Path f : files) {
        all.add(read(f));
      }
    }
    assertThat(all).as("dashboards in %s", DIR).isNotEmpty();
    all.sort(java.util.Comparator.comparing(d -> d.file().getFileName().toString()));
    return all;
  }

  static Dashboard read(Path file) throws IOException {
    Map<?, ?> d = (Map<?, ?>) Json.parse(Files.readString(file));
    List<Variable> variables = new ArrayList<>();
    for (Object o : (List<?>) ((Map<?, ?>) d.get("templating")).get("list")) {
      Map<?, ?> v = (Map<?, ?>) o;
      if (!"query".equals(v.get("type"))) {
        continue;
      }
      Object q = v.get("query");
      String query = q instanceof Map<?, ?> m ? (String) m.get("query") : (String) q;
      Matcher m = LABEL_VALUES.matcher(query);
      assertThat(m.matches())
          .as("%s: variable %s is label_values(...)", file, v.get("name"))
          .isTrue();
      variables.add(
          new Variable(
              (String) v.get("name"),
              m.group(1).strip(),
              m.group(2),
              Boolean.TRUE.equals(v.get("multi"))));
    }
    List<Query> queries = new ArrayList<>();
    collect((List<?>) d.get("panels"), queries);
    return new Dashboard(file, (String) d.get("title"), variables, queries);
  }

  private static void collect(List<?> panels, List<Query> into) {
    for (Object o : panels) {
      Map<?, ?> p = (Map<?, ?>) o;
      if (p.get("panels") instanceof List<?> nested) {
        collect(nested, into);
      }
      if (p.get("targets") instanceof List<?> targets) {
        for (Object t : targets) {
          Map<?, ?> target = (Map<?, ?>) t;
          into.add(
              new Query(
                  (String) p.get("title"),
                  (String) target.get("refId"),
                  (String) target.get("expr")));
        }
      }
    }
  }

  /**
   * {@code text} with Grafana's variables replaced: the dashboard's own from {@code values}, and
   * the built-in intervals: {@code $__rate_interval} and {@code $__range} by {@code window} (the
   * time the test's traffic spans), {@code $__interval} by {@code step}. An unknown variable fails.
   */
  static String substitute(String text, Map<String, String> values, String window, String step) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("__rate_interval", window);
    all.put("__range", window);
    all.put("__interval", step);
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = all.get(m.group(1));
      assertThat(value).as("a value for $%s in %s", m.group(1), text).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
