package org.roentgen.dicom.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.roentgen.dicom.net.ul.AssociationOptions;

/**
 * TLS for the command line from PEM files, as DCMTK's tools take them (PS3.15 B.1 secure
 * transport): {@code --tls-key} (an unencrypted PKCS#8 private key, "BEGIN PRIVATE KEY"), {@code
 * --tls-cert} (this side's certificate chain) and {@code --tls-trust} (the certificates of the
 * peers or CAs to trust). The peer's certificate is always required and verified.
 */
final class TlsFiles {
  static final Set<String> OPTIONS = Set.of("--tls-key", "--tls-cert", "--tls-trust");
  static final String USAGE = "[--tls-key KEY.pem --tls-cert CERT.pem --tls-trust CA.pem]";

  private TlsFiles() {}

  /** {@code base} with TLS when the options ask for it. */
  static AssociationOptions apply(Options o, AssociationOptions base)
      throws Main.UsageException, IOException {
    boolean any = OPTIONS.stream().anyMatch(o::has);
    if (!any) {
      return base;
    }
    if (!OPTIONS.stream().allMatch(o::has)) {
      throw new Main.UsageException("TLS needs --tls-key, --tls-cert and --tls-trust together");
    }
    try {
      return base.withTls(
          context(
              Path.of(o.get("--tls-key", null)),
              Path.of(o.get("--tls-cert", null)),
              Path.of(o.get("--tls-trust", null))),
          true);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static SSLContext context(Path key, Path cert, Path trust)
      throws IOException, GeneralSecurityException {
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    Collection<? extends Certificate> chain = certificates(cert);
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(cert + " holds no certificate");
    }
    keys.setKeyEntry("dicom", privateKey(key), password, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    int n = 0;
    for (Certificate c : certificates(trust)) {
      trusted.setCertificateEntry("trusted-" + n++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static Collection<? extends Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int b = text.indexOf(begin);
    int e = text.indexOf("-----END PRIVATE KEY-----");
    if (b < 0 || e < b) {
      throw new GeneralSecurityException(
          pem
              + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
              + " convert with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    List<String> algorithms = new ArrayList<>(List.of("RSA", "EC"));
    GeneralSecurityException last = null;
    for (String alg : algorithms) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException x) {
        last = x;
      }
    }
    throw last;
  }
}
