package dev.otelspring.autoconfigure.traceview;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.ClassUtils;

/**
 * What the trace view serves, whoever serves it (an Actuator endpoint or a handler on the
 * application's port): the page, the list of traces and one trace. The page is one HTML
 * file in the jar, its script and style inline; a Content-Security-Policy in the page
 * lets only that script run, by its hash, and lets it fetch from the application only.
 */
final class TraceViewContent {

	static final String HTML = "text/html;charset=UTF-8";

	static final String JSON = "application/json";

	/** The headers of every answer the application's own routes give. */
	static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff",
			"Referrer-Policy", "no-referrer");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	private static final String ANONYMOUS = "org.springframework.security.authentication.AnonymousAuthenticationToken";

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.Authentication", TraceViewContent.class.getClassLoader());

	private final TraceStore store;

	private final String page;

	TraceViewContent(TraceStore store) {
		this.store = store;
		this.page = withContentSecurityPolicy(load());
	}

	String page() {
		return this.page;
	}

	String traces() {
		return TraceViewJson.traces(this.store);
	}

	/**
	 * Returns one trace.
	 * @param traceId the trace id from the request
	 * @return its JSON, or {@code null} when the id is malformed or the trace not held
	 */
	String trace(String traceId) {
		if (traceId == null || !TRACE_ID.matcher(traceId).matches()) {
			return null;
		}
		TraceSnapshot trace = this.store.trace(traceId);
		return (trace != null) ? TraceViewJson.trace(trace) : null;
	}

	/**
	 * Answers a request on the application's own port.
	 * @param principal the request's principal, or {@code null}
	 * @param contentType the content type of the body
	 * @param body what to answer, {@code null} when there is nothing (not found)
	 * @return the answer
	 */
	static Answer answer(Principal principal, String contentType, Supplier<String> body) {
		if (!allows(principal)) {
			return new Answer(401, "text/plain", "The trace view needs an authenticated user.\n");
		}
		String text = body.get();
		return (text != null) ? new Answer(200, contentType, text) : new Answer(404, "text/plain", "");
	}

	/**
	 * Whether a request may see the view on the application's own port. With Spring
	 * Security on the class path that takes an authenticated user, as Actuator's
	 * endpoints do by default; without it, anyone who reaches the port may.
	 * @param principal the request's principal, or {@code null}
	 * @return whether the request may see the view
	 */
	private static boolean allows(Principal principal) {
		if (!SECURITY_PRESENT) {
			return true;
		}
		if (principal == null) {
			return false;
		}
		for (Class<?> type = principal.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(ANONYMOUS)) {
				return false;
			}
		}
		return true;
	}

	private static String load() {
		try (InputStream in = TraceViewContent.class.getResourceAsStream("trace-view.html")) {
			if (in == null) {
				throw new IllegalStateException("trace-view.html is missing from the starter's jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String withContentSecurityPolicy(String html) {
		List<String> hashes = new ArrayList<>();
		Matcher scripts = SCRIPT.matcher(html);
		while (scripts.find()) {
			hashes.add("'sha256-" + sha256(scripts.group(1)) + "'");
		}
		String policy = "default-src 'none'; script-src " + String.join(" ", hashes)
				+ "; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
		String meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy + "\">";
		int head = html.indexOf("<head>");
		if (head < 0) {
			throw new IllegalStateException("trace-view.html has no <head>");
		}
		int at = head + "<head>".length();
		return html.substring(0, at) + meta + html.substring(at);
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer: status, content type and body.
	 *
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 */
	record Answer(int status, String contentType, String body) {

	}

}
