package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The 8-connected components of a binary mask with their boxes and areas, as OpenCV's labelling
 * gives them (same components, same order: by their first pixel in raster order), without a label
 * image when the mask is sparse: a few thousand set pixels of a 4-megapixel mask are grouped from
 * their coordinates (union-find) instead of labelling every pixel, which costs 16 MB of labels and
 * most of the time.
 */
final class Components {
  /** Up to this many set pixels the mask counts as sparse. */
  static final int SPARSE = 65_536;

  /** Per component, five ints: left, top, width, height, area. */
  static final int FIELDS = 5;

  private Components() {}

  /**
   * @param mask CV_8UC1, non-zero where set
   * @return the components' {left, top, width, height, area}, one after the other
   */
  static int[] of(Mat mask, Mats mats) {
    int set = Core.countNonZero(mask);
    if (set == 0) {
      return new int[0];
    }
    return set <= SPARSE ? sparse(mask, set, mats) : labelled(mask, mats);
  }

  private static int[] labelled(Mat mask, Mats mats) {
    Mat labels = mats.mat();
    Mat stats = mats.mat();
    Mat centroids = mats.mat();
    int n =
        Imgproc.connectedComponentsWithStatsWithAlgorithm(
            mask, labels, stats, centroids, 8, CvType.CV_32S, Imgproc.CCL_SPAGHETTI);
    int[] all = new int[n * FIELDS];
    stats.get(0, 0, all);
    int[] out = new int[(n - 1) * FIELDS];
    for (int c = 1; c < n; c++) {
      out[(c - 1) * FIELDS] = all[c * FIELDS + Imgproc.CC_STAT_LEFT];
      out[(c - 1) * FIELDS + 1] = all[c * FIELDS + Imgproc.CC_STAT_TOP];
      out[(c - 1) * FIELDS + 2] = all[c * FIELDS + Imgproc.CC_STAT_WIDTH];
      out[(c - 1) * FIELDS + 3] = all[c * FIELDS + Imgproc.CC_STAT_HEIGHT];
      out[(c - 1) * FIELDS + 4] = all[c * FIELDS + Imgproc.CC_STAT_AREA];
    }
    return out;
  }

  private static int[] sparse(Mat mask, int set, Mats mats) {
    Mat points = mats.mat();
    Core.findNonZero(mask, points);
    int[] xy = new int[set * 2];
    points.get(0, 0, xy);
    int cols = mask.cols();
    // Raster order: the linear indices ascend, so neighbours are found by binary search.
    long[] index = new long[set];
    for (int i = 0; i < set; i++) {
      index[i] = (long) xy[2 * i + 1] * cols + xy[2 * i];
    }
    int[] parent = new int[set];
    for (int i = 0; i < set; i++) {
      parent[i] = i;
      int x = xy[2 * i];
      int y = xy[2 * i + 1];
      // The neighbours already seen: left, and the three above.
      if (x > 0) {
        union(parent, i, find(index, i, index[i] - 1));
      }
      if (y > 0) {
        long above = index[i] - cols;
        for (int dx = -1; dx <= 1; dx++) {
          if (x + dx >= 0 && x + dx < cols) {
            union(parent, i, find(index, i, above + dx));
          }
        }
      }
    }
    // Components numbered by their first pixel (a root is always its component's first pixel).
    int[] number = new int[set];
    int n = 0;
    for (int i = 0; i < set; i++) {
      int r = root(parent, i);
      if (r == i) {
        number[i] = n++;
      }
    }
    int[] left = new int[n];
    int[] top = new int[n];
    int[] right = new int[n];
    int[] bottom = new int[n];
    int[] area = new int[n];
    java.util.Arrays.fill(left, Integer.MAX_VALUE);
    java.util.Arrays.fill(top, Integer.MAX_VALUE);
    java.util.Arrays.fill(right, -1);
    java.util.Arrays.fill(bottom, -1);
    for (int i = 0; i < set; i++) {
      int c = number[root(parent, i)];
      int x = xy[2 * i];
      int y = xy[2 * i + 1];
      left[c] = Math.min(left[c], x);
      top[c] = Math.min(top[c], y);
      right[c] = Math.max(right[c], x);
      bottom[c] = Math.max(bottom[c], y);
      area[c]++;
    }
    int[] out = new int[n * FIELDS];
    for (int c = 0; c < n; c++) {
      out[c * FIELDS] = left[c];
      out[c * FIELDS + 1] = top[c];
      out[c * FIELDS + 2] = right[c] - left[c] + 1;
      out[c * FIELDS + 3] = bottom[c] - top[c] + 1;
      out[c * FIELDS + 4] = area[c];
    }
    return out;
  }

  /** The position of linear index {@code target} among the first {@code before} points, or -1. */
  private static int find(long[] index, int before, long target) {
    int at = java.util.Arrays.binarySearch(index, 0, before, target);
    return at >= 0 ? at : -1;
  }

  private static void union(int[] parent, int a, int b) {
    if (b < 0) {
      return;
    }
    int ra = root(parent, a);
    int rb = root(parent, b);
    // The smaller index (the earlier pixel) stays the root.
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
