package dev.otelspring.autoconfigure.web.internal;

/**
 * HTTP status codes as the {@code Long} values the SDK stores for
 * {@code http.response.status.code}, boxed once at class load for 100-599 so that
 * recording a status allocates nothing per request or call.
 */
public final class HttpStatusCodes {

	private static final int FIRST = 100;

	private static final Long[] BOXED = new Long[500];

	static {
		for (int i = 0; i < BOXED.length; i++) {
			BOXED[i] = (long) (FIRST + i);
		}
	}

	private HttpStatusCodes() {
	}

	/**
	 * Returns the status code as a {@code Long}, shared for 100-599.
	 * @param status the status code
	 * @return the boxed code
	 */
	public static Long valueOf(int status) {
		int index = status - FIRST;
		return (index >= 0 && index < BOXED.length) ? BOXED[index] : Long.valueOf(status);
	}

}
