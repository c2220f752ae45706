package dev.otelspring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules ARCHITECTURE.md states, checked on the main sources: packages depend one way
 * (no cycle), and only the configuration package names a configuration key.
 */
class ArchitectureTests {

	/** The module's sources, from this module or from boot4-compatibility-tests. */
	private static final Path SOURCES = Path.of("..", "otel-spring-boot-autoconfigure", "src", "main", "java");

	private static final String ROOT = "dev.otelspring.autoconfigure";

	private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern
		.compile("^import (?:static )?(dev\\.otelspring\\.[\\w.]+)\\.[A-Z]\\w*", Pattern.MULTILINE);

	private static final Pattern STRING = Pattern.compile("\"((?:otel|OTEL)[\\w.\\-\\[\\]]*)\"");

	@Test
	void packagesDependOneWay() throws IOException {
		Map<String, Set<String>> dependencies = dependencies();
		assertThat(dependencies).containsKeys(ROOT + ".config", ROOT + ".sdk", ROOT + ".sampling");
		List<String> cycles = new ArrayList<>();
		for (String from : dependencies.keySet()) {
			findCycle(from, from, dependencies, new ArrayList<>(List.of(from)), new HashSet<>(), cycles);
		}
		assertThat(cycles).as("package cycles").isEmpty();
		assertThat(dependencies.get(ROOT + ".config")).as("config depends on no other package of ours").isEmpty();
		assertThat(dependencies.get(ROOT + ".sdk")).as("sdk depends on config only").containsOnly(ROOT + ".config");
	}

	@Test
	void onlyTheConfigurationPackageNamesAKey() throws IOException {
		Set<String> keys = configurationKeys();
		assertThat(keys).contains("otel.traces.sampler", "otel.spring.sampling.tail.enabled");
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				if (packageOf(source).equals(ROOT + ".config")) {
					continue;
				}
				Matcher literal = STRING.matcher(source);
				while (literal.find()) {
					String text = literal.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
					if (keys.contains(text) || keys.stream().anyMatch((key) -> key.startsWith(text + "."))) {
						offenders.add(file.getFileName() + ": \"" + literal.group(1) + "\"");
					}
				}
			}
		}
		assertThat(offenders).as("configuration keys named outside the config package").isEmpty();
	}

	private static void findCycle(String start, String current, Map<String, Set<String>> dependencies,
			List<String> path, Set<String> visited, List<String> cycles) {
		for (String next : dependencies.getOrDefault(current, Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (visited.add(next)) {
				path.add(next);
				findCycle(start, next, dependencies, path, visited, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				String from = packageOf(source);
				if (!from.startsWith(ROOT)) {
					continue;
				}
				Set<String> targets = dependencies.computeIfAbsent(from, (key) -> new TreeSet<>());
				Matcher imported = IMPORT.matcher(source);
				while (imported.find()) {
					String to = imported.group(1);
					if (to.startsWith(ROOT) && !to.equals(from)) {
						targets.add(to);
					}
				}
			}
		}
		return dependencies;
	}

	private static String packageOf(String source) {
		Matcher matcher = PACKAGE.matcher(source);
		return matcher.find() ? matcher.group(1) : "";
	}

	@SuppressWarnings("unchecked")
	private static Set<String> configurationKeys() throws IOException {
		Map<String, Object> metadata;
		try (InputStream in = ArchitectureTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		Set<String> keys = new HashSet<>();
		for (Object entry : (List<?>) metadata.get("properties")) {
			keys.add((String) ((Map<String, Object>) entry).get("name"));
		}
		return keys;
	}

}
