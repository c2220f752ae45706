package dev.otelspring.autoconfigure.sdk;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once at startup, each of Spring Boot's {@code management.*} tracing keys that the
 * application sets and that has no effect beside this starter's SDK.
 */
final class OverlappingKeysReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(OverlappingKeysReport.class);

	private final List<String> lines;

	OverlappingKeysReport(List<String> lines) {
		this.lines = lines;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.lines.forEach(logger::warn);
	}

}
