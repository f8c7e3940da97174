package org.roentgen.dicom.deid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.deid.PatientPseudonyms.Pseudonym;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;

/**
 * De-identifies datasets with the Basic Application Level Confidentiality Profile of PS3.15 annex E
 * (section E.2) and the options of {@link DeidentificationOptions}, following Table E.1-1 ({@link
 * BasicProfile}) in the dataset and in every sequence item, however deep.
 *
 * <ul>
 *   <li>X removes the attribute; Z empties it (a sequence loses its items); D gives it a dummy
 *       value ({@link DummyValues}); K keeps it, and the items of a kept sequence are de-identified
 *       in turn; C (an option's "clean") keeps it, see {@link
 *       DeidentificationOptions.Builder#cleanDescriptors()}.
 *   <li>U replaces each UID by {@link SiteKey#uid}, so the same original gives the same replacement
 *       in every instance and every run: a study's instances keep one Study Instance UID, and a
 *       Referenced SOP Instance UID in a sequence still points at the replaced SOP Instance UID.
 *       UIDs registered in PS3.6 (well-known frames of reference, palettes) are not identifying and
 *       are kept.
 *   <li>A combined code is applied as {@link Action#effective(boolean)}: without looking the IOD
 *       up, the alternative that keeps any Type conformant.
 *   <li>Patient's Name and Patient ID (Z) get the {@link PatientPseudonyms pseudonym} when there is
 *       one.
 *   <li>Private elements are removed, unless Retain Safe Private is selected and their block's
 *       private creator is one of the safe ones. Dataset group lengths are removed.
 *   <li>Attributes the table does not list are kept (their sequences de-identified).
 * </ul>
 *
 * <p>The result says what was done (PS3.15 E.1.1, PS3.3 C.12.1): Patient Identity Removed
 * (0012,0062) YES, De-identification Method (0012,0063) and De-identification Method Code Sequence
 * (0012,0064) with CID 7050's 113100 and the code of each option applied (113101, Clean Pixel Data,
 * is never claimed: pixel data are not touched, burned-in text included), and Longitudinal Temporal
 * Information Modified (0028,0303) REMOVED, or UNMODIFIED with Retain Full Dates.
 *
 * <p>Nothing is logged. Immutable and thread-safe.
 */
public final class Deidentifier {
  /** The first value this de-identifier writes in De-identification Method (LO, 64 at most). */
  static final String METHOD_PREFIX = "Roentgen ";

  private static final String YES = "YES";
  private static final String TEMPORAL_REMOVED = "REMOVED";
  private static final String TEMPORAL_UNMODIFIED = "UNMODIFIED";
  private static final String BASIC_PROFILE_CODE = "113100";
  private static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

  private final DeidentificationOptions options;
  private final BasicProfile profile;

  public Deidentifier(DeidentificationOptions options) {
    this(options, BasicProfile.standard());
  }

  Deidentifier(DeidentificationOptions options, BasicProfile profile) {
    this.options = options;
    this.profile = profile;
  }

  public DeidentificationOptions options() {
    return options;
  }

  /** A de-identified deep copy of {@code original}, which is left as it was. */
  public Attributes deidentify(Attributes original) {
    Attributes copy = new Attributes(original, original.isBigEndian());
    clean(copy);
    addMethod(copy);
    return copy;
  }

  /**
   * A de-identified file: the dataset de-identified and new file meta information whose Media
   * Storage SOP Instance UID (0002,0003, U in Table E.1-1) is the new SOP Instance UID. The pixel
   * data reference of a header-only read is passed on unchanged; a file read without meta
   * information gets none (see {@link #fileMetaFor}).
   */
  public DicomFile deidentify(DicomFile file) {
    Attributes dataset = deidentify(file.dataset());
    Attributes meta =
        file.fileMeta() == null
            ? null
            : fileMeta(file.fileMeta(), dataset, file.transferSyntax().uid());
    return new DicomFile(meta, dataset, file.transferSyntax(), file.pixelData());
  }

  /**
   * File meta information (PS3.10 table 7.1-1) for writing {@code deidentified} as a Part 10 file
   * in {@code transferSyntaxUid}: its SOP Class and SOP Instance UIDs as Media Storage SOP Class
   * and Instance UIDs, and this toolkit as implementation. Nothing of an original meta is carried
   * over, so no source AE title or private meta element survives.
   *
   * @throws IllegalArgumentException when the dataset has no SOP Class or SOP Instance UID
   */
  public static Attributes fileMetaFor(Attributes deidentified, String transferSyntaxUid) {
    String sopClass = deidentified.getString(Tag.SOPClassUID);
    String sopInstance = deidentified.getString(Tag.SOPInstanceUID);
    if (sopClass == null || sopInstance == null) {
      throw new IllegalArgumentException(
          "a dataset without SOP Class UID or SOP Instance UID has no Part 10 meta information");
    }
    return DicomOutputStream.createFileMetaInformation(sopClass, sopInstance, transferSyntaxUid);
  }

  /**
   * New meta for a file that had {@code original}: the dataset's SOP UIDs, or for a dataset without
   * them the original's Media Storage UIDs, the instance UID replaced as U says; the transfer
   * syntax the dataset was read in.
   */
  private Attributes fileMeta(
      Attributes original, Attributes deidentified, String transferSyntaxUid) {
    String sopClass = deidentified.getString(Tag.SOPClassUID);
    if (sopClass == null) {
      sopClass = original.getString(Tag.MediaStorageSOPClassUID, 0, "");
    }
    String sopInstance = deidentified.getString(Tag.SOPInstanceUID);
    if (sopInstance == null) {
      sopInstance = original.getString(Tag.MediaStorageSOPInstanceUID, 0, "");
      if (!options.has(ProfileOption.RETAIN_UIDS)) {
        sopInstance = replacementUid(sopInstance);
      }
    }
    return DicomOutputStream.createFileMetaInformation(sopClass, sopInstance, transferSyntaxUid);
  }

  /**
   * The replacement of {@code uid} (U): a registered PS3.6 UID is kept, any other is {@link
   * SiteKey#uid derived} from the site key. Without the Retain UIDs option, callers that keep UIDs
   * elsewhere (a database, a report) map them with this to stay consistent with the images.
   */
  public String replacementUid(String uid) {
    if (uid.isEmpty() || UidDictionary.lookup(uid) != null) {
      return uid;
    }
    return options.siteKey().uid(uid);
  }

  // ---- the table, element by element ---------------------------------------------------------

  private void clean(Attributes item) {
    Pseudonym pseudonym = pseudonymOf(item);
    for (int tag : item.tags()) {
      int i = item.indexOf(tag);
      if (i < 0) {
        continue;
      }
      if (Tags.isPrivate(tag)) {
        cleanPrivate(item, tag);
      } else if (Tags.isGroupLength(tag)) {
        item.remove(tag);
      } else {
        ProfileRule rule = profile.rule(tag);
        Action action =
            rule == null
                ? Action.K
                : rule.action(options.options()).effective(!item.containsValue(tag));
        apply(item, tag, item.vrAt(i), item.valueAt(i), action, pseudonym);
      }
    }
  }

  private void apply(
      Attributes item, int tag, VR vr, Object value, Action action, Pseudonym pseudonym) {
    switch (action) {
      case X -> item.remove(tag);
      case Z -> empty(item, tag, vr, pseudonym);
      case D -> dummy(item, tag, vr, value);
      case U -> replaceUids(item, tag, vr, value);
      default -> cleanItems(value);
    }
  }

  private void empty(Attributes item, int tag, VR vr, Pseudonym pseudonym) {
    if (pseudonym != null && tag == Tag.PatientName) {
      item.setString(tag, VR.PN, pseudonym.patientName());
    } else if (pseudonym != null && tag == Tag.PatientID) {
      item.setString(tag, VR.LO, pseudonym.patientId());
    } else {
      item.setNull(tag, vr);
    }
  }

  private void dummy(Attributes item, int tag, VR vr, Object value) {
    VR target = knownVr(tag, vr);
    if (target == VR.UI) {
      replaceUids(item, tag, vr, value);
    } else {
      DummyValues.set(item, tag, target, value);
    }
  }

  /**
   * U on a sequence (X/Z/U*) keeps it and replaces the UIDs its items hold; on a value, replaces
   * each UID. A value held as UN (an explicit VR file that did not know the attribute) is read as
   * the UIDs it holds and written back as UI.
   */
  private void replaceUids(Attributes item, int tag, VR vr, Object value) {
    if (value instanceof Sequence) {
      cleanItems(value);
      return;
    }
    String[] uids = vr == VR.UI ? item.getStrings(tag) : asciiValues(value);
    if (uids == null || uids.length == 0) {
      return;
    }
    String[] replaced = Arrays.stream(uids).map(this::replacementUid).toArray(String[]::new);
    item.setString(tag, VR.UI, replaced);
  }

  private static String[] asciiValues(Object value) {
    if (!(value instanceof byte[] b)) {
      return null;
    }
    String s = new String(b, StandardCharsets.US_ASCII).replaceAll("[\\x00 ]+$", "").strip();
    return s.isEmpty() ? new String[0] : s.split("\\\\", -1);
  }

  private void cleanItems(Object value) {
    if (value instanceof Sequence s) {
      for (Attributes child : s) {
        clean(child);
      }
    }
  }

  /** The VR to write a replacement with: the dictionary's when the element was held as UN. */
  private static VR knownVr(int tag, VR vr) {
    if (vr != VR.UN) {
      return vr;
    }
    VR known = ElementDictionary.vrOf(tag);
    return known == VR.UN ? vr : known;
  }

  private Pseudonym pseudonymOf(Attributes item) {
    if (!item.contains(Tag.PatientID) && !item.contains(Tag.PatientName)) {
      return null;
    }
    return options
        .pseudonyms()
        .pseudonymFor(
            textOf(item, Tag.PatientID, VR.LO),
            textOf(item, Tag.PatientName, VR.PN),
            options.siteKey());
  }

  /**
   * The text of an element, also when an explicit VR file held it as UN: decoded as {@code vr} with
   * the Specific Character Set in force, so that one patient gets one pseudonym either way.
   */
  private static String textOf(Attributes item, int tag, VR vr) {
    if (item.getVR(tag) != VR.UN) {
      return item.getString(tag);
    }
    byte[] b = item.getBytes(tag);
    return b == null ? null : item.charset().decode(b, vr).strip();
  }

  // ---- private elements (Table E.1-1's last row, E.3.10) -------------------------------------

  /**
   * Keeps a private element only under Retain Safe Private, and then only when its block's private
   * creator (the element itself for (gggg,0010-00FF)) is a safe one; other private elements, such
   * as (gggg,0001-000F), are removed. A kept private sequence has its items de-identified.
   */
  private void cleanPrivate(Attributes item, int tag) {
    if (options.has(ProfileOption.RETAIN_SAFE_PRIVATE)) {
      String creator = privateCreatorOf(item, tag);
      if (creator != null && options.safePrivateCreators().contains(creator)) {
        cleanItems(item.getValue(tag));
        return;
      }
    }
    item.remove(tag);
  }

  private static String privateCreatorOf(Attributes item, int tag) {
    if (Tags.isPrivateCreator(tag)) {
      return item.getString(tag);
    }
    if (Tags.element(tag) < Tags.FIRST_PRIVATE_DATA_ELEMENT) {
      return null;
    }
    return item.getString(Tags.creatorTagOf(tag));
  }

  // ---- what was done --------------------------------------------------------------------------

  private void addMethod(Attributes ds) {
    ds.setString(Tag.PatientIdentityRemoved, VR.CS, YES);
    List<String> methods = new ArrayList<>();
    String[] previous = ds.getStrings(Tag.DeidentificationMethod);
    if (previous != null) {
      methods.addAll(Arrays.asList(previous));
    }
    methods.add(METHOD_PREFIX + profile.edition() + " Table E.1-1");
    ds.setString(Tag.DeidentificationMethod, VR.LO, methods.toArray(String[]::new));

    Sequence codes = ds.getSequence(Tag.DeidentificationMethodCodeSequence);
    if (codes == null) {
      codes = ds.newSequence(Tag.DeidentificationMethodCodeSequence, 1 + options.options().size());
    }
    addCode(codes, BASIC_PROFILE_CODE, BASIC_PROFILE_MEANING);
    for (ProfileOption o : options.options()) {
      addCode(codes, o.codeValue(), o.codeMeaning());
    }
    boolean fullDates = options.has(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES);
    ds.setString(
        Tag.LongitudinalTemporalInformationModified,
        VR.CS,
        fullDates ? TEMPORAL_UNMODIFIED : TEMPORAL_REMOVED);
  }

  private static void addCode(Sequence codes, String value, String meaning) {
    Attributes code = codes.addItem();
    code.setString(Tag.CodeValue, VR.SH, value);
    code.setString(Tag.CodingSchemeDesignator, VR.SH, ProfileOption.CODING_SCHEME);
    code.setString(Tag.CodeMeaning, VR.LO, meaning);
  }
}
