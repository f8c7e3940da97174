package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per (state, event) cell of PS3.8 Table 9-10, against a transcription of the standard's
 * table kept in {@code ul/table-9-10.txt}, written independently of {@link StateTable}.
 */
class StateTableTest {

  static Stream<Arguments> cells() throws IOException {
    List<Arguments> cells = new ArrayList<>();
    for (String line : lines("/ul/table-9-10.txt")) {
      String[] f = line.trim().split("\\s+");
      assertThat(f).hasSize(1 + State.values().length);
      Event event = Event.valueOf(f[0]);
      for (int i = 1; i < f.length; i++) {
        cells.add(Arguments.of(State.values()[i - 1], event, f[i]));
      }
    }
    assertThat(cells).hasSize(State.values().length * Event.values().length);
    return cells.stream();
  }

  @ParameterizedTest(name = "{1} in {0} -> {2}")
  @MethodSource("cells")
  void tableCellMatchesTheStandard(State state, Event event, String expected) {
    String actual = StateTable.lookup(state, event).map(Action::standardName).orElse("-");
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} in {0} -> {2}")
  @MethodSource("cells")
  void machineMovesToTheActionsNextState(State state, Event event, String expected)
      throws IOException {
    Map<String, String[]> next = nextStates();
    StateMachine requestor = new StateMachine(true, state);
    StateMachine acceptor = new StateMachine(false, state);
    if (expected.equals("-")) {
      if (event.localPrimitive()) {
        assertThatThrownBy(() -> requestor.fire(event))
            .isInstanceOf(AssociationStateException.class);
        assertThat(requestor.state()).isEqualTo(state);
      } else {
        Transition t = requestor.fire(event);
        assertThat(t.action()).isEqualTo(Action.AA_8);
        assertThat(t.defined()).isFalse();
        assertThat(requestor.state()).isEqualTo(State.STA13);
      }
      return;
    }
    String[] to = next.get(expected);
    Transition t = requestor.fire(event, true);
    assertThat(t.action().standardName()).isEqualTo(expected);
    assertThat(t.defined()).isTrue();
    assertThat(requestor.state()).isEqualTo(State.valueOf(to[0]));
    if (to.length > 1) {
      State alternative = State.valueOf(to[1]);
      if (expected.equals("AE-6")) {
        assertThat(acceptor.fire(event, false).to()).isEqualTo(alternative);
      } else {
        assertThat(acceptor.fire(event).to()).isEqualTo(alternative);
      }
    } else {
      assertThat(acceptor.fire(event, false).to()).isEqualTo(State.valueOf(to[0]));
    }
  }

  @Test
  void everyActionIsUsedByTheTable() throws IOException {
    for (Action a : Action.values()) {
      boolean used = false;
      for (State s : State.values()) {
        for (Event e : Event.values()) {
          used |= StateTable.lookup(s, e).filter(a::equals).isPresent();
        }
      }
      assertThat(used).as(a.standardName()).isTrue();
      assertThat(nextStates()).containsKey(a.standardName());
    }
  }

  private static Map<String, String[]> nextStates() throws IOException {
    Map<String, String[]> map = new HashMap<>();
    for (String line : lines("/ul/next-states.txt")) {
      String[] f = line.trim().split("\\s+");
      map.put(f[0], java.util.Arrays.copyOfRange(f, 1, f.length));
    }
    return map;
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = StateTableTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }
}
