package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PathPatternTests {

	@ParameterizedTest
	@CsvSource({ "/a/**,/a,true", "/a/**,/a/b/c,true", "/a/**,/ab,false", "/**,/,true", "/**,/x/y,true", "/a*,/ab,true",
			"/a*,/b,false", "*.css,/x/y.css,true", "*.css,/x/y.cssx,false", "/exact,/exact,true",
			"/exact,/exact/,false", "*,/anything,true" })
	void matches(String pattern, String value, boolean matches) {
		assertThat(PathPattern.compile("k", pattern).matches(value)).isEqualTo(matches);
	}

	@Test
	void nullNeverMatchesAndBlankPatternsAreLeftOut() {
		assertThat(PathPattern.compile("k", "/a").matches(null)).isFalse();
		assertThat(PathPattern.compile("k", "  ")).isNull();
		assertThat(PathPattern.compileAll("k", List.of(" /a ", "", "*.js"))).hasToString("[/a, *.js]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/*/orders", "/a/**/b", "**.css", "/a/*/**", "/x**" })
	void aStarThatIsNotAtAnEndStopsStartupNamingTheKey(String pattern) {
		assertThatExceptionOfType(InvalidOtelPropertyException.class)
			.isThrownBy(() -> PathPattern.compile("otel.spring.http.server.skip-paths", pattern))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("otel.spring.http.server.skip-paths");
				assertThat(ex.getValue()).isEqualTo(pattern);
				assertThat(ex.getValidValues()).contains("'prefix/**'");
			});
	}

}
