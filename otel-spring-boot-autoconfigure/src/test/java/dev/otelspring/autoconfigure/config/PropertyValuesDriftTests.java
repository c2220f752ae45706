package dev.otelspring.autoconfigure.config;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.otelspring.test.TestEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each enumerated key's values are defined once, by its enum; the IDE metadata (hints and
 * description), the failure report and the README's reference table must list exactly
 * those values.
 */
class PropertyValuesDriftTests {

	private static final Map<String, Map<String, Object>> METADATA = metadata();

	private static final String README = readme();

	static List<String> enumeratedKeys() {
		return List.copyOf(PropertyValues.ENUMERATED_KEYS.keySet());
	}

	@ParameterizedTest
	@MethodSource("enumeratedKeys")
	void metadataHintsListExactlyTheEnumsValues(String key) {
		List<String> values = values(key);
		Map<String, Object> hint = METADATA.get("hint:" + key);
		assertThat(hint).as("a metadata hint for " + key).isNotNull();
		List<String> hinted = ((List<?>) hint.get("values")).stream()
			.map((value) -> String.valueOf(((Map<?, ?>) value).get("value")))
			.toList();
		assertThat(hinted).as("hinted values of " + key).containsExactlyInAnyOrderElementsOf(values);
	}

	@ParameterizedTest
	@MethodSource("enumeratedKeys")
	void metadataDescriptionNamesEveryValue(String key) {
		String description = String.valueOf(METADATA.get(key).get("description"));
		assertThat(values(key)).allSatisfy((value) -> assertThat(description).as("description of " + key)
			.containsPattern("(^|[\\s,:])" + Pattern.quote(value) + "([\\s,.]|$)"));
	}

	@ParameterizedTest
	@MethodSource("enumeratedKeys")
	void readmeTableListsExactlyTheEnumsValues(String key) {
		Matcher row = Pattern.compile("^\\| `" + Pattern.quote(key) + "` \\|([^|]*)\\|([^|]*)\\|$", Pattern.MULTILINE)
			.matcher(README);
		if (key.matches("otel\\.exporter\\.otlp\\.(traces|metrics|logs)\\.(protocol|compression)")) {
			// The README documents the signal-specific forms of the general keys in one
			// sentence, not as rows.
			assertThat(README).contains(key.substring(0, key.lastIndexOf('.')) + ".*");
			return;
		}
		assertThat(row.find()).as("a README row for " + key).isTrue();
		Set<String> listed = new LinkedHashSet<>();
		Matcher code = Pattern.compile("`([^`]+)`").matcher(row.group(2));
		while (code.find()) {
			listed.add(code.group(1));
		}
		assertThat(listed).as("values the README lists for " + key).containsExactlyInAnyOrderElementsOf(values(key));
	}

	@ParameterizedTest
	@MethodSource("enumeratedKeys")
	void failureReportListsEveryValue(String key) {
		StandardEnvironment environment = TestEnvironment.of(key, "no-such-value");
		InvalidOtelPropertyException failure = catchThrowableOfType(InvalidOtelPropertyException.class,
				() -> bindAll(environment));
		assertThat(failure).as("failure for " + key).isNotNull();
		assertThat(failure.getProperty()).isEqualTo(key);
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
		assertThat(values(key)).allSatisfy((value) -> assertThat(analysis.getAction()).contains(value));
		assertThat(analysis.getAction()).contains(OtelPropertyNames.toEnvironmentVariable(key));
	}

	private static void bindAll(StandardEnvironment environment) {
		SamplerSettings.from(environment);
		TracesExporterSettings.from(environment);
		PropagationSettings.from(environment);
		OtlpExporterSettings.from(environment);
		OtlpExporterSettings.from(environment, OtlpSignal.METRICS);
		MetricsSettings.from(environment);
		OtlpExporterSettings.from(environment, OtlpSignal.LOGS);
		LogsSettings.from(environment);
	}

	private static List<String> values(String key) {
		return PropertyValues.values(PropertyValues.ENUMERATED_KEYS.get(key));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> metadata() {
		Map<String, Map<String, Object>> entries = new HashMap<>();
		try (InputStream in = PropertyValuesDriftTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			for (Object entry : (List<?>) metadata.get("properties")) {
				Map<String, Object> property = (Map<String, Object>) entry;
				entries.put((String) property.get("name"), property);
			}
			for (Object entry : (List<?>) metadata.getOrDefault("hints", List.of())) {
				Map<String, Object> hint = (Map<String, Object>) entry;
				entries.put("hint:" + hint.get("name"), hint);
			}
			return entries;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readme() {
		try {
			return Files.readString(Path.of("..", "README.md"));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
