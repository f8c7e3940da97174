package org.roentgen.tools.configdoc;

import java.util.List;

/**
 * One service's configuration as its code declares it.
 *
 * @param name the service's folder name under {@code services/}
 * @param dir its folder, relative to the repository root
 * @param mappings its {@code @ConfigMapping} interfaces (and those of the modules it runs with)
 * @param properties what its {@code application.properties} sets, in order
 * @param propertiesFile that file, relative to the repository root, or null when it has none
 * @param reads what its code and its modules read from the environment and system properties
 */
record Service(
    String name,
    String dir,
    List<Mapping> mappings,
    List<PropertiesFile.Entry> properties,
    String propertiesFile,
    List<DirectReads.Read> reads) {}
