package dev.otelspring.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * An environment with the given properties on top, built with the API that Spring
 * Framework 6 and 7 share (these tests also run on Spring Boot 4).
 */
public final class TestEnvironment {

	private TestEnvironment() {
	}

	public static StandardEnvironment of(String... keysAndValues) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
