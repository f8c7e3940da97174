package org.roentgen.dicom.net.pdu;

import java.util.Arrays;
import java.util.Objects;

/**
 * User Identity Negotiation sub-item of an A-ASSOCIATE-RQ (58H), PS3.7 Annex D.3.3.7.1, Table
 * D.3-14. {@link #toString()} never prints the fields, which may hold credentials.
 *
 * @param userIdentityType 1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT
 */
public record UserIdentity(
    int userIdentityType,
    boolean positiveResponseRequested,
    byte[] primaryField,
    byte[] secondaryField) {

  public UserIdentity {
    if (userIdentityType < 0 || userIdentityType > 0xFF) {
      throw new IllegalArgumentException("user identity type out of range: " + userIdentityType);
    }
    primaryField = primaryField.clone();
    secondaryField = secondaryField.clone();
  }

  @Override
  public byte[] primaryField() {
    return primaryField.clone();
  }

  @Override
  public byte[] secondaryField() {
    return secondaryField.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserIdentity u
        && userIdentityType == u.userIdentityType
        && positiveResponseRequested == u.positiveResponseRequested
        && Arrays.equals(primaryField, u.primaryField)
        && Arrays.equals(secondaryField, u.secondaryField);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userIdentityType,
        positiveResponseRequested,
        Arrays.hashCode(primaryField),
        Arrays.hashCode(secondaryField));
  }

  @Override
  public String toString() {
    return "UserIdentity[type=" + userIdentityType + ", fields hidden]";
  }
}
