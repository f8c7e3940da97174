package org.roentgen.router.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.deid.DeidentificationOptions;
import org.roentgen.dicom.deid.Deidentifier;
import org.roentgen.dicom.deid.SiteKey;
import org.roentgen.router.payload.DatasetTransform;
import org.roentgen.router.rules.Coercion;
import org.roentgen.router.rules.CoercionApplier;
import org.roentgen.router.rules.DeidentifyOptions;
import org.roentgen.router.rules.DestinationPlan;

/**
 * The data set transform of a destination plan: its coercions, then de-identification with the
 * plan's options and the site's key (so replacement UIDs and pseudonyms are the same on every
 * router instance and after restarts). Retain Safe Private keeps the private blocks of the
 * configured private creators.
 */
public final class Transforms {
  private final SiteKey siteKey;
  private final List<String> safePrivateCreators;
  private final Map<DeidentifyOptions, Deidentifier> deidentifiers = new ConcurrentHashMap<>();

  public Transforms(SiteKey siteKey, List<String> safePrivateCreators) {
    this.siteKey = siteKey;
    this.safePrivateCreators = List.copyOf(safePrivateCreators);
  }

  public DatasetTransform of(DestinationPlan plan) {
    if (plan.coercions().isEmpty() && plan.deidentify() == null) {
      return DatasetTransform.NONE;
    }
    List<Coercion> coercions = plan.coercions();
    Deidentifier deid =
        plan.deidentify() == null
            ? null
            : deidentifiers.computeIfAbsent(plan.deidentify(), this::deidentifier);
    List<String> keywords = new ArrayList<>();
    for (Coercion c : coercions) {
      if (!keywords.contains(c.keyword())) {
        keywords.add(c.keyword());
      }
    }
    List<String> coerced = List.copyOf(keywords);
    return new DatasetTransform() {
      @Override
      public Attributes apply(Attributes dataset) throws Exception {
        CoercionApplier.apply(dataset, coercions);
        if (deid == null) {
          return dataset;
        }
        // Only the header is de-identified: text burned into the pixels would go out as it is.
        if ("YES".equalsIgnoreCase(dataset.getString(Tag.BurnedInAnnotation))) {
          throw new IllegalArgumentException(
              "Burned In Annotation is YES: the pixels may show patient data, which"
                  + " de-identification of the header does not remove");
        }
        return deid.deidentify(dataset);
      }

      @Override
      public boolean deidentifies() {
        return deid != null;
      }

      @Override
      public List<String> coerced() {
        return coerced;
      }
    };
  }

  private Deidentifier deidentifier(DeidentifyOptions o) {
    DeidentificationOptions.Builder b = DeidentificationOptions.builder(siteKey);
    if (o.retainUids()) {
      b.retainUids();
    }
    if (o.retainDeviceIdentity()) {
      b.retainDeviceIdentity();
    }
    if (o.retainInstitutionIdentity()) {
      b.retainInstitutionIdentity();
    }
    if (o.retainPatientCharacteristics()) {
      b.retainPatientCharacteristics();
    }
    if (o.retainLongitudinalFullDates()) {
      b.retainLongitudinalFullDates();
    }
    if (o.cleanDescriptors()) {
      b.cleanDescriptors();
    }
    if (o.retainSafePrivate() && !safePrivateCreators.isEmpty()) {
      // With no creator configured as safe there is nothing to retain: every private block goes.
      b.retainSafePrivate(safePrivateCreators);
    }
    return new Deidentifier(b.build());
  }
}
