package org.roentgen.dicom.net.ul;

import java.util.Optional;

/**
 * The Upper Layer protocol machine of one association, PS3.8 Section 9.2: looks up (state, event)
 * in {@link StateTable} and moves to the action's next state. Thread-safe.
 *
 * <p>Blank cells of Table 9-10: for an event from the peer or the transport the machine applies
 * AA-8 (abort with an A-P-ABORT indication), treating the event as unexpected. For a primitive of
 * the local user (a call our own API made at the wrong time) it throws {@link
 * AssociationStateException} and stays where it is, because no PDU arrived that deserves an abort.
 */
public final class StateMachine {

  private final boolean requestor;
  private State state = State.STA1;

  /**
   * @param requestor whether this side is the association-requestor; decides AR-8 (PS3.8 Table 9-9:
   *     STA9 for the requestor, STA10 for the acceptor)
   */
  public StateMachine(boolean requestor) {
    this(requestor, State.STA1);
  }

  /** A machine starting in {@code initial}; for tests of single table cells. */
  StateMachine(boolean requestor, State initial) {
    this.requestor = requestor;
    this.state = initial;
  }

  public synchronized State state() {
    return state;
  }

  public boolean requestor() {
    return requestor;
  }

  /** Fires an event whose action has a single next state (or AR-8, decided by the role). */
  public Transition fire(Event event) throws AssociationStateException {
    return fire(event, true);
  }

  /**
   * Fires an event.
   *
   * @param rqAcceptable for EVT6 (AE-6): whether the service-provider accepts the A-ASSOCIATE-RQ
   *     (next STA3) or rejects it (next STA13); ignored for other events
   */
  public synchronized Transition fire(Event event, boolean rqAcceptable)
      throws AssociationStateException {
    State from = state;
    Optional<Action> cell = StateTable.lookup(from, event);
    if (cell.isEmpty() && event.localPrimitive()) {
      throw new AssociationStateException(from, event);
    }
    Action action = cell.orElse(Action.AA_8);
    State to = action.nextState();
    if (action == Action.AE_6 && !rqAcceptable) {
      to = action.alternativeNextState();
    } else if (action == Action.AR_8 && !requestor) {
      to = action.alternativeNextState();
    }
    state = to;
    return new Transition(from, event, action, to, cell.isPresent());
  }
}
