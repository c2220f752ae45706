/**
 * Kafka spans: PRODUCER spans for sends, CONSUMER spans for records processed, the trace
 * carried in the record headers.
 */
package dev.otelspring.autoconfigure.kafka;
