package dev.otelspring.sample.payment;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The payment gateway refused the charge: the order fails with 500.
 */
@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
public class PaymentDeclinedException extends RuntimeException {

	public PaymentDeclinedException(String message, Throwable cause) {
		super(message, cause);
	}

}
