package org.roentgen.qc.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.RecordHandler;
import org.roentgen.qc.pipeline.ImageInspector;

/**
 * Handles one {@code dicom.instance.validated} record: analyses the instance's pixels ({@link
 * ImageInspector}) and publishes its {@code dicom.instance.qc} event, the validated event with the
 * qc block added. Every instance gets one, whatever happened to its pixels (NOT_ANALYSED with the
 * reason when they could not be analysed).
 *
 * <p>Failure strategy: a record that is not a validated event goes to {@code <input>.dlq}
 * (EventDecodeException, through the consumer); an object store or a publish that fails throws, and
 * the consumer handles the instance again after a backoff, forever: never skipped. Commit strategy:
 * the consumer commits an input offset only after {@link #flush} saw its output acknowledged.
 * Idempotent: the output event's id derives from the input event's id and the preview's key from
 * the object's key, so a redelivery publishes the same event again and overwrites the same preview.
 */
final class ValidatedHandler implements RecordHandler {
  private final ImageInspector inspector;
  private final QcPublisher publisher;

  ValidatedHandler(ImageInspector inspector, QcPublisher publisher) {
    this.inspector = inspector;
    this.publisher = publisher;
  }

  @Override
  public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
    CloudEvent<InstanceValidated> in =
        KafkaCloudEvents.fromRecord(
            record, Topics.INSTANCE_VALIDATED.eventType(), InstanceValidated.class);
    ImageInspector.Inspection r = inspector.inspect(in.data().instance());
    publisher.publish(in.id(), in.data(), r.qc());
  }

  @Override
  public void flush() throws Exception {
    publisher.flush();
  }
}
