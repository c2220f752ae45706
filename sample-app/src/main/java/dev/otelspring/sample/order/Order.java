package dev.otelspring.sample.order;

/**
 * A placed order.
 *
 * @param id the order id
 * @param customerId who ordered
 * @param total the order's value
 * @param status where it stands
 */
public record Order(String id, String customerId, double total, String status) {
}
