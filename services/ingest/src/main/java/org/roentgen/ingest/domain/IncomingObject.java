package org.roentgen.ingest.domain;

import org.roentgen.contracts.InstanceReceived;

/**
 * What the sender said about an object before its bytes: the C-STORE command's (or STOW-RS part's)
 * SOP class and instance, the transfer syntax of the dataset, who sent it, and the acknowledgement
 * policy that applies to the sender.
 */
public record IncomingObject(
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntaxUid,
    InstanceReceived.Source source,
    AckPolicy policy) {}
