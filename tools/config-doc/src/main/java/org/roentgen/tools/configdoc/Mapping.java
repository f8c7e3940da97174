package org.roentgen.tools.configdoc;

import java.util.List;

/**
 * One {@code @ConfigMapping} interface read from its source.
 *
 * @param prefix the mapping's prefix
 * @param typeName the interface's simple name
 * @param source the file, relative to the repository root
 * @param description the interface's doc comment
 * @param groups its keys by group, depth first in declaration order
 */
record Mapping(
    String prefix, String typeName, String source, String description, List<KeyGroup> groups) {

  /** Every key of every group. */
  List<ConfigKey> keys() {
    return groups.stream().flatMap(g -> g.keys().stream()).toList();
  }
}
