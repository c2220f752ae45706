package dev.otelspring.autoconfigure.config;

/**
 * Thrown at startup when an {@code otel.*} property has a value the starter cannot use.
 * Carries the property name, the rejected value and a description of what is valid, so
 * that {@link InvalidOtelPropertyFailureAnalyzer} can tell the user exactly what to
 * change.
 *
 * <p>
 * The rejected value is never a secret: properties that hold credentials (exporter
 * headers) are reported without their values.
 */
public class InvalidOtelPropertyException extends IllegalStateException {

	private final String property;

	private final String value;

	private final String validValues;

	/**
	 * Creates a new exception.
	 * @param property the property name, in its canonical {@code otel.*} form
	 * @param value the rejected value as it was given
	 * @param validValues what would have been accepted, in words
	 */
	public InvalidOtelPropertyException(String property, String value, String validValues) {
		this(property, value, validValues, null);
	}

	/**
	 * Creates a new exception with the failure that revealed the bad value.
	 * @param property the property name, in its canonical {@code otel.*} form
	 * @param value the rejected value as it was given
	 * @param validValues what would have been accepted, in words
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidOtelPropertyException(String property, String value, String validValues, Throwable cause) {
		super("Invalid value '" + value + "' for property '" + property + "': valid values are " + validValues, cause);
		this.property = property;
		this.value = value;
		this.validValues = validValues;
	}

	/**
	 * Returns the name of the property whose value was rejected.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the rejected value.
	 * @return the value as given
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns a description of the values that would have been accepted.
	 * @return the valid values, in words
	 */
	public String getValidValues() {
		return this.validValues;
	}

}
