package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records what an association delivers; echoes each command back when {@code echo} is set. */
class RecordingHandler implements AssociationHandler {

  final CopyOnWriteArrayList<byte[]> commands = new CopyOnWriteArrayList<>();
  final CompletableFuture<Association> established = new CompletableFuture<>();
  final CompletableFuture<AssociationException> closed = new CompletableFuture<>();
  final boolean echo;

  RecordingHandler(boolean echo) {
    this.echo = echo;
  }

  @Override
  public void onMessage(Association association, IncomingMessage message) throws IOException {
    byte[] command = message.command().readAllBytes();
    commands.add(command);
    if (echo) {
      association.send(message.presentationContextId(), command);
    }
  }

  @Override
  public void onEstablished(Association association) {
    established.complete(association);
  }

  @Override
  public void onClosed(Association association, AssociationException cause) {
    closed.complete(cause);
  }

  /** The end cause ({@code null} for a normal release), waiting up to 5 s. */
  AssociationException awaitClosed() throws Exception {
    return closed.get(5, TimeUnit.SECONDS);
  }
}
