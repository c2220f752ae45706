package dev.otelspring.autoconfigure.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the OpenTelemetry SDK's standard {@code otel.*} properties from the Spring
 * {@link Environment}, so that {@code application.yml}, system properties and the
 * standard {@code OTEL_*} environment variables all work, and validates each value as it
 * is read.
 *
 * <p>
 * The standard keys do not fit a {@code @ConfigurationProperties} class (for example
 * {@code otel.traces.sampler} is a value and {@code otel.traces.sampler.arg} sits beneath
 * it), so they are read by name here; their IDE metadata is declared in
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 *
 * <p>
 * Every getter throws {@link InvalidOtelPropertyException} for a value it cannot use.
 * Instances are cheap and are used at startup only.
 */
final class OtelProperties {

	private final Binder binder;

	/**
	 * Creates a reader over the given environment.
	 * @param environment the Spring environment
	 */
	OtelProperties(Environment environment) {
		this.binder = Binder.get(environment);
	}

	/**
	 * Returns the trimmed value of the property, or {@code null} when it is absent or
	 * blank.
	 * @param key the property name
	 * @return the value or {@code null}
	 */
	String getString(String key) {
		String value = this.binder.bind(key, String.class).orElse(null);
		return StringUtils.hasText(value) ? value.trim() : null;
	}

	/**
	 * Returns the value of the first of the given properties that is set.
	 * @param keys the property names, most specific first
	 * @return the value or {@code null}
	 */
	String getString(String... keys) {
		for (String key : keys) {
			String value = getString(key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Returns the name of the first of the given properties that is set, for error
	 * messages.
	 * @param keys the property names, most specific first
	 * @return the name of the first set property, or the first name when none is set
	 */
	String firstSet(String... keys) {
		for (String key : keys) {
			if (getString(key) != null) {
				return key;
			}
		}
		return keys[0];
	}

	/**
	 * Returns a boolean property.
	 * @param key the property name
	 * @param defaultValue the value when the property is absent
	 * @return the value
	 */
	boolean getBoolean(String key, boolean defaultValue) {
		String value = getString(key);
		if (value == null) {
			return defaultValue;
		}
		if ("true".equalsIgnoreCase(value)) {
			return true;
		}
		if ("false".equalsIgnoreCase(value)) {
			return false;
		}
		throw new InvalidOtelPropertyException(key, value, "true or false");
	}

	/**
	 * Returns an integer property that must be at least {@code min}.
	 * @param key the property name
	 * @param defaultValue the value when the property is absent
	 * @param min the smallest valid value
	 * @return the value
	 */
	int getInt(String key, int defaultValue, int min) {
		String value = getString(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidOtelPropertyException(key, value, "a whole number of at least " + min);
	}

	/**
	 * Returns a duration property. A bare number is read as milliseconds, as the
	 * OpenTelemetry specification defines for {@code OTEL_*} durations; a unit suffix
	 * ({@code 500ms}, {@code 5s}, {@code 1m}) or an ISO-8601 duration ({@code PT5S}) is
	 * also accepted.
	 * @param key the property name
	 * @param defaultValue the value when the property is absent
	 * @return the value, never negative
	 */
	Duration getDuration(String key, Duration defaultValue) {
		String value = getString(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			Duration parsed = DurationStyle.detectAndParse(value);
			if (!parsed.isNegative()) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidOtelPropertyException(key, value,
				"a non-negative duration: milliseconds as a number (5000) or with a unit (500ms, 5s, 1m)");
	}

	/**
	 * Returns a list property, given either as a comma-separated string or as a YAML
	 * list. Entries are trimmed and lower-cased; blank entries are dropped.
	 * @param key the property name
	 * @param defaultValue the value when the property is absent
	 * @return the value
	 */
	List<String> getList(String key, List<String> defaultValue) {
		List<String> values = this.binder.bind(key, Bindable.listOf(String.class)).orElse(null);
		if (values == null) {
			return defaultValue;
		}
		List<String> result = values.stream()
			.filter(StringUtils::hasText)
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.toList();
		return result.isEmpty() ? defaultValue : result;
	}

	/**
	 * Returns a list of names (bean names, for example), given either as a
	 * comma-separated string or as a YAML list, trimmed, case kept, blank entries
	 * dropped.
	 * @param key the property name
	 * @return the names, empty when absent
	 */
	List<String> getNames(String key) {
		List<String> values = this.binder.bind(key, Bindable.listOf(String.class)).orElse(List.of());
		return values.stream().filter(StringUtils::hasText).map(String::trim).toList();
	}

	/**
	 * Returns a map property, given either as a YAML map or as the
	 * {@code key=value,key2=value2} string that the {@code OTEL_*} environment variables
	 * use (values may be percent-encoded).
	 * @param key the property name
	 * @param secretValues whether the values are secrets that must not appear in an error
	 * message
	 * @return the value, empty when absent
	 */
	Map<String, String> getMap(String key, boolean secretValues) {
		String text = getString(key);
		if (text != null) {
			return parseKeyValueList(key, text, secretValues);
		}
		Map<String, String> map = this.binder.bind(key, Bindable.mapOf(String.class, String.class)).orElse(null);
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Collections.emptyMap();
	}

	private static Map<String, String> parseKeyValueList(String key, String text, boolean secretValues) {
		Map<String, String> result = new LinkedHashMap<>();
		for (String entry : text.split(",")) {
			if (!StringUtils.hasText(entry)) {
				continue;
			}
			int equals = entry.indexOf('=');
			if (equals <= 0) {
				String shown = secretValues ? SecretKeys.HIDDEN : text;
				throw new InvalidOtelPropertyException(key, shown,
						"a comma-separated list of key=value pairs, or a map in YAML");
			}
			String name = entry.substring(0, equals).trim();
			String value = entry.substring(equals + 1).trim();
			try {
				result.put(name, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				// The decoder's message quotes the value: it is not passed on.
				String shown = secretValues ? SecretKeys.HIDDEN : text;
				throw new InvalidOtelPropertyException(key, shown,
						"key=value pairs whose values are percent-encoded: '%' only before two hex digits (%25 for '%')");
			}
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Binds an immutable {@code @ConfigurationProperties} record at the given prefix, as
	 * Spring Boot would, reporting a value that cannot be converted or that the record
	 * rejects as an {@link InvalidOtelPropertyException} naming the key.
	 * @param <T> the type
	 * @param prefix the prefix, such as {@code otel.spring.sampling}
	 * @param type the properties record
	 * @return the bound instance, with defaults where nothing is set
	 */
	<T> T bind(String prefix, Class<T> type) {
		try {
			return this.binder.bindOrCreate(prefix, type);
		}
		catch (BindException ex) {
			Throwable cause = ex;
			while (cause != null) {
				if (cause instanceof InvalidOtelPropertyException invalid) {
					throw invalid;
				}
				cause = cause.getCause();
			}
			String key = (ex.getProperty() != null) ? ex.getProperty().getName().toString() : ex.getName().toString();
			String value = (ex.getProperty() != null) ? String.valueOf(ex.getProperty().getValue()) : "(unreadable)";
			throw new InvalidOtelPropertyException(key, SecretKeys.isSecret(key) ? SecretKeys.HIDDEN : value,
					"a value of type " + ex.getTarget().getType(), ex);
		}
	}

}
