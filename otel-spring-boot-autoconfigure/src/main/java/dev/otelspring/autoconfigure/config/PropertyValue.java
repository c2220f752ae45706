package dev.otelspring.autoconfigure.config;

/**
 * A value of an enumerated {@code otel.*} key, as it is written in configuration. Each
 * enumerated key has exactly one enum implementing this interface: the parser, the
 * failure report's list of valid values, the IDE metadata hints and the README's
 * reference table all derive from, or are tested against, that enum.
 */
public interface PropertyValue {

	/**
	 * Returns the value as it is written in configuration, such as
	 * {@code parentbased_always_on}.
	 * @return the configured form
	 */
	String value();

}
