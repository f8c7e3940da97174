package org.roentgen.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it, as far as these tests need: instructions (line
 * continuations joined, comments dropped), build stages, and what a target stage ends up with from
 * the stages it is built on (ENV, EXPOSE, USER, HEALTHCHECK, ENTRYPOINT, WORKDIR, COPY).
 */
record Dockerfile(List<Stage> stages) {

  /** One instruction: its keyword (upper case) and the rest of the line. */
  record Instruction(String keyword, String arguments) {}

  /** A build stage: its name ({@code AS}), its base image or stage, its own instructions. */
  record Stage(String name, String from, List<Instruction> instructions) {}

  /** A COPY: its flags (e.g. {@code --chown=10001:10001}), sources and destination. */
  record Copy(Map<String, String> flags, List<String> sources, String destination) {}

  /** What a target stage's image has, its bases' instructions included. */
  record Image(
      String target,
      Map<String, String> env,
      Set<Integer> exposed,
      Optional<String> user,
      Optional<String> healthcheck,
      Optional<String> entrypoint,
      List<Copy> copies) {}

  private static final Pattern FROM =
      Pattern.compile("(?i)(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?");
  private static final Pattern ENV_PAIR =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

  static Dockerfile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    StringBuilder logical = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
        continue; // comments (and parser directives), also between continued lines
      }
      if (trimmed.endsWith("\\")) {
        logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      logical.append(trimmed);
      String text = logical.toString().strip();
      logical.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      int space = text.indexOf(' ');
      String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : text.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        Matcher m = FROM.matcher(arguments);
        if (!m.matches()) {
          throw new IllegalArgumentException("FROM " + arguments);
        }
        current = new ArrayList<>();
        stages.add(new Stage(m.group(2) == null ? "" : m.group(2), m.group(1), current));
      } else if (current != null) {
        current.add(new Instruction(keyword, arguments));
      }
    }
    return new Dockerfile(List.copyOf(stages));
  }

  Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The stages no other stage is built on: the images one builds with --target. */
  List<String> targets() {
    Set<String> bases = new TreeSet<>();
    stages.forEach(s -> bases.add(s.from()));
    return stages.stream().map(Stage::name).filter(n -> !bases.contains(n)).toList();
  }

  /** The image of a target, its base stages' settings first. */
  Image image(String target) {
    List<Stage> chain = new ArrayList<>();
    for (Optional<Stage> s = stage(target); s.isPresent(); s = stage(s.get().from())) {
      chain.add(0, s.get());
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no stage " + target);
    }
    Map<String, String> env = new LinkedHashMap<>();
    Set<Integer> exposed = new TreeSet<>();
    String user = null;
    String healthcheck = null;
    String entrypoint = null;
    List<Copy> copies = new ArrayList<>();
    for (Stage stage : chain) {
      for (Instruction i : stage.instructions()) {
        switch (i.keyword()) {
          case "ENV" -> env.putAll(pairs(i.arguments()));
          case "EXPOSE" -> {
            for (String port : i.arguments().split("\\s+")) {
              exposed.add(Integer.parseInt(port.replaceAll("/(tcp|udp)$", "")));
            }
          }
          case "USER" -> user = i.arguments();
          case "HEALTHCHECK" -> healthcheck = i.arguments();
          case "ENTRYPOINT" -> entrypoint = i.arguments();
          case "COPY" -> copies.add(copy(i.arguments()));
          default -> {}
        }
      }
    }
    return new Image(
        target,
        env,
        exposed,
        Optional.ofNullable(user),
        Optional.ofNullable(healthcheck),
        Optional.ofNullable(entrypoint),
        copies);
  }

  private static Map<String, String> pairs(String arguments) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher m = ENV_PAIR.matcher(arguments);
    while (m.find()) {
      String value = m.group(2);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
      }
      pairs.put(m.group(1), value);
    }
    return pairs;
  }

  private static Copy copy(String arguments) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> words = new ArrayList<>();
    for (String word : arguments.split("\\s+")) {
      if (word.startsWith("--") && words.isEmpty()) {
        String[] flag = word.substring(2).split("=", 2);
        flags.put(flag[0], flag.length > 1 ? flag[1] : "");
      } else {
        words.add(word);
      }
    }
    return new Copy(
        flags, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1));
  }
}
