package dev.otelspring.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A headless Chromium for tests, driven through chromedriver's W3C WebDriver HTTP
 * protocol with nothing but the JDK. Needs Debian's {@code chromium} and
 * {@code chromium-driver} packages and the system property {@code browser.chromedriver}
 * naming the chromedriver executable; {@code browser.chromium} names the browser binary,
 * {@code /usr/bin/chromium} by default. Each instance runs its own chromedriver on a free
 * loopback port, with one session in a fresh profile; {@link #close()} ends both.
 */
public final class Browser implements AutoCloseable {

	// The key of an element reference in WebDriver answers (the W3C web element
	// identifier).
	private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

	private static final String SETUP_HINT = "The browser tests need Debian's chromium and chromium-driver packages"
			+ " (apt-get install chromium chromium-driver) and -Dbrowser.chromedriver=/usr/bin/chromedriver";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	// The tail of the chromedriver log that a start failure reports.
	private static final int MAX_LOG_CHARS = 20_000;

	private final Process process;

	private final Path log;

	private final Path userDataDir;

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private String session;

	private boolean closed;

	private Browser(Process process, Path log, Path userDataDir, int port) {
		this.process = process;
		this.log = log;
		this.userDataDir = userDataDir;
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Start chromedriver and open a browser session.
	 * @return the browser, to close when done
	 * @throws IllegalStateException if chromedriver or Chromium is missing, or
	 * chromedriver or the session does not start; the message then holds the chromedriver
	 * log
	 */
	public static Browser start() {
		Path chromedriver = executable("browser.chromedriver", System.getProperty("browser.chromedriver"));
		Path chromium = executable("browser.chromium", System.getProperty("browser.chromium", "/usr/bin/chromium"));
		Path log;
		Path userDataDir;
		try {
			log = Files.createTempFile("chromedriver-", ".log");
			userDataDir = Files.createTempDirectory("chromium-profile-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create the browser's temporary files", ex);
		}
		int port = freePort();
		// Without --allowed-ips chromedriver listens on loopback only and accepts local
		// clients only; an empty --allowed-ips would make it listen on all interfaces.
		ProcessBuilder builder = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			deleteQuietly(log);
			deleteRecursively(userDataDir);
			throw new IllegalStateException("Could not run " + chromedriver + ". " + SETUP_HINT, ex);
		}
		Browser browser = new Browser(process, log, userDataDir, port);
		try {
			browser.awaitReady();
			browser.createSession(chromium);
			return browser;
		}
		catch (RuntimeException ex) {
			String message = "Could not start the browser (" + chromedriver + " on port " + port + "): "
					+ ex.getMessage() + "\nchromedriver log:\n" + browser.logTail();
			browser.close();
			throw new IllegalStateException(message, ex);
		}
	}

	/**
	 * Navigate to a URL and wait for the page to load.
	 * @param url the URL
	 * @throws IllegalStateException if WebDriver reports an error
	 */
	public void open(String url) {
		command("Navigate To", "POST", "/url", Map.of("url", url));
	}

	/**
	 * Return the title of the current page.
	 * @return the title
	 * @throws IllegalStateException if WebDriver reports an error
	 */
	public String title() {
		return (String) command("Get Title", "GET", "/title", null);
	}

	/**
	 * Run a script in the page, as the body of a function.
	 * @param body the function body; {@code arguments[i]} is the i-th argument and
	 * {@code return} gives the result
	 * @param args the arguments, anything that {@link Json#write(Object)} takes
	 * @return the result, as {@link Json#parse(String)} gives it
	 * @throws IllegalStateException if the script throws or WebDriver reports an error
	 */
	public Object script(String body, Object... args) {
		return command("Execute Script", "POST", "/execute/sync", scriptRequest(body, args));
	}

	/**
	 * Run an asynchronous script in the page, as the body of a function whose last
	 * argument is a callback to call with the result.
	 * @param body the function body
	 * @param args the arguments before the callback, anything that
	 * {@link Json#write(Object)} takes
	 * @return the value passed to the callback, as {@link Json#parse(String)} gives it
	 * @throws IllegalStateException if the script throws, does not call back within the
	 * session's script timeout, or WebDriver reports an error
	 */
	public Object asyncScript(String body, Object... args) {
		return command("Execute Async Script", "POST", "/execute/async", scriptRequest(body, args));
	}

	/**
	 * Click the first element that a CSS selector matches.
	 * @param cssSelector the selector
	 * @throws IllegalStateException if no element matches, it cannot be clicked, or
	 * WebDriver reports another error
	 */
	public void click(String cssSelector) {
		command("Element Click", "POST", "/element/" + element(cssSelector) + "/click", Map.of());
	}

	/**
	 * Return the rendered text of the first element that a CSS selector matches.
	 * @param cssSelector the selector
	 * @return the text, as the user sees it
	 * @throws IllegalStateException if no element matches or WebDriver reports an error
	 */
	public String text(String cssSelector) {
		return (String) command("Get Element Text", "GET", "/element/" + element(cssSelector) + "/text", null);
	}

	/**
	 * Count the elements that a CSS selector matches.
	 * @param cssSelector the selector
	 * @return the number of matching elements
	 * @throws IllegalStateException if WebDriver reports an error
	 */
	public int count(String cssSelector) {
		return ((Number) script("return document.querySelectorAll(arguments[0]).length", cssSelector)).intValue();
	}

	/**
	 * Wait until a condition holds, checking it every 100 ms. Exceptions from the
	 * condition are not caught.
	 * @param description what is awaited, for the failure message
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @throws AssertionError if the condition does not hold within the timeout
	 */
	public void waitUntil(String description, Duration timeout, BooleanSupplier condition) {
		try {
			Awaitility.await(description)
				.atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(POLL_INTERVAL)
				.pollInSameThread()
				.until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out after " + timeout + " waiting for " + description, ex);
		}
	}

	/**
	 * Wait until a script returns something other than {@code null} or {@code false},
	 * running it every 100 ms.
	 * @param description what is awaited, for the failure message
	 * @param timeout how long to wait
	 * @param script the script, as for {@link #script(String, Object...)}
	 * @param args the script's arguments
	 * @return the script's first result that is neither {@code null} nor {@code false}
	 * @throws AssertionError if the script returns only {@code null} or {@code false}
	 * within the timeout
	 * @throws IllegalStateException if the script throws or WebDriver reports an error
	 */
	public Object waitForScript(String description, Duration timeout, String script, Object... args) {
		AtomicReference<Object> result = new AtomicReference<>();
		waitUntil(description, timeout, () -> {
			result.set(script(script, args));
			return result.get() != null && !Boolean.FALSE.equals(result.get());
		});
		return result.get();
	}

	/**
	 * Save a screenshot of the current page as PNG, creating the file's parent
	 * directories.
	 * @param file where to save it
	 * @return the file
	 * @throws IllegalStateException if WebDriver reports an error or the file cannot be
	 * written
	 */
	public Path screenshot(Path file) {
		byte[] png = Base64.getDecoder().decode((String) command("Take Screenshot", "GET", "/screenshot", null));
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.write(file, png);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not save the screenshot to " + file, ex);
		}
		return file;
	}

	/**
	 * End the session, stop chromedriver and the browser, and delete the temporary
	 * profile. Failures along the way are ignored.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.session != null) {
			try {
				send("Delete Session", "DELETE", "/session/" + this.session, null);
			}
			catch (RuntimeException ex) {
				// The process is stopped below anyway.
			}
		}
		stopProcess();
		deleteRecursively(this.userDataDir);
		deleteQuietly(this.log);
	}

	// Polls GET /status until chromedriver says it is ready, failing early if it exits.
	private void awaitReady() {
		try {
			Awaitility.await("chromedriver ready")
				.atMost(STARTUP_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(POLL_INTERVAL)
				.pollInSameThread()
				.until(this::isReady);
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("chromedriver was not ready within " + STARTUP_TIMEOUT, ex);
		}
	}

	private boolean isReady() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("chromedriver exited with status " + this.process.exitValue());
		}
		try {
			HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/status"))
				.timeout(Duration.ofSeconds(5))
				.GET()
				.build();
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return response.statusCode() == 200 && Json.parse(response.body()) instanceof Map<?, ?> status
					&& status.get("value") instanceof Map<?, ?> value && Boolean.TRUE.equals(value.get("ready"));
		}
		catch (IOException | IllegalArgumentException ex) {
			// Not listening yet, or not answering properly yet.
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for chromedriver", ex);
		}
	}

	private void createSession(Path chromium) {
		List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + this.userDataDir);
		Map<String, Object> chromeOptions = new LinkedHashMap<>();
		chromeOptions.put("binary", chromium.toString());
		chromeOptions.put("args", args);
		Map<String, Object> alwaysMatch = new LinkedHashMap<>();
		alwaysMatch.put("browserName", "chrome");
		alwaysMatch.put("goog:chromeOptions", chromeOptions);
		Object value = send("New Session", "POST", "/session",
				Map.of("capabilities", Map.of("alwaysMatch", alwaysMatch)));
		if (!(value instanceof Map<?, ?> map) || !(map.get("sessionId") instanceof String id)) {
			throw new IllegalStateException("WebDriver New Session: no session id in " + Json.write(value));
		}
		this.session = id;
	}

	private String element(String cssSelector) {
		Object value = command("Find Element", "POST", "/element",
				Map.of("using", "css selector", "value", cssSelector));
		if (!(value instanceof Map<?, ?> map) || !(map.get(ELEMENT) instanceof String id)) {
			throw new IllegalStateException("WebDriver Find Element: no element reference in " + Json.write(value));
		}
		return id;
	}

	private static Map<String, Object> scriptRequest(String body, Object... args) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("script", body);
		request.put("args", (args != null) ? Arrays.asList(args) : List.of());
		return request;
	}

	// A command on the session: the path is relative to /session/{id}.
	private Object command(String name, String method, String path, Object body) {
		if (this.session == null || this.closed) {
			throw new IllegalStateException("WebDriver " + name + ": the browser is not running");
		}
		return send(name, method, "/session/" + this.session + path, body);
	}

	// Sends one WebDriver request and returns the "value" of the answer. POST requests
	// always carry a JSON object, as the protocol requires.
	private Object send(String name, String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(REQUEST_TIMEOUT);
		if (body != null || "POST".equals(method)) {
			String json = (body != null) ? Json.write(body) : "{}";
			request.header("Content-Type", "application/json; charset=utf-8")
				.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("WebDriver " + name + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("WebDriver " + name + ": interrupted", ex);
		}
		Object answer;
		try {
			answer = Json.parse(response.body());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("WebDriver " + name + ": HTTP " + response.statusCode()
					+ " with a body that is not JSON: " + response.body(), ex);
		}
		Object value = (answer instanceof Map<?, ?> map) ? map.get("value") : null;
		if (response.statusCode() >= 400) {
			if (value instanceof Map<?, ?> error && error.get("error") != null) {
				throw new IllegalStateException(
						"WebDriver " + name + ": " + error.get("error") + ": " + error.get("message"));
			}
			throw new IllegalStateException(
					"WebDriver " + name + ": HTTP " + response.statusCode() + ": " + response.body());
		}
		if (!(answer instanceof Map<?, ?> map) || !map.containsKey("value")) {
			throw new IllegalStateException("WebDriver " + name + ": no value in " + response.body());
		}
		return value;
	}

	// Stops chromedriver and the browsers it started. The descendants are collected
	// first:
	// once chromedriver has exited they are no longer its descendants.
	private void stopProcess() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		this.process.destroy();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
			for (ProcessHandle descendant : descendants) {
				long remaining = deadline - System.nanoTime();
				if (remaining > 0) {
					descendant.onExit().get(remaining, TimeUnit.NANOSECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Still running: forced below.
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	private String logTail() {
		try {
			String text = Files.readString(this.log, StandardCharsets.UTF_8);
			return (text.length() <= MAX_LOG_CHARS) ? text : "…" + text.substring(text.length() - MAX_LOG_CHARS);
		}
		catch (IOException ex) {
			return "(could not read " + this.log + ": " + ex + ")";
		}
	}

	// The path named by a system property, if it is an executable file.
	private static Path executable(String property, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(SETUP_HINT + "; the system property " + property + " is not set");
		}
		Path path = Path.of(value);
		if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
			throw new IllegalStateException(SETUP_HINT + "; " + property + "=" + value + " is not an executable file");
		}
		return path;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not find a free port", ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Best effort: it is a temporary file.
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(Browser::deleteQuietly);
		}
		catch (IOException | RuntimeException ex) {
			// Best effort: it is a temporary directory.
		}
	}

}
