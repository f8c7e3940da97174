package org.roentgen.qc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class ComponentsTest {
  @BeforeAll
  static void loadOpenCv() {
    OpenCvNative.load();
  }

  @Test
  void sparseGroupingFindsWhatOpenCvLabellingFinds() {
    Random rnd = new Random(11);
    for (int round = 0; round < 20; round++) {
      try (Mats mats = new Mats()) {
        Mat mask =
            mats.add(Mat.zeros(300 + rnd.nextInt(200), 300 + rnd.nextInt(200), CvType.CV_8UC1));
        // specks, blobs and diagonal chains (8-connected only), touching the borders too
        for (int i = 0; i < 400; i++) {
          int x = rnd.nextInt(mask.cols());
          int y = rnd.nextInt(mask.rows());
          switch (i % 3) {
            case 0 -> mask.put(y, x, 255);
            case 1 ->
                Imgproc.rectangle(
                    mask,
                    new Rect(x, y, 1 + rnd.nextInt(6), 1 + rnd.nextInt(6)),
                    new Scalar(255),
                    -1);
            default -> {
              int step = i % 2 == 0 ? 1 : -1; // chains down-right and down-left
              for (int k = 0; k < 8; k++) {
                int px = x + step * k;
                if (px >= 0 && px < mask.cols() && y + k < mask.rows()) {
                  mask.put(y + k, px, 255);
                }
              }
            }
          }
        }
        List<String> sparse = boxes(Components.of(mask, mats));
        Mat labels = mats.mat();
        Mat stats = mats.mat();
        Mat centroids = mats.mat();
        int n =
            Imgproc.connectedComponentsWithStatsWithAlgorithm(
                mask, labels, stats, centroids, 8, CvType.CV_32S, Imgproc.CCL_SPAGHETTI);
        int[] all = new int[n * 5];
        stats.get(0, 0, all);
        int[] expected = new int[(n - 1) * 5];
        System.arraycopy(all, 5, expected, 0, expected.length);
        assertThat(sparse)
            .hasSizeGreaterThan(100)
            .containsExactlyInAnyOrderElementsOf(boxes(expected));
      }
    }
  }

  @Test
  void anEmptyMaskHasNoComponents() {
    try (Mats mats = new Mats()) {
      assertThat(Components.of(mats.add(Mat.zeros(50, 50, CvType.CV_8UC1)), mats)).isEmpty();
    }
  }

  private static List<String> boxes(int[] flat) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < flat.length / 5; c++) {
      out.add(
          flat[c * 5]
              + ","
              + flat[c * 5 + 1]
              + " "
              + flat[c * 5 + 2]
              + "x"
              + flat[c * 5 + 3]
              + " "
              + flat[c * 5 + 4]);
    }
    return out;
  }
}
