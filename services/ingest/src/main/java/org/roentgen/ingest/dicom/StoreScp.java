package org.roentgen.ingest.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.StatusException;
import org.roentgen.dicom.net.dimse.StoreHandler;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.ingest.domain.AckPolicy;
import org.roentgen.ingest.domain.IncomingObject;
import org.roentgen.ingest.domain.StoreOutcome;

/** C-STORE SCP: each request goes to the receiver of its sender's acknowledgement policy. */
final class StoreScp implements StoreHandler {
  /** Receives one object under one policy. */
  @FunctionalInterface
  interface Receiver {
    StoreOutcome receive(IncomingObject o, InputStream dataset) throws IOException;
  }

  private final Policies policies;
  private final Receiver durable;
  private final Receiver spool;
  private final String receiverName;

  StoreScp(Policies policies, Receiver durable, Receiver spool, String receiverName) {
    this.policies = policies;
    this.durable = durable;
    this.spool = spool;
    this.receiverName = receiverName;
  }

  @Override
  public int store(Association as, Command rq, String transferSyntaxUid, InputStream dataset)
      throws IOException {
    AckPolicy policy = policies.of(as.callingAeTitle());
    IncomingObject o =
        new IncomingObject(
            rq.affectedSopClassUid(),
            rq.affectedSopInstanceUid(),
            transferSyntaxUid,
            new InstanceReceived.Source(
                InstanceReceived.Protocol.DIMSE,
                as.callingAeTitle(),
                as.calledAeTitle(),
                address(as.remoteAddress()),
                receiverName),
            policy);
    StoreOutcome out = (policy == AckPolicy.SPOOL ? spool : durable).receive(o, dataset);
    if (!out.succeeded()) {
      throw new StatusException(out.status(), out.comment());
    }
    return out.status();
  }

  static String address(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      return (i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress())
          + ":"
          + i.getPort();
    }
    return String.valueOf(a);
  }
}
