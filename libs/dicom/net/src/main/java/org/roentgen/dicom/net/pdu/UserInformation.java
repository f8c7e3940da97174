package org.roentgen.dicom.net.pdu;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * User Information item (50H), PS3.8 Section 9.3.2.3 / 9.3.3.3, Table 9-16, and its sub-items
 * defined in PS3.8 Annex D and PS3.7 Annex D.3.3. Optional sub-items are {@code null} when absent.
 *
 * @param maxPduLength Maximum Length Received (PS3.8 D.1): the largest P-DATA-TF variable field the
 *     sender accepts; 0 means no limit
 * @param implementationClassUid Implementation Class UID (52H)
 * @param implementationVersionName Implementation Version Name (55H) or {@code null}
 * @param asyncOperationsWindow Asynchronous Operations Window (53H) or {@code null}
 * @param roleSelections SCP/SCU Role Selection items (54H)
 * @param extendedNegotiations SOP Class (Common) Extended Negotiation items (56H, 57H)
 * @param userIdentity User Identity RQ (58H), in an A-ASSOCIATE-RQ only, or {@code null}
 * @param userIdentityServerResponse User Identity AC server response (59H), in an A-ASSOCIATE-AC
 *     only, or {@code null}
 */
public record UserInformation(
    long maxPduLength,
    String implementationClassUid,
    String implementationVersionName,
    AsyncOperationsWindow asyncOperationsWindow,
    List<RoleSelection> roleSelections,
    List<ExtendedNegotiation> extendedNegotiations,
    UserIdentity userIdentity,
    byte[] userIdentityServerResponse) {

  public UserInformation {
    if (maxPduLength < 0 || maxPduLength > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("max PDU length not a uint32: " + maxPduLength);
    }
    Objects.requireNonNull(implementationClassUid, "implementationClassUid");
    roleSelections = List.copyOf(roleSelections);
    extendedNegotiations = List.copyOf(extendedNegotiations);
    userIdentityServerResponse =
        userIdentityServerResponse == null ? null : userIdentityServerResponse.clone();
  }

  /** Only the mandatory sub-items. */
  public static UserInformation of(
      long maxPduLength, String implementationClassUid, String implementationVersionName) {
    return new UserInformation(
        maxPduLength,
        implementationClassUid,
        implementationVersionName,
        null,
        List.of(),
        List.of(),
        null,
        null);
  }

  @Override
  public byte[] userIdentityServerResponse() {
    return userIdentityServerResponse == null ? null : userIdentityServerResponse.clone();
  }

  public UserInformation withAsyncOperationsWindow(AsyncOperationsWindow window) {
    return new UserInformation(
        maxPduLength,
        implementationClassUid,
        implementationVersionName,
        window,
        roleSelections,
        extendedNegotiations,
        userIdentity,
        userIdentityServerResponse);
  }

  public UserInformation withRoleSelections(List<RoleSelection> roles) {
    return new UserInformation(
        maxPduLength,
        implementationClassUid,
        implementationVersionName,
        asyncOperationsWindow,
        roles,
        extendedNegotiations,
        userIdentity,
        userIdentityServerResponse);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserInformation u
        && maxPduLength == u.maxPduLength
        && implementationClassUid.equals(u.implementationClassUid)
        && Objects.equals(implementationVersionName, u.implementationVersionName)
        && Objects.equals(asyncOperationsWindow, u.asyncOperationsWindow)
        && roleSelections.equals(u.roleSelections)
        && extendedNegotiations.equals(u.extendedNegotiations)
        && Objects.equals(userIdentity, u.userIdentity)
        && Arrays.equals(userIdentityServerResponse, u.userIdentityServerResponse);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxPduLength,
        implementationClassUid,
        implementationVersionName,
        asyncOperationsWindow,
        roleSelections,
        extendedNegotiations,
        userIdentity,
        Arrays.hashCode(userIdentityServerResponse));
  }
}
