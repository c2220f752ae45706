package dev.otelspring.sample.order;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order API. The starter's servlet filter makes the SERVER span of each request;
 * nothing here knows about tracing.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Order place(@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestBody OrderRequest request) {
		return this.orders.place(authorization, request);
	}

	@GetMapping("/{id}")
	Order get(@PathVariable String id) {
		return this.orders.find(id);
	}

}
