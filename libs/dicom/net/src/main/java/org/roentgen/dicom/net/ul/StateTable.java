package org.roentgen.dicom.net.ul;

import static org.roentgen.dicom.net.ul.Action.*;
import static org.roentgen.dicom.net.ul.State.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The DICOM Upper Layer state transition table, PS3.8 Section 9.2.3, Table 9-10, as data: one row
 * per event listing the action for each state in which the event is defined. Blank cells of the
 * standard's table are absent.
 */
public final class StateTable {

  private static final Map<Event, Map<State, Action>> TABLE = new EnumMap<>(Event.class);

  static {
    row(Event.EVT1, STA1, AE_1);
    row(Event.EVT2, STA4, AE_2);
    pduRow(Event.EVT3, AA_1, AA_8, AA_6, STA5, AE_3);
    pduRow(Event.EVT4, AA_1, AA_8, AA_6, STA5, AE_4);
    row(Event.EVT5, STA1, AE_5);
    pduRow(Event.EVT6, AE_6, AA_8, AA_7);
    row(Event.EVT7, STA3, AE_7);
    row(Event.EVT8, STA3, AE_8);
    row(Event.EVT9, STA6, DT_1, STA8, AR_7);
    pduRow(Event.EVT10, AA_1, AA_8, AA_6, STA6, DT_2, STA7, AR_6);
    row(Event.EVT11, STA6, AR_1);
    pduRow(Event.EVT12, AA_1, AA_8, AA_6, STA6, AR_2, STA7, AR_8);
    pduRow(Event.EVT13, AA_1, AA_8, AA_6, STA7, AR_3, STA10, AR_10, STA11, AR_3);
    row(Event.EVT14, STA8, AR_4, STA9, AR_9, STA12, AR_4);
    row(
        Event.EVT15,
        STA3,
        AA_1,
        STA4,
        AA_2,
        STA5,
        AA_1,
        STA6,
        AA_1,
        STA7,
        AA_1,
        STA8,
        AA_1,
        STA9,
        AA_1,
        STA10,
        AA_1,
        STA11,
        AA_1,
        STA12,
        AA_1);
    pduRow(Event.EVT16, AA_2, AA_3, AA_2);
    row(
        Event.EVT17,
        STA2,
        AA_5,
        STA3,
        AA_4,
        STA4,
        AA_4,
        STA5,
        AA_4,
        STA6,
        AA_4,
        STA7,
        AA_4,
        STA8,
        AA_4,
        STA9,
        AA_4,
        STA10,
        AA_4,
        STA11,
        AA_4,
        STA12,
        AA_4,
        STA13,
        AR_5);
    row(Event.EVT18, STA2, AA_2, STA13, AA_2);
    pduRow(Event.EVT19, AA_1, AA_8, AA_7);
  }

  private StateTable() {}

  /** The action for an event in a state, or empty for a blank cell of Table 9-10. */
  public static Optional<Action> lookup(State state, Event event) {
    return Optional.ofNullable(TABLE.getOrDefault(event, Map.of()).get(state));
  }

  private static void row(Event event, Object... stateActionPairs) {
    Map<State, Action> row = TABLE.computeIfAbsent(event, e -> new EnumMap<>(State.class));
    for (int i = 0; i < stateActionPairs.length; i += 2) {
      row.put((State) stateActionPairs[i], (Action) stateActionPairs[i + 1]);
    }
  }

  /**
   * A row for a PDU-received event, defined in every state with an open transport connection (STA2,
   * STA3, STA5 ... STA13): {@code inSta2} in STA2, {@code inSta13} in STA13, {@code otherwise}
   * elsewhere, except the listed state/action overrides.
   */
  private static void pduRow(
      Event event, Action inSta2, Action otherwise, Action inSta13, Object... overrides) {
    row(event, STA2, inSta2, STA3, otherwise);
    for (State s : new State[] {STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12}) {
      row(event, s, otherwise);
    }
    row(event, STA13, inSta13);
    row(event, overrides);
  }
}
