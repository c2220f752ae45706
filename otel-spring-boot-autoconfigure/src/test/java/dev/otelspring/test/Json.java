package dev.otelspring.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer for test fixtures that talk JSON over HTTP without a
 * JSON library. {@link #parse(String)} gives a {@link LinkedHashMap} for an object, an
 * {@link ArrayList} for an array, a {@link String}, a {@link Long} for an integer that
 * fits (otherwise a {@link Double}), a {@link Double} for any other number, a
 * {@link Boolean}, or {@code null}. Input that is not strict JSON (RFC 8259) is rejected.
 */
public final class Json {

	// Bounds the recursion, so deeply nested input fails cleanly instead of overflowing
	// the stack.
	private static final int MAX_DEPTH = 512;

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parse a JSON document.
	 * @param text the JSON text
	 * @return the value: a {@code Map<String, Object>}, a {@code List<Object>}, a
	 * {@code String}, a {@code Long} or {@code Double}, a {@code Boolean}, or
	 * {@code null}
	 * @throws IllegalArgumentException if the text is not a single well-formed JSON value
	 */
	public static Object parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("No JSON text");
		}
		Json parser = new Json(text);
		parser.skipWhitespace();
		Object value = parser.readValue(0);
		parser.skipWhitespace();
		if (parser.position != text.length()) {
			throw parser.error("Unexpected content after the JSON value");
		}
		return value;
	}

	/**
	 * Write a value as JSON.
	 * @param value a {@code Map} with {@code String} keys, an {@code Iterable} or array,
	 * a {@code CharSequence}, a finite {@code Number}, a {@code Boolean}, or
	 * {@code null}, nested freely
	 * @return the JSON text
	 * @throws IllegalArgumentException if the value, or anything in it, cannot be written
	 * as JSON
	 */
	public static String write(Object value) {
		StringBuilder json = new StringBuilder();
		write(value, json, 0);
		return json.toString();
	}

	// Writer.

	private static void write(Object value, StringBuilder json, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("Value nested more than " + MAX_DEPTH + " levels deep");
		}
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof CharSequence string) {
			writeString(string, json);
		}
		else if (value instanceof Boolean bool) {
			json.append(bool.booleanValue());
		}
		else if (value instanceof Number number) {
			writeNumber(number, json);
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key)) {
					throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
				}
				if (!first) {
					json.append(',');
				}
				first = false;
				writeString(key, json);
				json.append(':');
				write(entry.getValue(), json, depth + 1);
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> iterable) {
			json.append('[');
			boolean first = true;
			for (Object element : iterable) {
				if (!first) {
					json.append(',');
				}
				first = false;
				write(element, json, depth + 1);
			}
			json.append(']');
		}
		else if (value instanceof Object[] array) {
			write(Arrays.asList(array), json, depth);
		}
		else {
			throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeNumber(Number number, StringBuilder json) {
		if (number instanceof Double || number instanceof Float) {
			double value = number.doubleValue();
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				throw new IllegalArgumentException("JSON has no " + value);
			}
		}
		String text = number.toString();
		// BigDecimal and the like could print something that is not a JSON number.
		if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
			throw new IllegalArgumentException("Cannot write the number " + text + " as JSON");
		}
		json.append(text);
	}

	private static void writeString(CharSequence string, StringBuilder json) {
		json.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
				// Control characters must be escaped; DEL and the line and paragraph
				// separators are escaped too, so the text is safe to embed in a script.
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

	// Reader.

	private Object readValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("JSON nested more than " + MAX_DEPTH + " levels deep");
		}
		if (this.position >= this.text.length()) {
			throw error("Unexpected end of JSON");
		}
		char c = this.text.charAt(this.position);
		if (c == '{') {
			return readObject(depth);
		}
		if (c == '[') {
			return readArray(depth);
		}
		if (c == '"') {
			return readString();
		}
		if (c == '-' || (c >= '0' && c <= '9')) {
			return readNumber();
		}
		if (this.text.startsWith("true", this.position)) {
			this.position += 4;
			return Boolean.TRUE;
		}
		if (this.text.startsWith("false", this.position)) {
			this.position += 5;
			return Boolean.FALSE;
		}
		if (this.text.startsWith("null", this.position)) {
			this.position += 4;
			return null;
		}
		throw error("Unexpected character '" + c + "'");
	}

	private Map<String, Object> readObject(int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("Expected a string as object key");
			}
			String key = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			object.put(key, readValue(depth + 1));
			skipWhitespace();
			char c = next("',' or '}'");
			if (c == '}') {
				return object;
			}
			if (c != ',') {
				throw error("Expected ',' or '}' but found '" + c + "'", this.position - 1);
			}
		}
	}

	private List<Object> readArray(int depth) {
		List<Object> array = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return array;
		}
		while (true) {
			skipWhitespace();
			array.add(readValue(depth + 1));
			skipWhitespace();
			char c = next("',' or ']'");
			if (c == ']') {
				return array;
			}
			if (c != ',') {
				throw error("Expected ',' or ']' but found '" + c + "'", this.position - 1);
			}
		}
	}

	private String readString() {
		this.position++;
		StringBuilder string = new StringBuilder();
		while (true) {
			char c = next("'\"'");
			if (c == '"') {
				return string.toString();
			}
			if (c < 0x20) {
				throw error("Unescaped control character in string", this.position - 1);
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			char escape = next("an escape character");
			switch (escape) {
				case '"', '\\', '/' -> string.append(escape);
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				// Java strings are UTF-16, as are \\u escapes: a surrogate pair written
				// as
				// two escapes becomes the same pair of chars.
				case 'u' -> string.append(readHexChar());
				default -> throw error("Invalid escape '\\" + escape + "'", this.position - 1);
			}
		}
	}

	private char readHexChar() {
		if (this.position + 4 > this.text.length()) {
			throw error("Unexpected end of JSON in a \\u escape");
		}
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.position + i), 16);
			if (digit < 0) {
				throw error("Invalid \\u escape", this.position + i);
			}
			value = value * 16 + digit;
		}
		this.position += 4;
		return (char) value;
	}

	private Number readNumber() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		if (peek() == '0') {
			this.position++;
		}
		else if (!skipDigits()) {
			throw error("Invalid number");
		}
		boolean integral = true;
		if (peek() == '.') {
			this.position++;
			integral = false;
			if (!skipDigits()) {
				throw error("Expected digits after the decimal point");
			}
		}
		if (peek() == 'e' || peek() == 'E') {
			this.position++;
			integral = false;
			if (peek() == '+' || peek() == '-') {
				this.position++;
			}
			if (!skipDigits()) {
				throw error("Expected digits in the exponent");
			}
		}
		String number = this.text.substring(start, this.position);
		if (integral) {
			try {
				return Long.parseLong(number);
			}
			catch (NumberFormatException ex) {
				// Too large for a long.
			}
		}
		return Double.parseDouble(number);
	}

	// Skips ASCII digits; true if there was at least one.
	private boolean skipDigits() {
		int start = this.position;
		while (this.position < this.text.length() && this.text.charAt(this.position) >= '0'
				&& this.text.charAt(this.position) <= '9') {
			this.position++;
		}
		return this.position > start;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

	// The next character, or 0 at the end (0 is never valid there unescaped anyway).
	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : 0;
	}

	private char next(String expected) {
		if (this.position >= this.text.length()) {
			throw error("Unexpected end of JSON, expected " + expected);
		}
		return this.text.charAt(this.position++);
	}

	private void expect(char expected) {
		char c = next("'" + expected + "'");
		if (c != expected) {
			throw error("Expected '" + expected + "' but found '" + c + "'", this.position - 1);
		}
	}

	private IllegalArgumentException error(String message) {
		return error(message, this.position);
	}

	private IllegalArgumentException error(String message, int at) {
		return new IllegalArgumentException(message + " at offset " + at + " of JSON: " + excerpt());
	}

	// The input, cut short so a large document does not swamp the message.
	private String excerpt() {
		return (this.text.length() <= 200) ? this.text : this.text.substring(0, 200) + "…";
	}

}
