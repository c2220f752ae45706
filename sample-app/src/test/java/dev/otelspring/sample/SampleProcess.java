package dev.otelspring.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample ({@code target/sample-app-exec.jar}) started as a real process on a
 * free loopback port, its output in a log file.
 *
 * @param process the process
 * @param port its HTTP port
 * @param logFile where its output goes
 */
record SampleProcess(Process process, int port, Path logFile) {

	/**
	 * Starts the sample and waits until it has started.
	 * @param launcher what runs the {@code java} command (empty to run it directly)
	 * @param jvmArguments the JVM's arguments
	 * @param arguments the application's arguments
	 * @return the running sample
	 * @throws IOException when the process cannot be started
	 */
	static SampleProcess start(List<String> launcher, List<String> jvmArguments, String... arguments)
			throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createTempFile("sample", ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(launcher);
		command.add(java);
		command.addAll(jvmArguments);
		command.addAll(List.of("-jar", new File("target/sample-app-exec.jar").getAbsolutePath(),
				"--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleProcess sample = new SampleProcess(process, port, log);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("sample process alive; log:%n%s", sample.log()).isTrue();
			return sample.log().contains("Started SampleApplication");
		});
		return sample;
	}

	/**
	 * Sends SIGTERM and waits for the process to end.
	 * @throws InterruptedException when interrupted while waiting
	 */
	void stop() throws InterruptedException {
		this.process.destroy(); // SIGTERM
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("the sample did not stop within 60 s of SIGTERM");
		}
	}

	/**
	 * Returns what the process has written so far.
	 * @return its output
	 */
	String log() {
		try {
			return Files.readString(this.logFile);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
