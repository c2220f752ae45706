package dev.otelspring.autoconfigure.exporter.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log lines {@link SpanExportStatistics} writes: one per change of state, never one
 * per batch.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpanExportStatisticsTests {

	private final MutableClock clock = new MutableClock();

	private final SpanExportStatistics statistics = new SpanExportStatistics(this.clock);

	@Test
	void dropsAreReportedOnceThenAtMostEveryFewMinutesWithTheCount(CapturedOutput output) {
		for (int i = 0; i < 1000; i++) {
			this.statistics.onDropped(3);
			this.clock.advance(Duration.ofMillis(100));
		}
		// 100 s of drops: one line.
		assertThat(count(output.getOut(), "Spans are being dropped")).isEqualTo(1);
		assertThat(count(output.getOut(), "more span(s) were dropped")).isZero();
		this.clock.advance(Duration.ofMinutes(SpanExportStatistics.DROP_WARNING_INTERVAL_MINUTES));
		this.statistics.onDropped(5);
		assertThat(output.getOut())
			.contains("3002 more span(s) were dropped from a full queue since the last report; " + "3005 in total.");
		this.statistics.onDropped(5);
		assertThat(count(output.getOut(), "more span(s) were dropped")).isEqualTo(1);
		assertThat(this.statistics.getDropped()).isEqualTo(3010);
	}

	@Test
	void failuresAreReportedOnceAndRecoveryOnce(CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			this.statistics.onFailed(10, new java.io.IOException("connection refused"));
		}
		this.statistics.onExported(10);
		this.statistics.onExported(10);
		assertThat(count(output.getOut(), "Span export is failing (java.io.IOException: connection refused)"))
			.isEqualTo(1);
		assertThat(count(output.getOut(), "Span export recovered after 50 failed export(s); 500 span(s) failed"))
			.isEqualTo(1);
		assertThat(this.statistics.getExported()).isEqualTo(20);
		assertThat(this.statistics.isFailing()).isFalse();
	}

	private static int count(String text, String needle) {
		return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-24T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
