/**
 * The DICOM Upper Layer protocol (PS3.8 Sections 7 and 9): associations, their state machine
 * ({@link org.roentgen.dicom.net.ul.StateTable} is PS3.8 Table 9-10 as data), ARTIM, release
 * (including collisions), abort, P-DATA as streams, and TLS.
 *
 * <h2>For the DIMSE layer</h2>
 *
 * <p>Requestor: {@code Association.connect(AssociationRequest, host, port, AssociationOptions,
 * AssociationHandler)} returns an established association or throws {@link
 * org.roentgen.dicom.net.ul.AssociationRejectedException}, {@link
 * org.roentgen.dicom.net.ul.AssociationAbortedException} or {@link
 * org.roentgen.dicom.net.ul.AssociationTimeoutException}. Acceptor: an {@link
 * org.roentgen.dicom.net.ul.AssociationAcceptor} with an {@link
 * org.roentgen.dicom.net.ul.AcceptancePolicy} (e.g. {@link
 * org.roentgen.dicom.net.ul.DefaultAcceptancePolicy}) and a handler.
 *
 * <p>Sending a message: {@code association.send(pcid, commandBytes, out -> dataset.writeTo(out))}.
 * The command (Implicit VR Little Endian, PS3.7 6.3.1) and then the data set are cut into PDVs that
 * fit the peer's Maximum Length Received; the data set streams out while it is written and is never
 * held whole. Messages from several threads never interleave.
 *
 * <p>Receiving: {@link org.roentgen.dicom.net.ul.AssociationHandler#onMessage} is called on the
 * association's reader thread when the first command fragment arrives. Read {@code
 * message.command()} to its end (it is small), decide, then, if the command's CommandDataSetType
 * says a data set follows, read {@code message.dataset()}: each read pulls the next PDV off the
 * socket, so a data set goes to its sink (a file, S3) while it arrives. Both streams are valid
 * until {@code onMessage} returns. A data set fragment without a command, a fragment on another
 * presentation context mid-message, or a context that was not accepted aborts the association
 * (A-ABORT, service-provider, PS3.8 Table 9-26).
 */
package org.roentgen.dicom.net.ul;
