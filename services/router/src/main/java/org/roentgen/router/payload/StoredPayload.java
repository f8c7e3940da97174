package org.roentgen.router.payload;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.router.delivery.Payload;

/**
 * An instance sent exactly as ingest stored it: every attempt streams the object from the store;
 * size and hash are those recorded at ingest.
 */
final class StoredPayload implements Payload {
  private final InstanceReceived instance;
  private final ObjectStore store;

  StoredPayload(InstanceReceived instance, ObjectStore store) {
    this.instance = instance;
    this.store = store;
  }

  @Override
  public String sopClassUid() {
    return instance.sopClassUid();
  }

  @Override
  public String sopInstanceUid() {
    return instance.sopInstanceUid();
  }

  @Override
  public String studyInstanceUid() {
    return instance.studyInstanceUid();
  }

  @Override
  public String transferSyntaxUid() {
    return instance.transferSyntaxUid();
  }

  @Override
  public long size() {
    return instance.object().size();
  }

  @Override
  public String sha256() {
    return instance.object().sha256();
  }

  @Override
  public InputStream open() throws IOException {
    return store.get(instance.object().bucket(), instance.object().key());
  }
}
