package org.roentgen.dicom.testkit;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.roentgen.dicom.testkit.ClinicalAnatomy.Drawing;

/**
 * One synthetic study of {@link ClinicalRadiographs}: the exam ordered, the side, the patient
 * (fake: names from short lists, no real person), the identifiers and the schedule, all following
 * from the study number and the seed.
 *
 * @param side L or R for a paired body part, null otherwise
 * @param tag four letters from the seed in every identifier, so that sets of different seeds can
 *     share one worklist without colliding
 */
record ClinicalStudy(
    int number,
    Exam exam,
    String side,
    String patientId,
    String patientName,
    LocalDate birthDate,
    String sex,
    int age,
    String accessionNumber,
    String requestedProcedureId,
    String stepId,
    String studyId,
    String studyInstanceUid,
    LocalDate date,
    LocalTime time,
    boolean stat,
    String tag) {

  /** One view of an exam: its name in descriptions, its drawing and technique. */
  record View(String name, Drawing drawing, String position, double kvp, double mas) {}

  /**
   * An exam: modality, body part (CID 4031 term and SNOMED CT code), whether the part is paired,
   * the procedure's name ({@code %s} is the side's word) and its views.
   */
  record Exam(
      String modality,
      String bodyPart,
      String code,
      String meaning,
      boolean paired,
      String procedure,
      int sourceToDetectorMm,
      String positionerType,
      List<View> views) {}

  static final Exam CR_CHEST =
      new Exam(
          "CR",
          "CHEST",
          "51185008",
          "Chest",
          false,
          "XR CHEST PA AND LATERAL",
          1800,
          "NONE",
          List.of(
              new View("PA", Drawing.CHEST_PA, "PA", 120, 2.0),
              new View("LAT", Drawing.CHEST_LATERAL, "LL", 120, 5.0)));
  static final Exam CR_KNEE =
      new Exam(
          "CR",
          "KNEE",
          "72696002",
          "Knee",
          true,
          "XR KNEE %s 2 VIEWS",
          1150,
          "NONE",
          List.of(
              new View("AP", Drawing.KNEE_AP, "AP", 65, 5.0),
              new View("LAT", Drawing.KNEE_LATERAL, null, 63, 4.0)));
  static final Exam DX_HAND =
      new Exam(
          "DX",
          "HAND",
          "85562004",
          "Hand",
          true,
          "XR HAND %s 2 VIEWS",
          1150,
          "NONE",
          List.of(
              new View("PA", Drawing.HAND_PA, "PA", 55, 2.0),
              new View("PA OBLIQUE", Drawing.HAND_OBLIQUE, "PA", 55, 2.2)));
  static final Exam DX_CHEST =
      new Exam(
          "DX",
          "CHEST",
          "51185008",
          "Chest",
          false,
          "XR CHEST PA AND LATERAL",
          1800,
          "COLUMN",
          List.of(
              new View("PA", Drawing.CHEST_PA, "PA", 125, 1.6),
              new View("LAT", Drawing.CHEST_LATERAL, "LL", 125, 4.0)));
  static final Exam MG_BREAST =
      new Exam(
          "MG",
          "BREAST",
          "76752008",
          "Breast",
          true,
          "MG DIAGNOSTIC MAMMOGRAPHY %s",
          650,
          "MAMMOGRAPHIC",
          List.of(
              new View("CC", Drawing.BREAST_CC, "CC", 29, 90),
              new View("MLO", Drawing.BREAST_MLO, "MLO", 30, 110)));

  private static final String[] MODALITIES = {"CR", "DX", "MG"};
  private static final String[] FAMILY = {
    "ANDERSEN", "BAKER", "CASTILLO", "DUBOIS", "EKSTROM", "FISCHER", "GARNER", "HOLM", "IVERS",
    "JANSEN", "KOVAC", "LINDQVIST", "MORENO", "NAKAMURA", "OKAFOR", "PETROV", "QUINN", "ROSSI",
    "SANTOS", "TANAKA", "URBAN", "VOGEL", "WALSH", "YILMAZ", "ZIMMER"
  };
  private static final String[] GIVEN_F = {
    "ANNA", "BEATRIZ", "CLARA", "DORA", "ELENA", "FIONA", "GRETA", "HANNA", "INES", "JULIA",
    "KAREN", "LENA", "MARTA", "NORA", "OLGA"
  };
  private static final String[] GIVEN_M = {
    "ADAM", "BORIS", "CARLOS", "DAVID", "EMIL", "FELIX", "GUSTAV", "HENRIK", "IVAN", "JONAS",
    "KARL", "LUKAS", "MARCO", "NILS", "OSCAR"
  };

  /** The modality of study {@code number}: CR, DX, MG in turn. */
  static String modality(int number) {
    return MODALITIES[Math.floorMod(number, MODALITIES.length)];
  }

  static ClinicalStudy of(int number, long seed, LocalDate day, double statShare) {
    SplittableRandom r = new SplittableRandom(mix(mix(seed) + number));
    int round = Math.floorMod(number / MODALITIES.length, 2);
    Exam exam =
        switch (modality(number)) {
          case "CR" -> round == 0 ? CR_CHEST : CR_KNEE;
          case "DX" -> round == 0 ? DX_HAND : DX_CHEST;
          default -> MG_BREAST;
        };
    String side = exam.paired() ? (r.nextBoolean() ? "L" : "R") : null;
    boolean mg = exam.modality().equals("MG");
    String sex = mg || r.nextBoolean() ? "F" : "M";
    int age = mg ? 40 + r.nextInt(36) : 20 + r.nextInt(66);
    LocalDate birth = day.minusYears(age).minusDays(1 + r.nextInt(364));
    String[] given = sex.equals("F") ? GIVEN_F : GIVEN_M;
    String name = FAMILY[r.nextInt(FAMILY.length)] + "^" + given[r.nextInt(given.length)];
    String tag = tag(seed);
    String n = String.format(Locale.ROOT, "%06d", number);
    LocalTime time = LocalTime.of(7, 0).plusMinutes((number % 100) * 7L).plusSeconds(r.nextInt(60));
    boolean stat = r.nextDouble() < statShare;
    return new ClinicalStudy(
        number,
        exam,
        side,
        "P" + tag + n,
        name,
        birth,
        sex,
        age,
        "A" + tag + n,
        "RP" + tag + n,
        "SPS" + tag + n,
        Integer.toString(number + 1),
        uid(r),
        day,
        time,
        stat,
        tag);
  }

  /** The side as a word (LEFT, RIGHT), or null. */
  String sideWord() {
    return side == null ? null : side.equals("L") ? "LEFT" : "RIGHT";
  }

  /** The requested procedure, e.g. "XR KNEE LEFT 2 VIEWS". */
  String procedure() {
    return side == null ? exam.procedure() : String.format(exam.procedure(), sideWord());
  }

  /** The view's ViewPosition: a lateral knee is RL or LL, the side against the detector. */
  String viewPosition(View v) {
    return v.position() != null ? v.position() : side + "L";
  }

  /**
   * SplitMix64's finaliser: nearby inputs give unrelated outputs. A seed derived as {@code seed ^
   * (GAMMA * n)} would not do: SplittableRandom steps by that same gamma, so the sequences of
   * neighbouring studies would overlap and different patients share a Study Instance UID.
   */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Four letters from the seed. */
  private static String tag(long seed) {
    long h = seed * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
    h ^= h >>> 29;
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) ('A' + (int) Math.floorMod(h, 26L));
      h /= 26;
    }
    return new String(c);
  }

  /** A 2.25 UID (PS3.5 B.2) from 128 random bits. */
  static String uid(SplittableRandom r) {
    byte[] b = new byte[16];
    r.nextBytes(b);
    return "2.25." + new BigInteger(1, b);
  }
}
