package dev.otelspring.test;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test-only TLS material in {@code src/test/resources/tls} (made by its
 * {@code generate.sh}).
 */
public final class TestTls {

	private TestTls() {
	}

	/**
	 * Returns a file path for the resource, copying it out when the tests run from a jar.
	 */
	public static String path(String name) {
		try {
			java.net.URL url = TestTls.class.getResource("/tls/" + name);
			if ("file".equals(url.getProtocol())) {
				return Path.of(url.toURI()).toString();
			}
			Path copy = java.nio.file.Files.createTempFile("tls-", "-" + name);
			try (InputStream in = url.openStream()) {
				java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			copy.toFile().deleteOnExit();
			return copy.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A server context for localhost; with {@code trustClients}, client certificates from
	 * the CA are trusted.
	 */
	public static SSLContext serverContext(boolean trustClients) {
		try (InputStream in = TestTls.class.getResourceAsStream("/tls/server.p12")) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, "changeit".toCharArray());
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(keyStore, "changeit".toCharArray());
			TrustManagerFactory trust = null;
			if (trustClients) {
				KeyStore trustStore = KeyStore.getInstance("PKCS12");
				trustStore.load(null, null);
				try (InputStream ca = TestTls.class.getResourceAsStream("/tls/ca.pem")) {
					X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
						.generateCertificate(ca);
					trustStore.setCertificateEntry("ca", certificate);
				}
				trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trustStore);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), (trust != null) ? trust.getTrustManagers() : null, null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
