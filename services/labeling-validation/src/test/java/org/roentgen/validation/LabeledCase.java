package org.roentgen.validation;

import java.util.List;
import java.util.Set;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * One image of the labeled corpus: its header, the findings it must produce ({@code rule} or {@code
 * rule@Keyword} when the attribute matters), and the orders the worklist holds for it.
 *
 * @param worklistDown true when the case is checked with the worklist unreachable
 */
public record LabeledCase(
    String name,
    Attributes dataset,
    Set<String> expected,
    List<ScheduledStep> orders,
    boolean worklistDown) {}
