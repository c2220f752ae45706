package dev.otelspring.autoconfigure.internal;

/**
 * Span status descriptions from exception messages, which may hold client input: at most
 * {@value #MAX_LENGTH} characters. The whole message stays on the exception event, under
 * the attribute length limit.
 */
public final class StatusDescriptions {

	/** The longest description. */
	public static final int MAX_LENGTH = 256;

	private StatusDescriptions() {
	}

	/**
	 * Returns the status description for an exception message.
	 * @param message the message, or {@code null}
	 * @return the description, empty for {@code null}
	 */
	public static String of(String message) {
		if (message == null) {
			return "";
		}
		return (message.length() <= MAX_LENGTH) ? message : message.substring(0, MAX_LENGTH - 1) + "…";
	}

}
