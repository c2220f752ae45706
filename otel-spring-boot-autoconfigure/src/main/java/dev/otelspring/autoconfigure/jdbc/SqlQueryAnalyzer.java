package dev.otelspring.autoconfigure.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads SQL text in one pass, in time linear in the part it reads: replaces literals
 * (strings, numbers, PostgreSQL dollar-quoted strings) with {@code ?}, drops comments,
 * and notes the operations and the tables they act on. Quoted identifiers and
 * placeholders are kept. Reading stops at {@code maxLength} characters of output, so a
 * statement of megabytes costs no more than the span attribute can hold.
 *
 * <p>
 * Results for short statements are cached (a bounded number of them), since the same
 * prepared statements run again and again. Thread-safe.
 */
final class SqlQueryAnalyzer {

	private static final int MAX_CACHED = 1024;

	private static final int MAX_CACHED_LENGTH = 4096;

	private static final int MAX_SUMMARY_LENGTH = 255;

	private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "CALL",
			"CREATE", "DROP", "ALTER", "TRUNCATE", "REPLACE", "UPSERT", "EXEC", "EXECUTE");

	private static final Set<String> TARGET_AFTER = Set.of("FROM", "INTO", "JOIN", "TABLE");

	/** Operations whose next name is a stored procedure: in the summary, not a table. */
	private static final Set<String> PROCEDURE_CALLS = Set.of("CALL", "EXEC", "EXECUTE");

	/**
	 * Words after which an operation keyword is not an operation (FOR UPDATE, ON DELETE,
	 * DO UPDATE, KEY UPDATE, OR REPLACE).
	 */
	private static final Set<String> NOT_OPERATION_AFTER = Set.of("FOR", "ON", "DO", "KEY", "OR", "THEN");

	/** Schema operations that take the kind of object into their name (CREATE TABLE). */
	private static final Set<String> SCHEMA_OPERATIONS = Set.of("CREATE", "DROP", "ALTER");

	private static final Set<String> SCHEMA_OBJECTS = Set.of("TABLE", "INDEX", "VIEW", "SEQUENCE", "SCHEMA", "DATABASE",
			"PROCEDURE", "FUNCTION", "TRIGGER", "TYPE");

	/** Words that can follow FROM, INTO or TABLE and are not a table name. */
	private static final Set<String> NOT_TARGET = Set.of("SELECT", "IF", "NOT", "EXISTS", "ONLY", "LATERAL", "UNNEST",
			"TABLE", "VALUES", "SET");

	private final boolean sanitize;

	private final int maxLength;

	private final boolean backslashEscapes;

	private final ConcurrentHashMap<String, SqlQuery> cache = new ConcurrentHashMap<>();

	SqlQueryAnalyzer(boolean sanitize, int maxLength) {
		this(sanitize, maxLength, false);
	}

	/**
	 * Creates an analyzer.
	 * @param sanitize whether literals are replaced
	 * @param maxLength the most characters of text read and kept
	 * @param backslashEscapes whether a backslash escapes the next character in a string
	 * literal (MySQL and MariaDB by default); elsewhere only {@code E'...'} strings have
	 * escapes, and a backslash before a quote ends the string
	 */
	SqlQueryAnalyzer(boolean sanitize, int maxLength, boolean backslashEscapes) {
		this.sanitize = sanitize;
		this.maxLength = Math.max(1, maxLength);
		this.backslashEscapes = backslashEscapes;
	}

	SqlQuery analyze(String sql) {
		if (sql == null) {
			return new SqlQuery(null, null, null, "");
		}
		boolean cacheable = sql.length() <= MAX_CACHED_LENGTH;
		if (cacheable) {
			SqlQuery cached = this.cache.get(sql);
			if (cached != null) {
				return cached;
			}
		}
		SqlQuery query = new Reader(sql, this.sanitize, this.maxLength, this.backslashEscapes).read();
		if (cacheable && this.cache.size() < MAX_CACHED) {
			this.cache.putIfAbsent(sql, query);
		}
		return query;
	}

	/** One pass over one statement. */
	private static final class Reader {

		private final String sql;

		private final boolean sanitize;

		private final int maxLength;

		private final boolean backslashEscapes;

		private final StringBuilder out;

		private final List<String> operations = new ArrayList<>(2);

		private final List<String> targets = new ArrayList<>(2);

		private final StringBuilder summary = new StringBuilder();

		private String previousWord = "";

		private boolean expectTarget;

		private boolean expectProcedure;

		private boolean summaryFull;

		private boolean fromList;

		private int pos;

		Reader(String sql, boolean sanitize, int maxLength, boolean backslashEscapes) {
			this.sql = sql;
			this.sanitize = sanitize;
			this.maxLength = maxLength;
			this.backslashEscapes = backslashEscapes;
			this.out = new StringBuilder(Math.min(sql.length(), maxLength));
		}

		SqlQuery read() {
			int length = this.sql.length();
			while (this.pos < length && this.out.length() < this.maxLength) {
				char c = this.sql.charAt(this.pos);
				if (c == '\'') {
					skipQuoted('\'', this.backslashEscapes || isEscapeStringPrefix());
					literal();
				}
				else if (c == '"' || c == '`' || Character.isLetter(c) || c == '_') {
					readName();
				}
				else if (c == '-' && next(1) == '-') {
					skipLineComment();
				}
				else if (c == '/' && next(1) == '*') {
					skipBlockComment();
				}
				else if (c == '$' && Character.isDigit(next(1))) {
					// $1: a positional parameter, kept
					int start = this.pos++;
					while (this.pos < length && Character.isDigit(this.sql.charAt(this.pos))) {
						this.pos++;
					}
					this.out.append(this.sql, start, this.pos);
				}
				else if (c == '$' && isDollarQuoteStart()) {
					skipDollarQuoted();
					literal();
				}
				else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next(1)))) {
					skipNumber();
					literal();
				}
				else if (Character.isWhitespace(c)) {
					while (this.pos < length && Character.isWhitespace(this.sql.charAt(this.pos))) {
						this.pos++;
					}
					space();
				}
				else {
					punctuation(c);
					this.pos++;
				}
			}
			String text = this.sanitize ? this.out.toString().trim() : raw();
			if (text.length() > this.maxLength) {
				text = text.substring(0, this.maxLength);
			}
			String operation = (this.operations.size() == 1) ? this.operations.get(0) : null;
			String collection = (operation != null && this.targets.size() == 1) ? this.targets.get(0) : null;
			return new SqlQuery(text, operation, collection, this.summary.toString());
		}

		private String raw() {
			return (this.sql.length() <= this.maxLength) ? this.sql : this.sql.substring(0, this.maxLength);
		}

		private char next(int offset) {
			int index = this.pos + offset;
			return (index < this.sql.length()) ? this.sql.charAt(index) : 0;
		}

		private static boolean isWordPart(char c) {
			return Character.isLetterOrDigit(c) || c == '_' || c == '$';
		}

		private static boolean isNameStart(char c) {
			return Character.isLetter(c) || c == '_' || c == '"' || c == '`';
		}

		/**
		 * Reads a name, qualified or not ({@code orders}, {@code public.orders},
		 * {@code "public"."Orders"}), quoted parts kept as written.
		 */
		private void readName() {
			int start = this.pos;
			int length = this.sql.length();
			boolean quoted = false;
			while (this.pos < length) {
				char c = this.sql.charAt(this.pos);
				if (c == '"' || c == '`') {
					skipQuoted(c, false);
					quoted = true;
				}
				else {
					while (this.pos < length && isWordPart(this.sql.charAt(this.pos))) {
						this.pos++;
					}
				}
				if (this.pos + 1 < length && this.sql.charAt(this.pos) == '.' && isNameStart(next(1))) {
					this.pos++;
				}
				else {
					break;
				}
			}
			word(this.sql.substring(start, this.pos), !quoted);
		}

		/**
		 * Returns whether the quote at the position opens a PostgreSQL {@code E'...'}
		 * string.
		 * @return whether backslashes escape in this string
		 */
		private boolean isEscapeStringPrefix() {
			if (this.pos == 0) {
				return false;
			}
			char prefix = this.sql.charAt(this.pos - 1);
			return (prefix == 'E' || prefix == 'e') && (this.pos < 2 || !isWordPart(this.sql.charAt(this.pos - 2)));
		}

		private char nextNonSpace() {
			int index = this.pos;
			while (index < this.sql.length() && Character.isWhitespace(this.sql.charAt(index))) {
				index++;
			}
			return (index < this.sql.length()) ? this.sql.charAt(index) : 0;
		}

		private void skipQuoted(char quote, boolean escapes) {
			int length = this.sql.length();
			this.pos++;
			while (this.pos < length) {
				char c = this.sql.charAt(this.pos++);
				if (c == quote) {
					if (this.pos < length && this.sql.charAt(this.pos) == quote) {
						this.pos++;
					}
					else {
						return;
					}
				}
				else if (c == '\\' && escapes && this.pos < length) {
					this.pos++;
				}
			}
		}

		private void skipLineComment() {
			int end = this.sql.indexOf('\n', this.pos);
			this.pos = (end < 0) ? this.sql.length() : end;
		}

		private void skipBlockComment() {
			int end = this.sql.indexOf("*/", this.pos + 2);
			this.pos = (end < 0) ? this.sql.length() : end + 2;
			space();
		}

		private boolean isDollarQuoteStart() {
			int length = this.sql.length();
			int i = this.pos + 1;
			while (i < length && (Character.isLetterOrDigit(this.sql.charAt(i)) || this.sql.charAt(i) == '_')) {
				if (i == this.pos + 1 && Character.isDigit(this.sql.charAt(i))) {
					// $1: a positional parameter
					return false;
				}
				i++;
			}
			return i < length && this.sql.charAt(i) == '$';
		}

		private void skipDollarQuoted() {
			int tagEnd = this.sql.indexOf('$', this.pos + 1);
			String tag = this.sql.substring(this.pos, tagEnd + 1);
			int end = this.sql.indexOf(tag, tagEnd + 1);
			this.pos = (end < 0) ? this.sql.length() : end + tag.length();
		}

		private void skipNumber() {
			int length = this.sql.length();
			if (this.sql.charAt(this.pos) == '0' && (next(1) == 'x' || next(1) == 'X')) {
				this.pos += 2;
			}
			while (this.pos < length) {
				char c = this.sql.charAt(this.pos);
				if (Character.isLetterOrDigit(c) || c == '.') {
					this.pos++;
				}
				else if ((c == '+' || c == '-')
						&& (this.sql.charAt(this.pos - 1) == 'e' || this.sql.charAt(this.pos - 1) == 'E')) {
					this.pos++;
				}
				else {
					return;
				}
			}
		}

		private void literal() {
			this.out.append('?');
			this.expectTarget = false;
			this.previousWord = "";
		}

		private void space() {
			if (this.out.length() > 0 && this.out.charAt(this.out.length() - 1) != ' ') {
				this.out.append(' ');
			}
		}

		private void punctuation(char c) {
			this.out.append(c);
			if (c == ',' && this.fromList) {
				this.expectTarget = true;
			}
			else if (c == '(' || c == ')' || c == ';') {
				this.expectTarget = false;
				this.expectProcedure = false;
				this.fromList = false;
			}
			this.previousWord = "";
		}

		private void word(String word, boolean unquoted) {
			this.out.append(word);
			if (!unquoted) {
				target(word);
				this.previousWord = "";
				return;
			}
			String upper = word.toUpperCase(Locale.ROOT);
			if (SCHEMA_OBJECTS.contains(upper) && SCHEMA_OPERATIONS.contains(this.previousWord)
					&& !this.operations.isEmpty()) {
				int last = this.operations.size() - 1;
				this.operations.set(last, this.operations.get(last) + " " + upper);
				appendSummary(upper);
				this.expectTarget = true;
			}
			else if (OPERATIONS.contains(upper) && !NOT_OPERATION_AFTER.contains(this.previousWord)
					&& !("REPLACE".equals(upper) && nextNonSpace() == '(')) {
				this.operations.add(upper);
				appendSummary(upper);
				this.fromList = false;
				this.expectTarget = "UPDATE".equals(upper) || "TRUNCATE".equals(upper);
				this.expectProcedure = PROCEDURE_CALLS.contains(upper);
			}
			else if (this.expectProcedure) {
				this.expectProcedure = false;
				appendSummary(word);
			}
			else if (TARGET_AFTER.contains(upper)) {
				this.expectTarget = true;
				this.fromList = "FROM".equals(upper);
			}
			else if (this.expectTarget && ("DUAL".equals(upper) || isClauseWord(upper))) {
				// no table: SELECT 1 FROM DUAL WHERE ..., or a clause where a name was
				// due
				this.expectTarget = false;
				this.fromList = false;
			}
			else if (this.expectTarget && !NOT_TARGET.contains(upper)) {
				target(word);
			}
			else if (this.fromList && !this.expectTarget && isClauseWord(upper)) {
				this.fromList = false;
			}
			this.previousWord = upper;
		}

		private static boolean isClauseWord(String upper) {
			return switch (upper) {
				case "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "ON", "USING", "SET", "VALUES", "RETURNING",
						"FETCH", "OFFSET", "FOR", "WINDOW", "INTERSECT", "EXCEPT" ->
					true;
				default -> false;
			};
		}

		private void target(String name) {
			if (this.expectProcedure) {
				this.expectProcedure = false;
				appendSummary(name);
				return;
			}
			if (!this.expectTarget) {
				return;
			}
			this.expectTarget = false;
			if (!this.targets.contains(name)) {
				this.targets.add(name);
			}
			appendSummary(name);
		}

		private void appendSummary(String part) {
			if (this.summaryFull || this.summary.length() + part.length() + 1 > MAX_SUMMARY_LENGTH) {
				this.summaryFull = true;
				return;
			}
			if (this.summary.length() > 0) {
				this.summary.append(' ');
			}
			this.summary.append(part);
		}

	}

}
