package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.dicom.net.pdu.PdvReader;

/**
 * One message arriving on an association (P-DATA indication, PS3.8 Section 9.3.5 and Annex E): the
 * command, then optionally the data set, on one presentation context. Both are streams read off the
 * socket as the caller reads them; neither is held in memory. Valid only during {@link
 * AssociationHandler#onMessage}.
 */
public final class IncomingMessage {

  private final Receiver receiver;
  private final int presentationContextId;
  private final String abstractSyntax;
  private final String transferSyntax;
  private final PdvInputStream command;
  private PdvInputStream dataset;

  IncomingMessage(
      Receiver receiver,
      int presentationContextId,
      String abstractSyntax,
      String transferSyntax,
      PdvReader firstCommandFragment) {
    this.receiver = receiver;
    this.presentationContextId = presentationContextId;
    this.abstractSyntax = abstractSyntax;
    this.transferSyntax = transferSyntax;
    this.command = new PdvInputStream(receiver, presentationContextId, true, firstCommandFragment);
  }

  public int presentationContextId() {
    return presentationContextId;
  }

  /** The abstract syntax of the presentation context. */
  public String abstractSyntax() {
    return abstractSyntax;
  }

  /** The transfer syntax negotiated for the presentation context (applies to the data set). */
  public String transferSyntax() {
    return transferSyntax;
  }

  /** The command, always encoded in Implicit VR Little Endian (PS3.7 Section 6.3.1). */
  public InputStream command() {
    return command;
  }

  /**
   * The data set that follows the command; skips any unread command bytes first. Call it only when
   * the command announces a data set (CommandDataSetType, PS3.7 Section 9.3): it waits for data set
   * fragments.
   */
  public InputStream dataset() throws IOException {
    if (dataset == null) {
      command.drain();
      dataset = new PdvInputStream(receiver, presentationContextId, false, null);
    }
    return dataset;
  }

  /** Skips whatever the handler left unread of the opened streams. */
  void finish() throws IOException {
    command.drain();
    if (dataset != null) {
      dataset.drain();
    }
  }
}
