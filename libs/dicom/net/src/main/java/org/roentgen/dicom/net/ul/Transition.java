package org.roentgen.dicom.net.ul;

/**
 * One step of the protocol machine: in state {@code from}, {@code event} caused {@code action} and
 * led to state {@code to}. {@code defined} is false when the cell of PS3.8 Table 9-10 is blank and
 * the machine applied AA-8.
 */
public record Transition(State from, Event event, Action action, State to, boolean defined) {}
