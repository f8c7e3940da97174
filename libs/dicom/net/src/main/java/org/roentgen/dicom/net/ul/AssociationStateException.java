package org.roentgen.dicom.net.ul;

/**
 * A local primitive was issued in a state where PS3.8 Table 9-10 does not define it, e.g. sending
 * P-DATA after the association ended.
 */
public final class AssociationStateException extends AssociationException {

  private final State state;
  private final Event event;

  public AssociationStateException(State state, Event event) {
    super(event + " is not allowed in " + state + " (PS3.8 Table 9-10)");
    this.state = state;
    this.event = event;
  }

  public State state() {
    return state;
  }

  public Event event() {
    return event;
  }
}
