package org.roentgen.dicom.net.ul;

/** States of the DICOM Upper Layer protocol machine, PS3.8 Section 9.2, Table 9-1. */
public enum State {
  /** Idle. */
  STA1,
  /** Transport connection open (awaiting A-ASSOCIATE-RQ PDU). */
  STA2,
  /** Awaiting local A-ASSOCIATE response primitive (from local user). */
  STA3,
  /** Awaiting transport connection opening to complete (from local transport service). */
  STA4,
  /** Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU. */
  STA5,
  /** Association established and ready for data transfer. */
  STA6,
  /** Awaiting A-RELEASE-RP PDU. */
  STA7,
  /** Awaiting local A-RELEASE response primitive (from local user). */
  STA8,
  /** Release collision requestor side; awaiting A-RELEASE response (from local user). */
  STA9,
  /** Release collision acceptor side; awaiting A-RELEASE-RP PDU. */
  STA10,
  /** Release collision requestor side; awaiting A-RELEASE-RP PDU. */
  STA11,
  /** Release collision acceptor side; awaiting A-RELEASE response primitive (from local user). */
  STA12,
  /** Awaiting Transport Connection Close Indication (Association no longer exists). */
  STA13
}
