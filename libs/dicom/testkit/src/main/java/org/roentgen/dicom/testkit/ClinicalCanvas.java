package org.roentgen.dicom.testkit;

import java.util.SplittableRandom;

/**
 * The attenuation map of a synthetic radiograph being drawn: the line integral of the attenuation
 * coefficient (transmission = exp(-a)) at every pixel, with the shapes the anatomy is made of. A
 * position is given in units of the image's shorter side ({@code (0.5, 0.5)} is the centre), a
 * length in the same unit, so a drawing looks the same at every size. Mutable; one image at a time.
 */
final class ClinicalCanvas {
  final int width;
  final int height;
  final double spacingMm;
  final float[] a;
  private final double unit;
  private final SplittableRandom rnd;
  private final boolean mirrored;

  /**
   * @param mirrored true to draw the mirror image (left and right exchanged): one drawing serves
   *     both sides of a paired body part
   */
  ClinicalCanvas(int width, int height, double spacingMm, SplittableRandom rnd, boolean mirrored) {
    this.width = width;
    this.height = height;
    this.spacingMm = spacingMm;
    this.a = new float[width * height];
    this.unit = Math.min(width, height);
    this.rnd = rnd;
    this.mirrored = mirrored;
  }

  SplittableRandom random() {
    return rnd;
  }

  /** A uniform number in [lo, hi). */
  double between(double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  double px(double u) {
    double x = width / 2.0 + (u - 0.5) * unit;
    return mirrored ? width - 1 - x : x;
  }

  double py(double v) {
    return height / 2.0 + (v - 0.5) * unit;
  }

  /** The u of the image's right edge (left edge when mirrored). */
  double rightEdge() {
    return 0.5 + width / (2.0 * unit);
  }

  /** The v of the image's bottom edge. */
  double bottomEdge() {
    return 0.5 + height / (2.0 * unit);
  }

  /**
   * A compressed breast seen from above or the side: inside the ellipse, {@code step} (the skin)
   * plus {@code peak} x the thickness, constant except within {@code roll} of the outline where it
   * falls off as a half circle (the compression paddle leaves the edge round).
   */
  void slab(double u, double v, double au, double av, double roll, double peak, double step) {
    double cx = px(u);
    double cy = py(v);
    double rx = len(au);
    double ry = len(av);
    double edge = len(roll);
    double minAxis = Math.min(rx, ry);
    int x0 = clampX(cx - rx);
    int x1 = clampX(cx + rx);
    int y0 = clampY(cy - ry);
    int y1 = clampY(cy + ry);
    for (int y = y0; y <= y1; y++) {
      double q = (y - cy) / ry;
      int row = y * width;
      for (int x = x0; x <= x1; x++) {
        double p = (x - cx) / rx;
        double r2 = p * p + q * q;
        if (r2 >= 1) {
          continue;
        }
        double d = (1 - Math.sqrt(r2)) * minAxis;
        double t = d >= edge ? 1 : Math.sqrt(1 - (1 - d / edge) * (1 - d / edge));
        a[row + x] += (float) (step + peak * t);
      }
    }
  }

  /**
   * The pectoral muscle of a mediolateral oblique view: the triangle between the chest wall at
   * {@code wallU}, the top edge and the line from ({@code wallU - depth}, top) to ({@code wallU},
   * {@code bottomV}); {@code peak} inside, a sharp edge.
   */
  void pectoral(double wallU, double depth, double bottomV, double peak) {
    double top = py(0.5 - height / (2.0 * unit));
    double yEnd = py(bottomV);
    double wall = px(wallU);
    double reach = len(depth);
    for (int y = 0; y < height && y < yEnd; y++) {
      double extent = reach * (1 - (y - top) / (yEnd - top));
      int row = y * width;
      for (int x = 0; x < width; x++) {
        double inward = Math.abs(wall - x);
        if (inward < extent) {
          double f = Math.min(1, (extent - inward) / Math.max(1, 0.15 * reach));
          a[row + x] += (float) (peak * (0.6 + 0.4 * f));
        }
      }
    }
  }

  /** A length in pixels. */
  double len(double l) {
    return l * unit;
  }

  /** Millimetres in the unit of positions and lengths. */
  double unitsOfMm(double mm) {
    return mm(mm) / unit;
  }

  /** Millimetres in pixels. */
  double mm(double mm) {
    return mm / spacingMm;
  }

  /**
   * A body of elliptic cross-section seen from the front: inside the ellipse, {@code step} (the
   * skin: a sharp edge) plus {@code peak} x the thickness profile sqrt(1 - r^2).
   */
  void dome(double u, double v, double au, double av, double angleDeg, double peak, double step) {
    double cx = px(u);
    double cy = py(v);
    double rx = len(au);
    double ry = len(av);
    double t = Math.toRadians(mirrored ? -angleDeg : angleDeg);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    double reach = Math.max(rx, ry);
    int x0 = clampX(cx - reach);
    int x1 = clampX(cx + reach);
    int y0 = clampY(cy - reach);
    int y1 = clampY(cy + reach);
    for (int y = y0; y <= y1; y++) {
      double dy = y - cy;
      int row = y * width;
      for (int x = x0; x <= x1; x++) {
        double dx = x - cx;
        double p = (dx * cos + dy * sin) / rx;
        double q = (-dx * sin + dy * cos) / ry;
        double r2 = p * p + q * q;
        if (r2 < 1) {
          a[row + x] += (float) (step + peak * Math.sqrt(1 - r2));
        }
      }
    }
  }

  /**
   * A long bone or a limb: a tube around the segment from (u1, v1) to (u2, v2) whose radius goes
   * from r1 to r2, with rounded ends. Its projection is the chord through a cylinder, {@code peak}
   * at the axis; {@code hollow} (0..1) takes the marrow out as a share of the radius, leaving the
   * denser cortex at the edges; {@code step} adds a constant inside (a sharp outline); {@code
   * texture}, when not null, adds {@code textureAmp} x texture inside the marrow (trabeculae).
   */
  void tube(
      double u1,
      double v1,
      double r1,
      double u2,
      double v2,
      double r2,
      double peak,
      double hollow,
      double step,
      float[] texture,
      double textureAmp) {
    double x1 = px(u1);
    double y1 = py(v1);
    double x2 = px(u2);
    double y2 = py(v2);
    double ra = len(r1);
    double rb = len(r2);
    double reach = Math.max(ra, rb) + 1;
    int bx0 = clampX(Math.min(x1, x2) - reach);
    int bx1 = clampX(Math.max(x1, x2) + reach);
    int by0 = clampY(Math.min(y1, y2) - reach);
    int by1 = clampY(Math.max(y1, y2) + reach);
    double dx = x2 - x1;
    double dy = y2 - y1;
    double l2 = Math.max(1e-9, dx * dx + dy * dy);
    for (int y = by0; y <= by1; y++) {
      int row = y * width;
      for (int x = bx0; x <= bx1; x++) {
        double t = ((x - x1) * dx + (y - y1) * dy) / l2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = x - (x1 + t * dx);
        double ey = y - (y1 + t * dy);
        double d2 = ex * ex + ey * ey;
        double r = ra + (rb - ra) * t;
        double rr = r * r;
        if (d2 >= rr) {
          continue;
        }
        double outer = Math.sqrt(1 - d2 / rr);
        double value = step + peak * outer;
        if (hollow > 0) {
          double ri = r * hollow;
          double ri2 = ri * ri;
          if (d2 < ri2) {
            double inner = Math.sqrt(1 - d2 / ri2) * hollow;
            value -= 0.6 * peak * inner;
            if (texture != null) {
              value += textureAmp * texture[row + x] * inner;
            }
          }
        }
        a[row + x] += (float) value;
      }
    }
  }

  /**
   * A rib: a band of width {@code w} along the arc of the circle at (u, v) with radius {@code r}
   * from angle {@code from} to {@code to} (degrees, 0 = +u, 90 = +v), a flat tube in section.
   */
  void arc(double u, double v, double r, double from, double to, double w, double peak) {
    double cx = px(u);
    double cy = py(v);
    double rad = len(r);
    double half = len(w) / 2;
    double lo = Math.toRadians(Math.min(from, to));
    double hi = Math.toRadians(Math.max(from, to));
    double outer = rad + half;
    double inner = Math.max(0, rad - half);
    // The rows the arc's angles reach, not the whole circle's.
    double top = Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (int k = 0; k <= 32; k++) {
      double y = cy + rad * Math.sin(lo + (hi - lo) * k / 32);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    int y0 = clampY(Math.max(cy - outer, top - half - 1));
    int y1 = clampY(Math.min(cy + outer, bottom + half + 1));
    for (int y = y0; y <= y1; y++) {
      double dy = y - cy;
      double dy2 = dy * dy;
      if (dy2 >= outer * outer) {
        continue;
      }
      // Only the annulus' pixels of this row: |dx| between the inner and the outer circle.
      double xo = Math.sqrt(outer * outer - dy2);
      double xi = dy2 < inner * inner ? Math.sqrt(inner * inner - dy2) : 0;
      int row = y * width;
      for (int sign = -1; sign <= 1; sign += 2) {
        int xa = clampX(cx + sign * xi);
        int xb = clampX(cx + sign * xo);
        for (int x = Math.min(xa, xb); x <= Math.max(xa, xb); x++) {
          double raw = x - cx;
          if (raw < 0 ? sign > 0 : sign < 0) {
            continue; // the other half's pixel
          }
          double dx = mirrored ? -raw : raw;
          double d = Math.sqrt(dx * dx + dy2) - rad;
          if (d <= -half || d >= half) {
            continue;
          }
          double ang = Math.atan2(dy, dx);
          if (ang < 0) {
            ang += 2 * Math.PI;
          }
          if (ang < lo || ang > hi) {
            continue;
          }
          double q = d / half;
          a[row + x] += (float) (peak * (0.35 + 0.65 * Math.sqrt(1 - q * q)));
        }
      }
    }
  }

  /** Adds {@code amp} x {@code texture} where the map already has attenuation, in proportion. */
  void texture(float[] texture, double amp, double fullAt) {
    for (int i = 0; i < a.length; i++) {
      float v = a[i];
      if (v > 0) {
        double w = v >= fullAt ? 1 : v / fullAt;
        a[i] = (float) Math.max(0, v + amp * w * texture[i]);
      }
    }
  }

  /**
   * Smooth noise of unit standard deviation whose features are about {@code cellMm} across: a
   * random lattice of that pitch interpolated by a cubic B-spline (separable, two passes), at a
   * random phase so that no two fields line up. Not periodic: lattice values are independent.
   */
  float[] smoothNoise(double cellMm) {
    double cell = Math.max(1.5, mm(cellMm));
    int gw = (int) Math.ceil(width / cell) + 4;
    int gh = (int) Math.ceil(height / cell) + 4;
    float[] g = new float[gw * gh];
    ClinicalDetector.gaussians(rnd, g, 0, g.length);
    double phaseX = rnd.nextDouble();
    double phaseY = rnd.nextDouble();
    // Pass 1: every lattice row interpolated along x to every pixel column.
    float[] rowsX = new float[gh * width];
    int[] base = new int[width];
    float[][] wx = new float[4][width];
    weights(width, cell, phaseX, base, wx);
    for (int j = 0; j < gh; j++) {
      int go = j * gw;
      int ro = j * width;
      for (int x = 0; x < width; x++) {
        int b = go + base[x];
        rowsX[ro + x] =
            wx[0][x] * g[b] + wx[1][x] * g[b + 1] + wx[2][x] * g[b + 2] + wx[3][x] * g[b + 3];
      }
    }
    // Pass 2: along y.
    int[] baseY = new int[height];
    float[][] wy = new float[4][height];
    weights(height, cell, phaseY, baseY, wy);
    float[] out = new float[width * height];
    double sum = 0;
    double sum2 = 0;
    for (int y = 0; y < height; y++) {
      int r0 = baseY[y] * width;
      float w0 = wy[0][y];
      float w1 = wy[1][y];
      float w2 = wy[2][y];
      float w3 = wy[3][y];
      int o = y * width;
      for (int x = 0; x < width; x++) {
        float v =
            w0 * rowsX[r0 + x]
                + w1 * rowsX[r0 + width + x]
                + w2 * rowsX[r0 + 2 * width + x]
                + w3 * rowsX[r0 + 3 * width + x];
        out[o + x] = v;
      }
      if ((y & 7) == 0) {
        for (int x = 0; x < width; x += 8) {
          double v = out[o + x];
          sum += v;
          sum2 += v * v;
        }
      }
    }
    double n = Math.max(1, ((height + 7) / 8) * ((width + 7) / 8));
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(1e-12, sum2 / n - mean * mean));
    float k = (float) (1 / sd);
    float m = (float) mean;
    for (int i = 0; i < out.length; i++) {
      out[i] = (out[i] - m) * k;
    }
    return out;
  }

  /** The cubic B-spline weights and lattice index of every pixel along one axis. */
  private static void weights(int n, double cell, double phase, int[] base, float[][] w) {
    for (int i = 0; i < n; i++) {
      double s = i / cell + phase;
      int b = (int) Math.floor(s);
      double t = s - b;
      double t2 = t * t;
      double t3 = t2 * t;
      base[i] = b;
      w[0][i] = (float) ((1 - t) * (1 - t) * (1 - t) / 6);
      w[1][i] = (float) ((3 * t3 - 6 * t2 + 4) / 6);
      w[2][i] = (float) ((-3 * t3 + 3 * t2 + 3 * t + 1) / 6);
      w[3][i] = (float) (t3 / 6);
    }
  }

  private int clampX(double x) {
    return (int) Math.max(0, Math.min(width - 1, Math.round(x)));
  }

  private int clampY(double y) {
    return (int) Math.max(0, Math.min(height - 1, Math.round(y)));
  }
}
