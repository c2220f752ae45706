package dev.otelspring.sample.payment;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for an external payment gateway, served by the same application so the
 * sample runs alone. Its SERVER span continues the caller's trace through
 * {@code traceparent}, as a real gateway's would. Charges above 1000 are declined.
 */
@RestController
class PaymentGatewayController {

	static final double LIMIT = 1000;

	@PostMapping("/gateway/charges")
	ResponseEntity<Map<String, Object>> charge(@RequestBody Map<String, Object> charge) {
		double amount = ((Number) charge.get("amount")).doubleValue();
		if (amount > LIMIT) {
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(Map.of("error", "limit exceeded"));
		}
		return ResponseEntity.ok(Map.of("paymentId", UUID.randomUUID().toString(), "amount", amount));
	}

	@GetMapping("/gateway/status")
	Map<String, Object> status() {
		return Map.of("status", "UP");
	}

}
