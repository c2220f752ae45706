package dev.otelspring.autoconfigure.web.internal;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSanitizerTests {

	private final UrlSanitizer sanitizer = new UrlSanitizer(List.of("token", "sig"));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "https://user:secret@example.com:8443/a/b?x=1#top|https://example.com:8443/a/b?x=1#top",
					"http://user@example.com/|http://example.com/", "http://user:secret@example.com|http://example.com",
					"http://user:secret@[::1]:8080/x|http://[::1]:8080/x" })
	void userInfoIsRemoved(String url, String sanitized) {
		assertThat(this.sanitizer.sanitizeUrl(URI.create(url))).isEqualTo(sanitized);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = {
					"https://example.com/a?token=abc&x=1&sig=zz|https://example.com/a?token=REDACTED&x=1&sig=REDACTED",
					"https://u:p@example.com/a?x=1&token=abc#f|https://example.com/a?x=1&token=REDACTED#f",
					"https://example.com/a?x=%20&token=a%26b|https://example.com/a?x=%20&token=REDACTED" })
	void sensitiveQueryValuesAreRedactedInTheUrl(String url, String sanitized) {
		assertThat(this.sanitizer.sanitizeUrl(URI.create(url))).isEqualTo(sanitized);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "token=abc|token=REDACTED", "a=1&token=abc&b=2|a=1&token=REDACTED&b=2",
					"a=1&sig=x|a=1&sig=REDACTED", "token=a=b|token=REDACTED", "token=|token=REDACTED",
					"token=x&|token=REDACTED&", "a=1&&token=x|a=1&&token=REDACTED", "flag&token=x|flag&token=REDACTED",
					"token=1&token=2|token=REDACTED&token=REDACTED" })
	void sensitiveQueryValuesAreRedacted(String query, String sanitized) {
		assertThat(this.sanitizer.sanitizeQuery(query)).isEqualTo(sanitized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a=1&b=2", "token", "flag&token", "tokens=abc", "xtoken=abc", "=abc", "a=token", "&", "=",
			" ", "   " })
	void anUnchangedQueryIsReturnedAsTheSameInstance(String query) {
		assertThat(this.sanitizer.sanitizeQuery(query)).isSameAs(query);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "TOKEN=abc|TOKEN=REDACTED", "Token=abc&x=1|Token=REDACTED&x=1", "to%6Ben=abc|to%6Ben=REDACTED",
					"SIG=1&sig=2|SIG=REDACTED&sig=REDACTED", "bad%zz=1&token=2|bad%zz=1&token=REDACTED" })
	void namesMatchWhateverTheirCaseOrEncoding(String query, String sanitized) {
		assertThat(this.sanitizer.sanitizeQuery(query)).isEqualTo(sanitized);
	}

	@Test
	void anAmpersandEndsTheNameBeforeAnyEqualsSign() {
		assertThat(this.sanitizer.sanitizeQuery("x&token=abc")).isEqualTo("x&token=REDACTED");
		assertThat(this.sanitizer.sanitizeQuery("token&x=abc")).isEqualTo("token&x=abc");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "http://svc:pw@payment_gateway:8080/x|http://payment_gateway:8080/x",
					"http://svc:pw@payment_gateway:8080/x?token=abc|http://payment_gateway:8080/x?token=REDACTED",
					"http://payment_gateway:8080/x?token=abc|http://payment_gateway:8080/x?token=REDACTED" })
	void aHostUriCannotParseKeepsItsNameAndPortAndLosesItsUserInfo(String url, String sanitized) {
		assertThat(this.sanitizer.sanitizeUrl(URI.create(url))).isEqualTo(sanitized).doesNotContain("pw");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "http://svc:pw@payment_gateway:8080/x|payment_gateway|8080",
					"http://payment_gateway/x|payment_gateway|80", "https://u@example.com/x|example.com|443",
					"http://[::1]:9000/x|[::1]|9000" })
	void hostAndPortAreReadFromTheAuthority(String url, String host, int port) {
		URI uri = URI.create(url);
		assertThat(UrlSanitizer.host(uri)).isEqualTo(host);
		assertThat(UrlSanitizer.port(uri)).isEqualTo(port);
	}

	@Test
	void emptyOrNoQueryIsReturnedAsIs() {
		String empty = "";
		assertThat(this.sanitizer.sanitizeQuery(empty)).isSameAs(empty);
		assertThat(this.sanitizer.sanitizeQuery(null)).isNull();
	}

	@Test
	void nothingToRedactWithoutSensitiveParameters() {
		UrlSanitizer none = new UrlSanitizer(List.of());
		String query = "token=abc";
		assertThat(none.sanitizeQuery(query)).isSameAs(query);
		URI uri = URI.create("https://example.com/a?token=abc");
		assertThat(none.sanitizeUrl(uri)).isSameAs(uri.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com:8443/a/b?x=1#top", "http://example.com", "http://example.com/a?",
			"http://example.com/a?token", "/relative/path?x=1" })
	void anUnchangedUrlIsReturnedAsTheSameInstance(String url) {
		URI uri = URI.create(url);
		assertThat(this.sanitizer.sanitizeUrl(uri)).isSameAs(uri.toString()).isEqualTo(url);
	}

}
