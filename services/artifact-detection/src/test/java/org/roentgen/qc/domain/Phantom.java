package org.roentgen.qc.domain;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.roentgen.contracts.InstanceQc.Box;

/**
 * A generated radiograph with its ground truth: the header and the stored pixel bytes as the
 * service receives them, which checks must find something (empty for a clean image), and where the
 * injected defects or objects are.
 *
 * @param truth the check ids that must report a finding
 * @param boxes where the injected objects or defects are (native pixels), when they have a place
 * @param label what was injected, for the report
 * @param grade 0 for clean, 1 (weakest) .. 3 (strongest)
 */
record Phantom(
    ImageHeader header,
    ByteBuffer pixels,
    Set<String> truth,
    List<Box> boxes,
    String label,
    int grade) {}
