package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.DatasetText;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationRequest;

/**
 * {@code find [--level L] [--mwl] [-k Keyword[=value]]... AET@HOST:PORT}: C-FIND SCU (PS3.4 C.4.1
 * Query/Retrieve, K.4.1 Modality Worklist). Query/Retrieve uses the Study Root information model,
 * or Patient Root at PATIENT level, with Query/Retrieve Level set from {@code --level}; {@code
 * --mwl} uses the Modality Worklist information model (no level). A key {@code Keyword} without
 * {@code =} is a return key (empty value); {@code Seq.Keyword=value} puts the key into the one item
 * of sequence {@code Seq} (sequence matching, PS3.4 C.2.2.2.6). The unique key of the level is
 * added as a return key when not given. Matches go to stdout, readable or as one DICOM JSON object
 * a line; the count goes to stderr.
 */
final class FindCommand implements Main.Command {
  /** Query/Retrieve levels (0008,0052) with their unique keys, PS3.4 C.6.1.1 and C.6.2.1. */
  enum Level {
    PATIENT(Tag.PatientID),
    STUDY(Tag.StudyInstanceUID),
    SERIES(Tag.SeriesInstanceUID),
    IMAGE(Tag.SOPInstanceUID);

    final int uniqueKey;

    Level(int uniqueKey) {
      this.uniqueKey = uniqueKey;
    }
  }

  @Override
  public String usage() {
    return "find [--calling AET] [--level PATIENT|STUDY|SERIES|IMAGE] [--mwl] [-k Keyword[=value]]... [--json] AET@HOST:PORT"
        + "   C-FIND (Study/Patient Root or Modality Worklist)";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<String> keys = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-k") || args[i].equals("--key")) {
        if (i + 1 >= args.length) {
          throw new Main.UsageException(args[i] + " needs Keyword or Keyword=value");
        }
        keys.add(args[++i]);
      } else {
        rest.add(args[i]);
      }
    }
    Options o =
        Options.parse(
            rest.toArray(String[]::new), Set.of("--calling", "--level"), Set.of("--mwl", "--json"));
    if (o.positional.size() != 1) {
      throw new Main.UsageException("one peer expected");
    }
    Peer peer = Peer.parse(o.positional.get(0));
    boolean mwl = o.has("--mwl");
    if (mwl && o.has("--level")) {
      throw new Main.UsageException("--mwl has no query/retrieve level");
    }
    Level level = mwl ? null : level(o.get("--level", "STUDY"));
    String sopClass =
        mwl
            ? UID.ModalityWorklistInformationModelFind
            : level == Level.PATIENT
                ? UID.PatientRootQueryRetrieveInformationModelFind
                : UID.StudyRootQueryRetrieveInformationModelFind;
    Attributes identifier = identifier(level, keys);

    AssociationRequest rq =
        AssociationRequest.of(peer.aeTitle(), o.get("--calling", "DICOM-FIND"))
            .withContext(
                sopClass,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    boolean json = o.has("--json");
    DicomJson writer = DicomJson.inline();
    AtomicInteger count = new AtomicInteger();
    Command rsp;
    try (DimseClient c =
        DimseClient.connect(
            rq, peer.host(), peer.port(), Peer.CLIENT_OPTIONS, Duration.ofSeconds(60))) {
      rsp =
          c.find(
              sopClass,
              identifier,
              match -> {
                int n = count.incrementAndGet();
                if (json) {
                  out.println(writer.write(match));
                } else {
                  out.println("# match " + n);
                  out.print(DatasetText.format(match, 120));
                }
              });
    }
    err.println(count.get() + (count.get() == 1 ? " match" : " matches"));
    if (Status.kindOf(rsp.status()) != Status.Kind.SUCCESS) {
      err.printf(
          "C-FIND at %s: status 0x%04X%s%n",
          peer.aeTitle(), rsp.status(), rsp.errorComment() == null ? "" : " " + rsp.errorComment());
      return 1;
    }
    return 0;
  }

  private static Level level(String s) throws Main.UsageException {
    try {
      return Level.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(
          "--level is one of PATIENT, STUDY, SERIES, IMAGE, not '" + s + "'");
    }
  }

  /**
   * The identifier for {@code keys} ({@code Keyword}, {@code Keyword=value}, {@code
   * Seq.Keyword=value}; a keyword may also be a tag as 8 hex digits) at {@code level} (null for
   * worklist queries).
   */
  static Attributes identifier(Level level, List<String> keys) throws Main.UsageException {
    Attributes ds = new Attributes();
    boolean nonAscii = false;
    // The character set first, so that the other values are encoded with it.
    List<String> ordered = new ArrayList<>();
    keys.stream().filter(k -> k.startsWith("SpecificCharacterSet")).forEach(ordered::add);
    keys.stream().filter(k -> !k.startsWith("SpecificCharacterSet")).forEach(ordered::add);
    for (String k : ordered) {
      int eq = k.indexOf('=');
      String path = eq < 0 ? k : k.substring(0, eq);
      String value = eq < 0 ? "" : k.substring(eq + 1);
      nonAscii |= !StandardCharsets.US_ASCII.newEncoder().canEncode(value);
      String[] names = path.split("\\.", -1);
      if (names.length > 2) {
        throw new Main.UsageException("key '" + path + "': one level of sequence nesting at most");
      }
      Attributes target = ds;
      if (names.length == 2) {
        int seqTag = tag(names[0]);
        if (ElementDictionary.vrOf(seqTag) != VR.SQ) {
          throw new Main.UsageException("key '" + path + "': " + names[0] + " is not a sequence");
        }
        Sequence seq = ds.getSequence(seqTag);
        if (seq == null) {
          seq = ds.newSequence(seqTag, 1);
        }
        if (seq.isEmpty()) {
          seq.addItem();
        }
        target = seq.get(0);
      }
      int tag = tag(names[names.length - 1]);
      VR vr = ElementDictionary.vrOf(tag);
      if (vr == VR.SQ) {
        if (!value.isEmpty()) {
          throw new Main.UsageException(
              "key '" + path + "': a sequence takes no value; give Seq.Keyword=value");
        }
        if (target.getSequence(tag) == null) {
          target.newSequence(tag, 0);
        }
      } else if (value.isEmpty()) {
        target.setNull(tag, vr);
      } else {
        try {
          target.setString(tag, vr, value.split("\\\\", -1));
        } catch (IllegalArgumentException e) {
          throw new Main.UsageException(
              "key '" + path + "': '" + value + "' is no " + vr + " value");
        }
      }
    }
    if (nonAscii && !ds.contains(Tag.SpecificCharacterSet)) {
      throw new Main.UsageException(
          "non-ASCII values need -k 'SpecificCharacterSet=ISO_IR 192' (or another character set)");
    }
    if (level != null) {
      ds.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
      if (!ds.contains(level.uniqueKey)) {
        ds.setNull(level.uniqueKey, ElementDictionary.vrOf(level.uniqueKey));
      }
    }
    return ds;
  }

  private static int tag(String keyword) throws Main.UsageException {
    if (keyword.matches("[0-9A-Fa-f]{8}")) {
      return (int) Long.parseLong(keyword, 16);
    }
    int tag = ElementDictionary.tagOf(keyword);
    if (tag == -1) {
      throw new Main.UsageException("unknown keyword '" + keyword + "'");
    }
    return tag;
  }
}
