package org.roentgen.dicom.testkit;

/**
 * The drawings of the synthetic exams: each view's body outline, soft tissue, bones and textures on
 * a {@link ClinicalCanvas}, and where the collimator blades go. A blade is set only on a side the
 * body does not cross, with air between body and blade, as a technologist collimates; the body may
 * leave the image on the other sides (the trunk above and below a chest, the leg above and below a
 * knee). Proportions are drawn from the canvas' random numbers, within anatomical limits.
 */
final class ClinicalAnatomy {
  /** One view's drawing. */
  enum Drawing {
    CHEST_PA,
    CHEST_LATERAL,
    KNEE_AP,
    KNEE_LATERAL,
    HAND_PA,
    HAND_OBLIQUE,
    BREAST_CC,
    BREAST_MLO
  }

  /** The smallest radius of a hand's bone, in pixels. */
  static final int MIN_BONE_PX = 7;

  private ClinicalAnatomy() {}

  /** Draws the view and returns its exposed field. */
  static ClinicalDetector.Field draw(Drawing d, ClinicalCanvas c) {
    float[] coarse = c.smoothNoise(6);
    float[] fine = c.smoothNoise(1.2);
    return switch (d) {
      case CHEST_PA -> chestPa(c, coarse, fine);
      case CHEST_LATERAL -> chestLateral(c, coarse, fine);
      case KNEE_AP -> kneeAp(c, coarse, fine);
      case KNEE_LATERAL -> kneeLateral(c, coarse, fine);
      case HAND_PA -> hand(c, coarse, fine, false);
      case HAND_OBLIQUE -> hand(c, coarse, fine, true);
      case BREAST_CC -> breast(c, coarse, fine, false);
      case BREAST_MLO -> breast(c, coarse, fine, true);
    };
  }

  private static ClinicalDetector.Field chestPa(ClinicalCanvas c, float[] coarse, float[] fine) {
    double half = c.between(0.34, 0.38);
    c.dome(0.5, 0.62, half, 0.78, 0, c.between(0.85, 1.0), 0.12);
    c.dome(0.48, 0.55, 0.09, 0.42, 0, 0.3, 0);
    c.dome(0.44 + c.between(-0.01, 0.01), 0.66, c.between(0.14, 0.17), 0.12, -15, 0.45, 0);
    double lungLength = c.between(0.25, 0.29);
    c.dome(0.32, 0.44, 0.12, lungLength, 4, -0.55, -0.08);
    c.dome(0.665, 0.45, 0.115, lungLength - 0.01, -4, -0.55, -0.08);
    c.texture(coarse, 0.05, 0.3);
    c.texture(fine, 0.025, 0.3);
    float[] trabecular = c.smoothNoise(0.8);
    // Never quite vertical: a cortex line along one column would be a detector's line defect.
    double tilt = c.between(0.03, 0.05) * (c.random().nextBoolean() ? 1 : -1);
    c.tube(0.49 + tilt, -0.6, 0.034, 0.49 - tilt, 1.6, 0.038, 0.5, 0.5, 0.05, trabecular, 0.04);
    double v = c.between(0.17, 0.2);
    for (int i = 0; i < 10; i++) {
      double gap = 0.05 + 0.004 * i + c.between(-0.004, 0.004);
      double r = c.between(0.27, 0.31);
      c.arc(0.475, v + r - 0.02, r, 188, 262, 0.022, 0.12);
      c.arc(0.505, v + r - 0.02 + c.between(-0.005, 0.005), r, 278, 352, 0.022, 0.12);
      v += gap;
    }
    c.tube(0.45, 0.17, 0.014, 0.22, 0.12, 0.012, 0.35, 0.4, 0.04, trabecular, 0.03);
    c.tube(0.53, 0.17, 0.014, 0.77, 0.125, 0.012, 0.35, 0.4, 0.04, trabecular, 0.03);
    return sides(c, true, true, false, false);
  }

  private static ClinicalDetector.Field chestLateral(
      ClinicalCanvas c, float[] coarse, float[] fine) {
    c.dome(0.5, 0.62, c.between(0.28, 0.32), 0.78, 0, c.between(1.15, 1.3), 0.12);
    c.dome(0.53, 0.45, 0.19, c.between(0.27, 0.3), 0, -0.7, -0.12);
    c.dome(0.41, 0.63, 0.12, 0.12, 20, 0.4, 0);
    c.texture(coarse, 0.05, 0.3);
    c.texture(fine, 0.025, 0.3);
    float[] trabecular = c.smoothNoise(0.8);
    // Vertebrae grow towards the lumbar spine: their spacing is never a period (grid lines).
    double v = -0.1;
    while (v < 1.5) {
      double u = 0.69 + 0.02 * Math.sin(v * 3);
      double height = 0.036 + 0.012 * (v + 0.1) + c.between(-0.003, 0.003);
      double r = 0.03 + 0.004 * (v + 0.1);
      c.tube(u, v, r, u + 0.004, v + height, r + 0.001, 0.45, 0.5, 0.08, trabecular, 0.04);
      v += height + c.between(0.01, 0.02);
    }
    c.tube(0.25, 0.28, 0.012, 0.27, 0.6, 0.012, 0.25, 0.3, 0.03, trabecular, 0.03);
    return sides(c, true, true, false, false);
  }

  private static ClinicalDetector.Field kneeAp(ClinicalCanvas c, float[] coarse, float[] fine) {
    c.tube(
        0.5, -0.8, c.between(0.26, 0.28), 0.5, 1.8, 0.17, c.between(0.85, 1.0), 0, 0.12, null, 0);
    c.texture(coarse, 0.05, 0.3);
    c.texture(fine, 0.025, 0.3);
    float[] trabecular = c.smoothNoise(0.7);
    c.tube(0.545, -0.8, 0.055, 0.5, 0.38, 0.065, 0.55, 0.55, 0.1, trabecular, 0.05);
    c.dome(0.5, 0.405, 0.12, 0.06, 0, 0.35, 0.05);
    c.dome(0.44, 0.445, 0.065, 0.055, 0, 0.3, 0.04);
    c.dome(0.565, 0.445, 0.06, 0.055, 0, 0.3, 0.04);
    c.dome(0.5, 0.41, 0.048, 0.06, 0, 0.2, 0.03);
    c.dome(0.5, 0.535, 0.125, 0.032, 0, 0.4, 0.05);
    c.tube(0.5, 0.55, 0.075, 0.535, 1.8, 0.048, 0.55, 0.55, 0.1, trabecular, 0.05);
    c.dome(0.385, 0.58, 0.03, 0.028, 0, 0.25, 0.04);
    c.tube(0.39, 0.59, 0.022, 0.43, 1.8, 0.015, 0.3, 0.4, 0.04, trabecular, 0.03);
    return sides(c, true, true, false, false);
  }

  private static ClinicalDetector.Field kneeLateral(
      ClinicalCanvas c, float[] coarse, float[] fine) {
    c.tube(
        0.5, -0.8, c.between(0.26, 0.28), 0.5, 1.8, 0.17, c.between(0.85, 1.0), 0, 0.12, null, 0);
    c.texture(coarse, 0.05, 0.3);
    c.texture(fine, 0.025, 0.3);
    float[] trabecular = c.smoothNoise(0.7);
    c.tube(0.56, -0.8, 0.055, 0.525, 0.4, 0.065, 0.55, 0.55, 0.1, trabecular, 0.05);
    c.dome(0.535, 0.445, 0.1, 0.075, 10, 0.45, 0.05);
    c.dome(0.37, 0.42, 0.035, 0.07, -10, 0.3, 0.04);
    c.dome(0.52, 0.54, 0.11, 0.032, -5, 0.4, 0.05);
    c.tube(0.53, 0.56, 0.07, 0.56, 1.8, 0.048, 0.55, 0.55, 0.1, trabecular, 0.05);
    c.tube(0.6, 0.58, 0.02, 0.635, 1.8, 0.015, 0.25, 0.4, 0.03, trabecular, 0.03);
    return sides(c, true, true, false, false);
  }

  private static ClinicalDetector.Field hand(
      ClinicalCanvas c, float[] coarse, float[] fine, boolean oblique) {
    double squeeze = oblique ? 0.55 : 1;
    c.dome(0.5, 0.66, oblique ? 0.12 : 0.17, 0.15, 0, 0.45, 0.1);
    c.tube(0.5, 0.76, 0.12, 0.5, 1.8, 0.14, 0.7, 0, 0.1, null, 0);
    double[] base = {0.38, 0.46, 0.54, 0.62};
    for (int i = 0; i < 4; i++) {
      base[i] += c.between(-0.012, 0.012); // fingers are not evenly spaced: no period
    }
    double[] tip = {0.2, 0.17, 0.19, 0.26};
    double[] tipU = new double[4];
    double[] baseU = new double[4];
    for (int i = 0; i < 4; i++) {
      baseU[i] = 0.5 + (base[i] - 0.5) * squeeze;
      tipU[i] = 0.5 + (base[i] - 0.5) * squeeze * 1.4 + c.between(-0.01, 0.01);
      tip[i] += c.between(-0.01, 0.01);
      c.tube(baseU[i], 0.54, 0.032, tipU[i], tip[i], 0.025, 0.28, 0, 0.1, null, 0);
    }
    double thumbU = oblique ? 0.7 : 0.8;
    c.tube(0.63, 0.7, 0.04, thumbU, 0.44, 0.03, 0.3, 0, 0.1, null, 0);
    c.texture(coarse, 0.04, 0.2);
    c.texture(fine, 0.02, 0.2);
    float[] trabecular = c.smoothNoise(0.5);
    for (int i = 0; i < 4; i++) {
      double carpalU = 0.5 + (base[i] - 0.5) * 0.45;
      double u0 = baseU[i];
      bone(c, carpalU, 0.75, u0, 0.54, 0.018, trabecular);
      double length = 0.53 - tip[i] - 0.03;
      double[] shares = {0.45, 0.3, 0.25};
      double[] radii = {0.014, 0.012, 0.01};
      double from = 0.525;
      for (int k = 0; k < 3; k++) {
        double to = from - length * shares[k] + 0.008;
        double t0 = (0.54 - from) / (0.54 - tip[i]);
        double t1 = (0.54 - to) / (0.54 - tip[i]);
        double ua = u0 + (tipU[i] - u0) * t0;
        double ub = u0 + (tipU[i] - u0) * t1;
        bone(c, ua, from, ub, to, radii[k], trabecular);
        from = to - 0.012;
      }
    }
    bone(c, 0.6, 0.74, 0.68, 0.6, 0.017, trabecular);
    bone(c, 0.69, 0.585, thumbU - 0.05, 0.515, 0.014, trabecular);
    bone(c, thumbU - 0.045, 0.5, thumbU - 0.01, 0.455, 0.012, trabecular);
    for (int row = 0; row < 2; row++) {
      for (int k = 0; k < 4; k++) {
        double u = 0.5 + (k - 1.5) * (oblique ? 0.03 : 0.045) + c.between(-0.004, 0.004);
        double v = 0.785 + row * 0.045 + c.between(-0.004, 0.004);
        c.dome(u, v, 0.022, 0.02, 30 * k, 0.3, 0.04);
      }
    }
    bone(c, 0.56, 0.86, 0.585, 1.8, 0.04, trabecular);
    bone(c, 0.43, 0.87, 0.405, 1.8, 0.026, trabecular);
    return sides(c, true, true, true, false);
  }

  /**
   * A small bone of the hand, at least {@value #MIN_BONE_PX} pixels in radius: on a small image a
   * finger's bone would otherwise be a speck a QC reader takes for a detector defect.
   */
  private static void bone(
      ClinicalCanvas c, double u1, double v1, double u2, double v2, double r, float[] texture) {
    double radius = Math.max(r, MIN_BONE_PX / c.len(1));
    c.tube(u1, v1, radius, u2, v2, radius * 0.85, 0.35, 0.5, 0.05, texture, 0.04);
  }

  /**
   * A breast against the chest wall at the right edge (the left edge when mirrored): compressed,
   * with fibroglandular tissue densest behind the nipple; the MLO view adds the pectoral muscle in
   * the upper corner.
   */
  private static ClinicalDetector.Field breast(
      ClinicalCanvas c, float[] coarse, float[] fine, boolean mlo) {
    double wall = c.rightEdge();
    double depth = c.between(0.55, 0.65);
    double v = mlo ? 0.56 : 0.5;
    double av = mlo ? 0.42 : 0.4;
    c.slab(wall, v, depth, av, c.unitsOfMm(c.between(6, 9)), c.between(0.9, 1.1), 0.22);
    float[] glandular = c.smoothNoise(3);
    float[] strands = c.smoothNoise(0.8);
    double wallX = c.px(wall);
    double cy = c.py(v);
    double rx = c.len(depth);
    double ry = c.len(av);
    for (int y = 0; y < c.height; y++) {
      int row = y * c.width;
      double q = (y - cy) / ry;
      for (int x = 0; x < c.width; x++) {
        int i = row + x;
        if (c.a[i] <= 0) {
          continue;
        }
        double p = (x - wallX) / rx;
        double r2 = p * p + q * q;
        double weight = Math.max(0, 1 - r2 * 1.3);
        // Fibroglandular tissue: patches with crisp borders (Cooper's ligaments), denser towards
        // the nipple's axis.
        double g = 0.6 * coarse[i] + 0.5 * glandular[i] + 0.25 * strands[i] + 0.2;
        if (g > 0) {
          c.a[i] += (float) (weight * (0.14 + 0.08 * Math.min(g, 1.5)));
        }
        c.a[i] = (float) Math.max(0.02, c.a[i] + 0.015 * fine[i]);
      }
    }
    if (mlo) {
      c.pectoral(wall, c.between(0.22, 0.3), c.between(0.55, 0.65), 0.35);
    }
    return sides(c, true, false, !mlo, true);
  }

  /**
   * The field with blades on the sides asked for ({@code left} meaning the nipple side of a breast
   * drawn mirrored, the side as drawn otherwise), each 2.5% to 7% of the image in.
   */
  private static ClinicalDetector.Field sides(
      ClinicalCanvas c, boolean left, boolean right, boolean top, boolean bottom) {
    int x0 = left ? margin(c, c.width) : 0;
    int x1 = c.width - (right ? margin(c, c.width) : 0);
    int y0 = top ? margin(c, c.height) : 0;
    int y1 = c.height - (bottom ? margin(c, c.height) : 0);
    if (c.px(0) > c.px(1)) {
      // Mirrored: the drawing's left is the image's right.
      int w = c.width;
      int nx0 = w - x1;
      int nx1 = w - x0;
      x0 = nx0;
      x1 = nx1;
    }
    return new ClinicalDetector.Field(x0, y0, x1, y1);
  }

  private static int margin(ClinicalCanvas c, int side) {
    return (int) Math.round(side * c.between(0.025, 0.07));
  }
}
