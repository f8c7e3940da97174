package org.roentgen.qc.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class StatsTest {
  @BeforeAll
  static void loadOpenCv() {
    OpenCvNative.load();
  }

  @Test
  void radixSortOrdersLikeArraysSort() {
    Random rnd = new Random(5);
    for (int n : new int[] {0, 1, 255, 256, 1000, 32_768}) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] =
            switch (i % 9) {
              case 0 -> (float) rnd.nextGaussian() * 1e6f;
              case 1 -> -0.0f;
              case 2 -> 0.0f;
              case 3 -> Float.NEGATIVE_INFINITY;
              case 4 -> Float.POSITIVE_INFINITY;
              case 5 -> Float.MIN_VALUE * (rnd.nextBoolean() ? 1 : -1);
              case 6 -> -Float.MAX_VALUE;
              default -> rnd.nextFloat() - 0.5f;
            };
      }
      float[] expected = v.clone();
      Arrays.sort(expected);
      Stats.sort(v);
      assertArrayEquals(expected, v, "n=" + n);
    }
  }

  @Test
  void medianOfAnyDepthFromTheSample() {
    Mat m = new Mat(1000, 1000, CvType.CV_16U);
    short[] values = new short[1_000_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (short) (i % 1000); // 0..999 evenly: median 499.5
    }
    m.put(0, 0, values);
    assertEquals(499.5, Stats.medianSampled(m), 15);
    m.release();
  }
}
