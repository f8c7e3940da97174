package org.roentgen.dicom.net.ul;

/**
 * Actions of the DICOM Upper Layer protocol machine, PS3.8 Section 9.2, Tables 9-6 ... 9-9, with
 * the next state each one leads to. AE-6 and AR-8 have two possible next states.
 */
public enum Action {
  AE_1("Issue TRANSPORT CONNECT request primitive to local transport service", State.STA4),
  AE_2("Send A-ASSOCIATE-RQ-PDU", State.STA5),
  AE_3("Issue A-ASSOCIATE confirmation (accept) primitive", State.STA6),
  AE_4(
      "Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection",
      State.STA1),
  AE_5("Issue Transport connection response primitive; start ARTIM timer", State.STA2),
  /** Next STA3 if the A-ASSOCIATE-RQ is acceptable by the service-provider, else STA13. */
  AE_6(
      "Stop ARTIM timer; if acceptable issue A-ASSOCIATE indication, else send A-ASSOCIATE-RJ-PDU"
          + " and start ARTIM timer",
      State.STA3,
      State.STA13),
  AE_7("Send A-ASSOCIATE-AC PDU", State.STA6),
  AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer", State.STA13),
  DT_1("Send P-DATA-TF PDU", State.STA6),
  DT_2("Send P-DATA indication primitive", State.STA6),
  AR_1("Send A-RELEASE-RQ PDU", State.STA7),
  AR_2("Issue A-RELEASE indication primitive", State.STA8),
  AR_3("Issue A-RELEASE confirmation primitive, and close transport connection", State.STA1),
  AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer", State.STA13),
  AR_5("Stop ARTIM timer", State.STA1),
  AR_6("Issue P-DATA indication", State.STA7),
  AR_7("Issue P-DATA-TF PDU", State.STA8),
  /** Next STA9 for the association-requestor, STA10 for the acceptor. */
  AR_8("Issue A-RELEASE indication (release collision)", State.STA9, State.STA10),
  AR_9("Send A-RELEASE-RP PDU", State.STA11),
  AR_10("Issue A-RELEASE confirmation primitive", State.STA12),
  AA_1("Send A-ABORT PDU (service-user source) and start (or restart) ARTIM timer", State.STA13),
  AA_2("Stop ARTIM timer if running. Close transport connection", State.STA1),
  AA_3("Issue A-ABORT or A-P-ABORT indication and close transport connection", State.STA1),
  AA_4("Issue A-P-ABORT indication primitive", State.STA1),
  AA_5("Stop ARTIM timer", State.STA1),
  AA_6("Ignore PDU", State.STA13),
  AA_7("Send A-ABORT PDU", State.STA13),
  AA_8(
      "Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start ARTIM"
          + " timer",
      State.STA13);

  private final String description;
  private final State nextState;
  private final State alternativeNextState;

  Action(String description, State nextState) {
    this(description, nextState, null);
  }

  Action(String description, State nextState, State alternativeNextState) {
    this.description = description;
    this.nextState = nextState;
    this.alternativeNextState = alternativeNextState;
  }

  /** The name used by PS3.8, e.g. {@code AE-1}. */
  public String standardName() {
    return name().replace('_', '-');
  }

  public String description() {
    return description;
  }

  /** The next state; for AE-6 and AR-8 the first alternative (acceptable RQ; requestor). */
  public State nextState() {
    return nextState;
  }

  /** The second alternative for AE-6 (RQ not acceptable) and AR-8 (acceptor), else null. */
  public State alternativeNextState() {
    return alternativeNextState;
  }

  /** The action for a PS3.8 name such as {@code AR-10}. */
  public static Action ofStandardName(String name) {
    return valueOf(name.replace('-', '_'));
  }
}
