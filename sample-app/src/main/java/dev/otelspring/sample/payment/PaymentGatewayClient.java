package dev.otelspring.sample.payment;

import java.util.Map;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

/**
 * Calls the payment gateway over HTTP with the application's {@link RestTemplate} bean:
 * the starter adds a CLIENT span to the call and passes the trace on in
 * {@code traceparent}.
 */
@Component
public class PaymentGatewayClient {

	private final RestTemplate restTemplate;

	private final Environment environment;

	PaymentGatewayClient(RestTemplate restTemplate, Environment environment) {
		this.restTemplate = restTemplate;
		this.environment = environment;
	}

	@Traced(value = "call-payment-gateway", attributes = "payment.provider=demo-gateway")
	public String charge(@SpanAttribute("order.id") String orderId, @SpanAttribute("payment.amount") double amount) {
		try {
			Map<?, ?> answer = this.restTemplate.postForObject(gatewayUrl() + "/gateway/charges",
					Map.of("reference", orderId, "amount", amount), Map.class);
			return String.valueOf(answer.get("paymentId"));
		}
		catch (HttpClientErrorException ex) {
			throw new PaymentDeclinedException("payment declined: " + ex.getStatusText(), ex);
		}
	}

	/**
	 * Asks the gateway whether it is up.
	 * @return the status it reports
	 */
	public String status() {
		Map<?, ?> answer = this.restTemplate.getForObject(gatewayUrl() + "/gateway/status", Map.class);
		return String.valueOf(answer.get("status"));
	}

	private String gatewayUrl() {
		String configured = this.environment.getProperty("payment.gateway.url");
		return (configured != null) ? configured
				: "http://localhost:" + this.environment.getProperty("local.server.port");
	}

}
