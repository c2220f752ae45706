package dev.otelspring.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from the Debian packages that {@code .ci/run}
 * installs ({@code /usr/lib/postgresql/<version>/bin}): a fresh cluster in a temporary
 * directory, listening on a free loopback port, with trust authentication for the
 * {@code postgres} user and a database named {@value #DATABASE}. PostgreSQL refuses to
 * run as root, so as root the server runs as the {@code postgres} system user that the
 * package creates.
 */
public final class PostgresServer implements AutoCloseable {

	public static final String DATABASE = "orders";

	private final Path bin;

	private final Path directory;

	private final int port;

	private final boolean asPostgresUser;

	private PostgresServer(Path bin, Path directory, int port, boolean asPostgresUser) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
		this.asPostgresUser = asPostgresUser;
	}

	public static PostgresServer start() {
		Path bin = findBin();
		boolean root = "root".equals(System.getProperty("user.name"));
		try {
			Path directory = Files.createTempDirectory("otel-pg-");
			if (root) {
				run(List.of("chown", "postgres", directory.toString()), 30);
			}
			PostgresServer server = new PostgresServer(bin, directory, freePort(), root);
			server.run(server.tool("initdb"), "-D", server.data().toString(), "-U", "postgres", "--auth=trust",
					"--no-sync", "-E", "UTF8");
			server
				.run(server.tool("pg_ctl"), "-D", server.data().toString(), "-w", "-t", "60", "-l",
						directory.resolve("server.log").toString(), "-o",
						"-c listen_addresses=127.0.0.1 -c port=" + server.port + " -c unix_socket_directories="
								+ directory + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
						"start");
			server.run(server.tool("createdb"), "-h", "127.0.0.1", "-p", Integer.toString(server.port), "-U",
					"postgres", DATABASE);
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start PostgreSQL", ex);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	public int port() {
		return this.port;
	}

	public String username() {
		return "postgres";
	}

	@Override
	public void close() {
		try {
			run(tool("pg_ctl"), "-D", data().toString(), "-m", "immediate", "-w", "stop");
		}
		finally {
			try (Stream<Path> paths = Files.walk(this.directory)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				// a temporary directory left behind
			}
		}
	}

	private Path data() {
		return this.directory.resolve("data");
	}

	private String tool(String name) {
		return this.bin.resolve(name).toString();
	}

	private void run(String... command) {
		List<String> full = new ArrayList<>();
		if (this.asPostgresUser) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(Arrays.asList(command));
		run(full, 120);
	}

	private static void run(List<String> command, int timeoutSeconds) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path findBin() {
		Path root = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("postgres")))
				.max(Comparator.comparing((bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("PostgreSQL is not installed under " + root
					+ "; install Debian's postgresql package (.ci/run does)", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
