package org.roentgen.tools.configdoc;

import java.util.List;

/**
 * The keys one interface of a mapping declares directly, under one prefix.
 *
 * @param prefix the keys' common prefix ({@code ingest.dicom}, {@code router.destinations.<name>})
 * @param description the doc comment of the method that leads here (else of the interface)
 * @param keys the leaf keys, in declaration order
 */
record KeyGroup(String prefix, String description, List<ConfigKey> keys) {}
