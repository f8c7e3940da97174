package org.roentgen.dicom.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} options and positional arguments of a command. */
final class Options {
  final Map<String, String> values = new HashMap<>();
  final List<String> positional = new ArrayList<>();

  static Options parse(String[] args, Set<String> withValue, Set<String> flags)
      throws Main.UsageException {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (withValue.contains(a)) {
        if (i + 1 >= args.length) {
          throw new Main.UsageException(a + " needs a value");
        }
        o.values.put(a, args[++i]);
      } else if (flags.contains(a)) {
        o.values.put(a, "true");
      } else if (a.startsWith("--")) {
        throw new Main.UsageException("unknown option " + a);
      } else {
        o.positional.add(a);
      }
    }
    return o;
  }

  /** The option names {@code common} plus {@code more}. */
  static Set<String> names(Set<String> common, String... more) {
    Set<String> all = new java.util.HashSet<>(common);
    all.addAll(List.of(more));
    return all;
  }

  String get(String name, String def) {
    return values.getOrDefault(name, def);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
