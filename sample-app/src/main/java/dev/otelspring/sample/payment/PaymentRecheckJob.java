package dev.otelspring.sample.payment;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every so often, checks that the payment gateway is up and counts the payments still
 * pending. The starter makes each run the root span of a trace of its own, with the
 * gateway call and the query under it; nothing here is written for tracing.
 */
@Component
class PaymentRecheckJob {

	private static final Log logger = LogFactory.getLog(PaymentRecheckJob.class);

	private final PaymentGatewayClient gateway;

	private final JdbcTemplate jdbc;

	PaymentRecheckJob(PaymentGatewayClient gateway, JdbcTemplate jdbc) {
		this.gateway = gateway;
		this.jdbc = jdbc;
	}

	@Scheduled(initialDelayString = "${sample.payments.recheck-interval:60s}",
			fixedDelayString = "${sample.payments.recheck-interval:60s}")
	void recheck() {
		String status = this.gateway.status();
		List<String> pending = this.jdbc.queryForList("SELECT order_id FROM payments WHERE status = 'PENDING'",
				String.class);
		logger.info("Payment gateway " + status + "; " + pending.size() + " payment(s) pending");
	}

}
