package dev.otelspring.autoconfigure.exporter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@link OtlpExportThreads} once, for every OTLP/HTTP exporter of the starter.
 */
@Configuration(proxyBeanMethods = false)
class OtlpExportThreadsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OtlpExportThreads otelOtlpExportThreads() {
		return new OtlpExportThreads();
	}

}
