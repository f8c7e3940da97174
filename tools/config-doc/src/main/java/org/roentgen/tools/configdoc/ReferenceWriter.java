package org.roentgen.tools.configdoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the configuration reference (Markdown) of the services read: how keys are set, the
 * environment variables read by name, then per service its mapped keys by group and what its {@code
 * application.properties} sets. The output depends on the sources only (no dates, no machine), so
 * that it can be compared with the committed file.
 */
final class ReferenceWriter {
  /** The command that writes docs/configuration.md, from the repository root. */
  static final String COMMAND = "mvn -q -pl tools/config-doc compile exec:java";

  private final StringBuilder out = new StringBuilder();

  static String write(List<Service> services) {
    ReferenceWriter w = new ReferenceWriter();
    w.header();
    w.environment(services);
    w.index(services);
    for (Service s : services) {
      w.service(s);
    }
    return w.out.toString();
  }

  private void header() {
    try (InputStream in = ReferenceWriter.class.getResourceAsStream("header.md")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      out.append(text.replace("{{COMMAND}}", COMMAND));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void environment(List<Service> services) {
    Map<String, List<String>> configured = new TreeMap<>();
    Map<String, String> defaults = new TreeMap<>();
    for (Service s : services) {
      for (PropertiesFile.Entry e : s.properties()) {
        for (PropertiesFile.EnvReference r : PropertiesFile.envReferences(e.value())) {
          String where = s.name() + ": `" + e.key() + "`";
          if (!e.profile().isEmpty()) {
            where += " (profile " + e.profile() + ")";
          }
          configured.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(where);
          defaults.merge(
              r.name(), defaultCell(r.defaultValue()), (a, b) -> a.equals(b) ? a : a + ", " + b);
        }
      }
    }
    Map<String, DirectReads.Read> direct = new TreeMap<>();
    Map<String, List<String>> directBy = new LinkedHashMap<>();
    for (Service s : services) {
      for (DirectReads.Read r : s.reads()) {
        String id = (r.environment() ? "" : "-D") + r.name() + " " + r.type();
        direct.putIfAbsent(id, r);
        directBy.computeIfAbsent(id, k -> new ArrayList<>()).add(s.name());
      }
    }
    line("## Environment variables read by name");
    line();
    line(
        "Besides every key's own variable (in the tables below), the services read these by name.");
    line("Secrets come only from the environment: set them there, never in a file of this");
    line("repository.");
    line();
    line("| variable | default | sets |");
    line("|---|---|---|");
    for (Map.Entry<String, List<String>> e : configured.entrySet()) {
      line(
          "| "
              + JavadocText.code(e.getKey())
              + " | "
              + defaults.get(e.getKey())
              + " | "
              + String.join("; ", e.getValue())
              + " |");
    }
    for (Map.Entry<String, DirectReads.Read> e : direct.entrySet()) {
      DirectReads.Read r = e.getValue();
      String name = r.environment() ? r.name() : "-D" + r.name();
      String reader = r.type().substring(r.type().lastIndexOf('.') + 1);
      line(
          "| "
              + JavadocText.code(name)
              + " | none | read directly by "
              + JavadocText.code(reader)
              + " (["
              + r.source()
              + "](../"
              + r.source()
              + ")) in "
              + String.join(", ", directBy.get(e.getKey()))
              + ": "
              + r.description()
              + " |");
    }
    line();
  }

  private void index(List<Service> services) {
    line("## Services");
    line();
    line("| service | keys | mapping | application.properties | README |");
    line("|---|---|---|---|---|");
    for (Service s : services) {
      List<String> mappings = new ArrayList<>();
      int keys = 0;
      for (Mapping m : s.mappings()) {
        mappings.add("[`" + m.typeName() + "`](../" + m.source() + ") (`" + m.prefix() + ".*`)");
        keys += m.keys().size();
      }
      line(
          "| ["
              + s.name()
              + "](#"
              + s.name()
              + ") | "
              + keys
              + " | "
              + (mappings.isEmpty() ? "none" : String.join(", ", mappings))
              + " | "
              + (s.propertiesFile() == null
                  ? "none"
                  : "[" + s.properties().size() + " keys](../" + s.propertiesFile() + ")")
              + " | [README](../"
              + s.dir()
              + "/README.md) |");
    }
    line();
  }

  private void service(Service s) {
    line("## " + s.name());
    line();
    Map<String, PropertiesFile.Entry> set = new LinkedHashMap<>();
    for (PropertiesFile.Entry e : s.properties()) {
      if (e.profile().isEmpty()) {
        set.put(e.key(), e);
      }
    }
    for (Mapping m : s.mappings()) {
      line(
          "[`"
              + m.typeName()
              + "`](../"
              + m.source()
              + "), prefix `"
              + m.prefix()
              + "`: "
              + m.description());
      line();
      for (KeyGroup g : m.groups()) {
        if (g.keys().isEmpty()) {
          continue;
        }
        line("### `" + g.prefix() + ".*`");
        line();
        if (!g.description().isEmpty()) {
          line(g.description());
          line();
        }
        line("| key | type | default | environment variable | description |");
        line("|---|---|---|---|---|");
        for (ConfigKey k : g.keys()) {
          line(
              "| `"
                  + k.name()
                  + "` | "
                  + type(k)
                  + " | "
                  + defaultCell(k, set.get(k.name()))
                  + " | `"
                  + EnvNames.of(k.name())
                  + "` | "
                  + orDash(k.description())
                  + " |");
        }
        line();
      }
    }
    if (!s.properties().isEmpty()) {
      line("### Set in `application.properties`");
      line();
      line("[" + s.propertiesFile() + "](../" + s.propertiesFile() + "), in its order; each");
      line("setting is overridden by its environment variable or system property.");
      line();
      String section = null;
      for (PropertiesFile.Entry e : s.properties()) {
        if (!e.section().equals(section)) {
          if (section != null) {
            line();
          }
          section = e.section();
          if (!section.isEmpty()) {
            line("**" + JavadocText.text(section) + "**");
            line();
          }
          line("| key | value | environment variable | note |");
          line("|---|---|---|---|");
        }
        String key = e.profile().isEmpty() ? e.key() : "%" + e.profile() + "." + e.key();
        line(
            "| "
                + JavadocText.code(key)
                + " | "
                + valueCell(e.value())
                + " | `"
                + e.envName()
                + "` | "
                + JavadocText.text(e.note())
                + " |");
      }
      line();
    }
  }

  private static String orDash(String description) {
    return description.isEmpty() ? "-" : description;
  }

  private static String type(ConfigKey k) {
    if (k.values().isEmpty()) {
      return k.type();
    }
    List<String> values = k.values().stream().map(JavadocText::code).toList();
    return k.type() + " (" + String.join(", ", values) + ")";
  }

  private static String defaultCell(ConfigKey k, PropertiesFile.Entry set) {
    String code =
        k.defaultValue() != null
            ? valueCell(k.defaultValue())
            : k.optional() ? "none" : "**required**";
    if (set == null) {
      return code;
    }
    String inCode = k.defaultValue() != null ? "; in the code " + code : "";
    return valueCell(set.value()) + " (application.properties" + inCode + ")";
  }

  private static String defaultCell(String value) {
    return value == null ? "**required**" : valueCell(value);
  }

  private static String valueCell(String value) {
    return value.isEmpty() ? "empty" : JavadocText.code(value);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
