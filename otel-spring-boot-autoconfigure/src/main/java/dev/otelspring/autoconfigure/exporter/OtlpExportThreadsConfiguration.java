package dev.otelspring.autoconfigure.exporter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@link OtlpExportThreads} for the metric and log record exporters, unless the
 * span exporter's configuration has already declared them.
 */
@Configuration(proxyBeanMethods = false)
class OtlpExportThreadsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OtlpExportThreads otelOtlpExportThreads() {
		return new OtlpExportThreads();
	}

}
