package org.roentgen.qc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectInfo;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.qc.TestImages;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.storage.PersistedBaselines;
import org.roentgen.qc.storage.PixelFetcher;
import org.roentgen.qc.storage.PreviewStore;
import org.roentgen.stack.SharedStack;

/**
 * One instance through fetch, analysis and preview against a real S3 server (S3Proxy): exactly the
 * pixel data value is read (also to the object's end for a length of -1), a gone object and a short
 * one are NOT_ANALYSED answers, an unreachable store is a retryable failure, and a preview lands
 * beside the object as image/png under the same key on every try. The analysis here is a stand-in
 * that records what it was given and returns a real PNG, so the storage side is proven whatever the
 * checks find.
 */
class ImageInspectorIT {
  private static ObjectStore store;
  private static String bucket;

  /** Records the pixels it was handed; answers with a preview when asked to. */
  static final class Recording implements ImageInspector.Analyser {
    final List<byte[]> seen = new ArrayList<>();
    final List<Boolean> encapsulated = new ArrayList<>();
    Analysis.PreviewImage preview;

    @Override
    public Analysis analyze(
        org.roentgen.qc.domain.ImageHeader header, ByteBuffer value, boolean enc) {
      byte[] b = new byte[value.remaining()];
      value.duplicate().get(b);
      seen.add(b);
      encapsulated.add(enc);
      return new Analysis(
          Verdict.PASS,
          null,
          Map.of("sharpness", 3.0, "odd", Double.NaN),
          List.of(),
          null,
          preview,
          Map.of("decode", 1000L));
    }
  }

  @BeforeAll
  static void s3() throws Exception {
    SharedStack s = SharedStack.get();
    store =
        new MinioObjectStore(
            ObjectStoreSettings.of(s.s3Endpoint(), s.s3AccessKey(), s.s3SecretKey()));
    bucket = "it-inspect-" + UUID.randomUUID().toString().substring(0, 8);
    store.ensureBucket(bucket);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static ImageInspector inspector(ObjectStore s, Recording analyser, PersistedBaselines b) {
    return new ImageInspector(
        new PixelFetcher(s, 64L * 1024 * 1024),
        analyser,
        new PreviewStore(s),
        new BaselineRecorder(b),
        new QcMetrics(new SimpleMeterRegistry()),
        "ab".repeat(32),
        "qc-it",
        Optional.empty(),
        Clock.systemUTC());
  }

  @Test
  void readsExactlyThePixelDataValueAndStoresThePreviewBesideTheObject(@TempDir Path dir)
      throws Exception {
    Path file = TestImages.image(dir, 0, 64, 48);
    InstanceValidated v = TestImages.store(store, bucket, file);
    InstanceReceived.PixelData pd = v.instance().pixelData();
    assertThat(pd.length()).isEqualTo(64 * 48 * 2);
    Recording analyser = new Recording();
    analyser.preview = new Analysis.PreviewImage(png(32, 24), 32, 24);
    PersistedBaselines baselines = new PersistedBaselines(10);
    ImageInspector inspector = inspector(store, analyser, baselines);

    Qc qc = inspector.inspect(v.instance()).qc();

    assertThat(analyser.seen.get(0)).isEqualTo(TestImages.slice(file, pd.offset(), pd.length()));
    assertThat(analyser.encapsulated.get(0)).isFalse();
    assertThat(qc.verdict()).isEqualTo(Verdict.PASS);
    assertThat(qc.metrics()).as("NaN is left out of the JSON").containsOnlyKeys("sharpness");
    assertThat(qc.checkSet()).isEqualTo("ab".repeat(32));
    assertThat(qc.analyser()).isEqualTo("qc-it");
    assertThat(qc.durationMillis()).isPositive();
    String key = v.instance().object().key() + ".qc.png";
    assertThat(qc.preview().key()).isEqualTo(key);
    assertThat(qc.preview().bucket()).isEqualTo(bucket);
    assertThat(qc.preview().contentType()).isEqualTo("image/png");
    assertThat(qc.preview().width()).isEqualTo(32);
    ObjectInfo info = store.stat(bucket, key).orElseThrow();
    assertThat(info.contentType()).isEqualTo("image/png");
    try (InputStream in = store.get(bucket, key)) {
      BufferedImage img = ImageIO.read(in);
      assertThat(img.getWidth()).isEqualTo(32);
      assertThat(img.getHeight()).isEqualTo(24);
    }
    assertThat(baselines.snapshot()).containsKey("DXROOM1|CHEST/PA|sharpness");

    // A redelivery overwrites the same preview object.
    analyser.preview = new Analysis.PreviewImage(png(16, 8), 16, 8);
    Qc again = inspector.inspect(v.instance()).qc();
    assertThat(again.preview().key()).isEqualTo(key);
    try (InputStream in = store.get(bucket, key)) {
      assertThat(ImageIO.read(in).getWidth()).isEqualTo(16);
    }
  }

  @Test
  void anUndefinedLengthIsReadToTheEndOfTheObject(@TempDir Path dir) throws Exception {
    Path file = TestImages.corruptJpeg(dir, 1);
    InstanceValidated v = TestImages.store(store, bucket, file);
    InstanceReceived.PixelData pd = v.instance().pixelData();
    InstanceValidated undefined =
        TestImages.withPixelData(v, new InstanceReceived.PixelData(pd.offset(), -1, true));
    Recording analyser = new Recording();
    inspector(store, analyser, new PersistedBaselines(10)).inspect(undefined.instance());
    assertThat(analyser.seen.get(0))
        .isEqualTo(TestImages.slice(file, pd.offset(), v.instance().object().size() - pd.offset()));
    assertThat(analyser.encapsulated.get(0)).isTrue();
  }

  @Test
  void aGoneOrShortObjectIsNotAnalysedAndNothingIsRecorded(@TempDir Path dir) throws Exception {
    Recording analyser = new Recording();
    PersistedBaselines baselines = new PersistedBaselines(10);
    ImageInspector inspector = inspector(store, analyser, baselines);

    InstanceValidated gone = TestImages.store(store, bucket, TestImages.image(dir, 2, 32, 32));
    store.delete(bucket, gone.instance().object().key());
    Qc missing = inspector.inspect(gone.instance()).qc();
    assertThat(missing.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
    assertThat(missing.notAnalysed().reason()).isEqualTo(NotAnalysedReason.OBJECT_MISSING);
    InstanceValidated goneUndefined =
        TestImages.withPixelData(
            gone, new InstanceReceived.PixelData(gone.instance().pixelData().offset(), -1, true));
    assertThat(inspector.inspect(goneUndefined.instance()).qc().notAnalysed().reason())
        .isEqualTo(NotAnalysedReason.OBJECT_MISSING);

    InstanceValidated v = TestImages.store(store, bucket, TestImages.image(dir, 3, 32, 32));
    InstanceReceived.PixelData pd = v.instance().pixelData();
    InstanceValidated beyond =
        TestImages.withPixelData(
            v, new InstanceReceived.PixelData(pd.offset(), pd.length() + 4096, false));
    Qc shorter = inspector.inspect(beyond.instance()).qc();
    assertThat(shorter.notAnalysed().reason()).isEqualTo(NotAnalysedReason.PIXEL_DATA_MISMATCH);
    assertThat(shorter.notAnalysed().message()).contains("bytes");
    InstanceValidated past =
        TestImages.withPixelData(
            v, new InstanceReceived.PixelData(v.instance().object().size() + 10, 100, false));
    assertThat(inspector.inspect(past.instance()).qc().notAnalysed().reason())
        .isEqualTo(NotAnalysedReason.PIXEL_DATA_MISMATCH);

    assertThat(analyser.seen).as("the analysis never ran").isEmpty();
    assertThat(baselines.snapshot()).isEmpty();
  }

  @Test
  void anUnreachableStoreIsARetryableFailure(@TempDir Path dir) throws Exception {
    InstanceValidated v = TestImages.event(TestImages.image(dir, 4, 32, 32), bucket);
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ObjectStoreSettings d = ObjectStoreSettings.of("http://127.0.0.1:" + port, "k", "s");
    try (ObjectStore down =
        new MinioObjectStore(
            new ObjectStoreSettings(
                d.endpoint(),
                "k",
                "secret-key",
                d.region(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                d.partSize()))) {
      assertThatThrownBy(
              () ->
                  inspector(down, new Recording(), new PersistedBaselines(10))
                      .inspect(v.instance()))
          .isInstanceOfSatisfying(
              ObjectStoreException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  static byte[] png(int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
