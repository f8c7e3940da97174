package org.roentgen.router.destination;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards a destination (DICOM: PS3.15 Annex B.1 secure transport; HTTPS for DICOMweb), from
 * key store files: which certificates to trust, and optionally this side's certificate and key for
 * peers that require client authentication. The toolkit takes an {@link SSLContext}: protocols are
 * the JDK's defaults (TLS 1.2 and 1.3), and, as DICOM peers are trusted by their certificates, the
 * host name is not checked against the DICOM peer's certificate (HTTPS checks it).
 *
 * @param trustStore the certificates to trust (a PKCS12 or JKS file), or null for the JDK's
 * @param trustStoreType {@code PKCS12} (default when null) or {@code JKS}
 * @param trustStorePassword the trust store's password, or null for none
 * @param keyStore this side's key and certificate chain (PKCS12 or JKS), or null to present none
 * @param keyStoreType {@code PKCS12} (default when null) or {@code JKS}
 * @param keyStorePassword the key store's and the key's password, or null for none
 */
public record TlsSettings(
    Path trustStore,
    String trustStoreType,
    String trustStorePassword,
    Path keyStore,
    String keyStoreType,
    String keyStorePassword) {

  public TlsSettings {
    trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
    keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType;
  }

  /** Trusts the certificates of one store; presents no certificate. */
  public static TlsSettings trusting(Path trustStore, String password) {
    return new TlsSettings(trustStore, null, password, null, null, null);
  }

  /** Adds this side's key and certificate (client authentication). */
  public TlsSettings withKeyStore(Path store, String password) {
    return new TlsSettings(
        trustStore, trustStoreType, trustStorePassword, store, keyStoreType, password);
  }

  /**
   * The TLS context.
   *
   * @throws IllegalArgumentException when a store cannot be read: a configuration error
   */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore == null ? null : load(trustStore, trustStoreType, trustStorePassword));
      KeyManagerFactory kmf = null;
      if (keyStore != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore, keyStoreType, keyStorePassword), chars(keyStorePassword));
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, String type, String password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, chars(password));
    }
    return ks;
  }

  private static char[] chars(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }

  /** Names the files, never the passwords. */
  @Override
  public String toString() {
    return "TlsSettings[trustStore="
        + (trustStore == null ? "JDK default" : trustStore + " (" + trustStoreType + ")")
        + ", keyStore="
        + (keyStore == null ? "none" : keyStore + " (" + keyStoreType + ")")
        + "]";
  }
}
