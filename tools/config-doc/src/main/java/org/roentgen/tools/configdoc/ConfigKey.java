package org.roentgen.tools.configdoc;

import java.util.List;

/**
 * One configuration key as a mapping declares it.
 *
 * @param name the full key, a map's key as a placeholder ({@code router.destinations.<name>.kind})
 * @param type what the value is, readably ({@code duration}, {@code list of string}, an enum's
 *     name)
 * @param values an enum's constants, else empty
 * @param defaultValue the {@code @WithDefault} value, or null
 * @param optional an {@code Optional}: absent means "none", not an error
 * @param description the method's doc comment as Markdown
 */
record ConfigKey(
    String name,
    String type,
    List<String> values,
    String defaultValue,
    boolean optional,
    String description) {

  /** A key that must be given: no default and not optional. */
  boolean required() {
    return defaultValue == null && !optional;
  }
}
