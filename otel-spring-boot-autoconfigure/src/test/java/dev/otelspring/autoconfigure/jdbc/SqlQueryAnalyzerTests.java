package dev.otelspring.autoconfigure.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlQueryAnalyzerTests {

	private final SqlQueryAnalyzer analyzer = new SqlQueryAnalyzer(true, 2048);

	@Test
	void stringLiteralsAreReplaced() {
		assertThat(sanitized("SELECT * FROM users WHERE name = 'O''Brien' AND dir = 'c:\\dir\\'"))
			.isEqualTo("SELECT * FROM users WHERE name = ? AND dir = ?");
		// MySQL: a backslash escapes the next character.
		assertThat(new SqlQueryAnalyzer(true, 2048, true)
			.analyze("SELECT * FROM users WHERE name = 'O''Brien' AND nick = 'it\\'s' AND dir = 'c:\\\\dir\\\\'")
			.text()).isEqualTo("SELECT * FROM users WHERE name = ? AND nick = ? AND dir = ?");
		assertThat(sanitized("SELECT '', 'a''', 'two\nlines' FROM t")).isEqualTo("SELECT ?, ?, ? FROM t");
	}

	@Test
	void commentMarkersInsideStringLiteralsAreLiteralText() {
		assertThat(sanitized("SELECT * FROM t WHERE a = 'it''s -- not a comment' AND b = '/* nor this */' AND c = 1"))
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "3.14", ".5", "1e10", "2.5E-3", "1E+5", "12.34e-56", "0xFF", "0XdeadBEEF" })
	void numericLiteralsAreReplaced(String literal) {
		assertThat(sanitized("SELECT * FROM t WHERE a = " + literal + " AND b = 1"))
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
	}

	@Test
	void negativeNumbersKeepTheirMinus() {
		assertThat(sanitized("SELECT * FROM t WHERE a = -5 AND b = -3.5 AND c=-1"))
			.isEqualTo("SELECT * FROM t WHERE a = -? AND b = -? AND c=-?");
	}

	@Test
	void digitsInIdentifiersAreKept() {
		assertThat(sanitized("SELECT c3po, r2d2 FROM covid19 WHERE n1h1=1234"))
			.isEqualTo("SELECT c3po, r2d2 FROM covid19 WHERE n1h1=?");
	}

	@Test
	void dollarQuotedStringsAreReplaced() {
		assertThat(sanitized("SELECT * FROM t WHERE a = $$it's$$ AND b = $fn$ body $x$ -- no comment $fn$ AND c = 1"))
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
	}

	@Test
	void positionalParametersAreKept() {
		assertThat(sanitized("SELECT * FROM t WHERE a = $1 AND b = $12"))
			.isEqualTo("SELECT * FROM t WHERE a = $1 AND b = $12");
	}

	@Test
	void placeholdersAreKept() {
		assertThat(sanitized("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"))
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
	}

	@Test
	void quotedIdentifiersAreKeptVerbatim() {
		assertThat(sanitized("SELECT \"Name\", `x y`, \"a\"\"b\", \"col 1\" FROM \"Orders\" WHERE \"a\" = 'b'"))
			.isEqualTo("SELECT \"Name\", `x y`, \"a\"\"b\", \"col 1\" FROM \"Orders\" WHERE \"a\" = ?");
	}

	@Test
	void commentsAreDropped() {
		assertThat(sanitized("SELECT a -- the 'first' column\nFROM t /* block 42 */ WHERE b = 1 -- trailing"))
			.isEqualTo("SELECT a FROM t WHERE b = ?");
		assertThat(sanitized("SELECT a/*c*/FROM t")).isEqualTo("SELECT a FROM t");
		assertThat(sanitized("/* hint */ SELECT 1")).isEqualTo("SELECT ?");
		assertThat(sanitized("SELECT 1 /* never closed 'x'")).isEqualTo("SELECT ?");
	}

	@Test
	void whitespaceIsCollapsed() {
		assertThat(sanitized("  SELECT   a,\n\t b  FROM\r\n  t  ")).isEqualTo("SELECT a, b FROM t");
	}

	@Test
	void punctuationIsKeptAsWritten() {
		assertThat(sanitized("INSERT INTO X VALUES(1, 23456, 123.456)")).isEqualTo("INSERT INTO X VALUES(?, ?, ?)");
		assertThat(sanitized("SELECT COUNT(*) FROM t WHERE a=1")).isEqualTo("SELECT COUNT(*) FROM t WHERE a=?");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "SELECT * FROM orders WHERE id = 1 | SELECT | orders | SELECT orders",
			"SELECT * FROM orders o JOIN customers c ON o.cid = c.id | SELECT | | SELECT orders customers",
			"SELECT * FROM orders o LEFT OUTER JOIN customers c ON o.cid = c.id | SELECT | | SELECT orders customers",
			"SELECT * FROM Orders o CROSS JOIN OrderDetails od | SELECT | | SELECT Orders OrderDetails",
			"SELECT * FROM orders, customers WHERE orders.cid = customers.id | SELECT | | SELECT orders customers",
			"SELECT * FROM orders o, customers c WHERE o.cid = c.id | SELECT | | SELECT orders customers",
			"SELECT a FROM dbo.Table JOIN dbo.AnotherTable | SELECT | | SELECT dbo.Table dbo.AnotherTable",
			"SELECT * FROM public.orders WHERE id = 1 | SELECT | public.orders | SELECT public.orders",
			"INSERT INTO orders (id, total) VALUES (1, 2) | INSERT | orders | INSERT orders",
			"UPDATE orders SET total = 2 WHERE id = 1 | UPDATE | orders | UPDATE orders",
			"DELETE FROM orders WHERE id = 1 | DELETE | orders | DELETE orders",
			"MERGE INTO orders KEY (id) VALUES (1, 2) | MERGE | orders | MERGE orders",
			"TRUNCATE orders | TRUNCATE | orders | TRUNCATE orders",
			"SELECT * FROM orders WHERE id = 1 FOR UPDATE | SELECT | orders | SELECT orders",
			"SELECT 1 | SELECT | | SELECT", "INSERT INTO a SELECT * FROM b | | | INSERT a SELECT b",
			"INSERT INTO shipping_details (order_id) SELECT order_id FROM orders WHERE order_id = 1 | | | INSERT shipping_details SELECT orders",
			"SELECT * FROM (SELECT id FROM t) x | | | SELECT SELECT t",
			"SELECT d FROM (SELECT * FROM orders o JOIN customers c ON o.cid = c.id) | | | SELECT SELECT orders customers",
			"SELECT * FROM orders UNION SELECT * FROM old_orders | | | SELECT orders SELECT old_orders",
			"DELETE FROM t WHERE id = 1; SELECT * FROM u | | | DELETE t SELECT u" })
	void operationCollectionAndSummary(String sql, String operation, String collection, String summary) {
		SqlQuery query = this.analyzer.analyze(sql);
		assertThat(query.operationName()).isEqualTo(operation);
		assertThat(query.collectionName()).isEqualTo(collection);
		assertThat(query.summary()).isEqualTo(summary);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "CREATE TABLE orders (id BIGINT PRIMARY KEY) | CREATE TABLE | CREATE TABLE orders",
					"CREATE TABLE IF NOT EXISTS orders (id INT) | CREATE TABLE | CREATE TABLE orders",
					"DROP TABLE orders | DROP TABLE | DROP TABLE orders",
					"DROP TABLE IF EXISTS orders | DROP TABLE | DROP TABLE orders",
					"ALTER TABLE orders ADD note VARCHAR(255) | ALTER TABLE | ALTER TABLE orders" })
	void ddlOperationsNameTheKindOfObject(String sql, String operation, String summary) {
		// As in the semantic conventions' test cases (db-sql-test-cases.json):
		// "DROP TABLE MyTable" => "DROP TABLE MyTable"
		SqlQuery query = this.analyzer.analyze(sql);
		assertThat(query.operationName()).isEqualTo(operation);
		assertThat(query.collectionName()).isEqualTo("orders");
		assertThat(query.summary()).isEqualTo(summary);
	}

	@Test
	void operationsAreUpperCasedSoThatNamesStayFewAndTablesKeepTheirCase() {
		SqlQuery query = this.analyzer.analyze("SELEcT order_date FROM ORders");
		assertThat(query.operationName()).isEqualTo("SELECT");
		assertThat(query.collectionName()).isEqualTo("ORders");
		assertThat(query.summary()).isEqualTo("SELECT ORders");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT * FROM orders WHERE id = 1 FOR UPDATE NOWAIT",
			"SELECT * FROM orders WHERE id = 1 FOR UPDATE SKIP LOCKED",
			"SELECT * FROM orders WHERE id = 1 FOR NO KEY UPDATE" })
	void rowLockingClausesAreNeitherOperationsNorTables(String sql) {
		SqlQuery query = this.analyzer.analyze(sql);
		assertThat(query.operationName()).isEqualTo("SELECT");
		assertThat(query.collectionName()).isEqualTo("orders");
		assertThat(query.summary()).isEqualTo("SELECT orders");
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO orders (id, n) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET n = excluded.n",
			"INSERT INTO orders (id, n) VALUES (1, 2) ON DUPLICATE KEY UPDATE n = 3" })
	void upsertClausesAreNeitherOperationsNorTables(String sql) {
		SqlQuery query = this.analyzer.analyze(sql);
		assertThat(query.operationName()).isEqualTo("INSERT");
		assertThat(query.collectionName()).isEqualTo("orders");
		assertThat(query.summary()).isEqualTo("INSERT orders");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"CREATE TABLE orders (id BIGINT PRIMARY KEY, cid BIGINT REFERENCES customers (id) ON DELETE CASCADE)",
			"CREATE TABLE orders (id BIGINT, cid BIGINT, FOREIGN KEY (cid) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE)" })
	void foreignKeyActionsAreNeitherOperationsNorTables(String sql) {
		SqlQuery query = this.analyzer.analyze(sql);
		assertThat(query.operationName()).startsWith("CREATE");
		assertThat(query.collectionName()).isEqualTo("orders");
		assertThat(query.summary()).startsWith("CREATE")
			.endsWith(" orders")
			.doesNotContain("DELETE", "UPDATE", "CASCADE");
	}

	@Test
	void theActionsOfAMergeAreNotFurtherOperations() {
		SqlQuery query = this.analyzer.analyze("MERGE INTO orders USING incoming ON orders.id = incoming.id "
				+ "WHEN MATCHED THEN UPDATE SET total = incoming.total "
				+ "WHEN NOT MATCHED THEN INSERT (id, total) VALUES (incoming.id, incoming.total)");
		assertThat(query.operationName()).isEqualTo("MERGE");
		assertThat(query.summary()).startsWith("MERGE orders").doesNotContain("UPDATE", "INSERT", "total");
	}

	@Test
	void aFunctionNamedLikeAnOperationIsNotAnOperation() {
		SqlQuery query = this.analyzer.analyze("SELECT REPLACE(name, 'a', 'b') FROM customers");
		assertThat(query.operationName()).isEqualTo("SELECT");
		assertThat(query.collectionName()).isEqualTo("customers");
		assertThat(query.summary()).isEqualTo("SELECT customers");
	}

	@Test
	void aProcedureCallNamesTheProcedure() {
		SqlQuery query = this.analyzer.analyze("CALL refresh_totals(1)");
		assertThat(query.operationName()).isEqualTo("CALL");
		assertThat(query.summary()).isEqualTo("CALL refresh_totals");
	}

	@Test
	void quotedTableNamesAreKeptWithTheirQuotes() {
		SqlQuery query = this.analyzer.analyze("SELECT * FROM \"My Orders\" WHERE id = 1");
		assertThat(query.collectionName()).isEqualTo("\"My Orders\"");
		assertThat(query.summary()).isEqualTo("SELECT \"My Orders\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"public\".\"orders\"", "public.\"Orders\"", "\"public\".orders" })
	void quotedSchemaQualifiedTableNamesAreKeptWhole(String table) {
		SqlQuery query = this.analyzer.analyze("SELECT * FROM " + table + " WHERE id = 1");
		assertThat(query.text()).isEqualTo("SELECT * FROM " + table + " WHERE id = ?");
		assertThat(query.collectionName()).isEqualTo(table);
		assertThat(query.summary()).isEqualTo("SELECT " + table);
	}

	@Test
	void theSummaryIsAtMost255Characters() {
		StringBuilder sql = new StringBuilder("SELECT * FROM ");
		for (int i = 0; i < 100; i++) {
			sql.append((i > 0) ? ", " : "").append("table_").append(i);
		}
		SqlQuery query = this.analyzer.analyze(sql.toString());
		assertThat(query.summary()).hasSizeLessThanOrEqualTo(255).startsWith("SELECT table_0 table_1 table_2 ");
		assertThat(query.summary().split(" ")).allMatch((part) -> part.equals("SELECT") || part.matches("table_\\d+"));
	}

	@Test
	void aTruncatedSummaryIsAPrefixOfTheWholeOne() {
		StringBuilder sql = new StringBuilder("SELECT * FROM ");
		StringBuilder summary = new StringBuilder("SELECT");
		for (int i = 0; i < 24; i++) {
			String table = String.format("table_%03d", i);
			sql.append(table).append(", ");
			summary.append(' ').append(table);
		}
		// 246 characters so far: the next table does not fit, and nothing after it may
		// be added either
		sql.append("a_rather_long_table_name, x");
		assertThat(this.analyzer.analyze(sql.toString()).summary()).isEqualTo(summary.toString());
	}

	@Test
	void unsanitizedTextIsTheRawTextAndIsStillAnalyzed() {
		String sql = "SELECT * FROM users /* all */ WHERE name = 'O''Brien'";
		SqlQuery query = new SqlQueryAnalyzer(false, 2048).analyze(sql);
		assertThat(query.text()).isEqualTo(sql);
		assertThat(query.operationName()).isEqualTo("SELECT");
		assertThat(query.collectionName()).isEqualTo("users");
		assertThat(query.summary()).isEqualTo("SELECT users");
	}

	@Test
	void maxLengthBoundsTheText() {
		String sql = "SELECT * FROM orders WHERE id = 1";
		assertThat(new SqlQueryAnalyzer(true, 20).analyze(sql).text()).hasSizeLessThanOrEqualTo(20)
			.startsWith("SELECT * FROM");
		assertThat(new SqlQueryAnalyzer(false, 20).analyze(sql).text()).isEqualTo("SELECT * FROM orders");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT customer_name_that_is_long FROM t", "SELECT \"a quoted column name\" FROM t" })
	void aLongIdentifierDoesNotOverrunMaxLength(String sql) {
		assertThat(new SqlQueryAnalyzer(true, 20).analyze(sql).text()).hasSizeLessThanOrEqualTo(20);
	}

	@Test
	void aStatementOfMegabytesIsReadOnlyUpToMaxLength() {
		String sql = "SELECT * FROM t WHERE a IN (" + "1,".repeat(2_500_000) + "1)";
		SqlQuery query = new SqlQueryAnalyzer(true, 1000).analyze(sql);
		assertThat(query.text()).hasSizeLessThanOrEqualTo(1000).startsWith("SELECT * FROM t WHERE a IN (?,?,?,");
		assertThat(query.summary()).isEqualTo("SELECT t");
		assertThat(new SqlQueryAnalyzer(false, 1000).analyze(sql).text()).hasSizeLessThanOrEqualTo(1000);
	}

	@Test
	void aLiteralOrCommentOfMegabytesThatIsNeverClosedIsRead() {
		String megabytes = "x".repeat(5_000_000);
		SqlQueryAnalyzer bounded = new SqlQueryAnalyzer(true, 1000);
		assertThat(bounded.analyze("SELECT * FROM t WHERE a = '" + megabytes).text())
			.isEqualTo("SELECT * FROM t WHERE a = ?");
		assertThat(bounded.analyze("SELECT * FROM t WHERE a = $$" + megabytes).text())
			.isEqualTo("SELECT * FROM t WHERE a = ?");
		assertThat(bounded.analyze("SELECT * FROM t WHERE a = 1 /*" + megabytes).text())
			.isEqualTo("SELECT * FROM t WHERE a = ?");
	}

	@Test
	void nullSqlHasNoTextAndAnEmptySummary() {
		assertThat(this.analyzer.analyze(null)).isEqualTo(new SqlQuery(null, null, null, ""));
	}

	@Test
	void blankSqlHasEmptyTextAndSummary() {
		assertThat(this.analyzer.analyze("  \n ")).isEqualTo(new SqlQuery("", null, null, ""));
	}

	@Test
	void theSameSqlTwiceGivesAnEqualResult() {
		String sql = "SELECT * FROM orders WHERE id = 1";
		SqlQuery first = this.analyzer.analyze(sql);
		assertThat(this.analyzer.analyze(sql)).isEqualTo(first);
		assertThat(this.analyzer.analyze(String.join("", "SELECT * FROM orders ", "WHERE id = 1"))).isEqualTo(first);
	}

	private String sanitized(String sql) {
		return this.analyzer.analyze(sql).text();
	}

	@Test
	void aBackslashBeforeAQuoteEndsAStandardStringButEscapesInMysqlAndEStrings() {
		String sql = "SELECT * FROM files WHERE path = 'C:\\' AND secret = 'hunter2'";
		assertThat(this.analyzer.analyze(sql).text()).doesNotContain("hunter2")
			.isEqualTo("SELECT * FROM files WHERE path = ? AND secret = ?");
		SqlQueryAnalyzer mysql = new SqlQueryAnalyzer(true, 10_000, true);
		assertThat(mysql.analyze("SELECT * FROM t WHERE a = 'it\\'s secret' AND b = 1").text())
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
		assertThat(this.analyzer.analyze("SELECT * FROM t WHERE a = E'it\\'s secret' AND b = 1").text())
			.isEqualTo("SELECT * FROM t WHERE a = E? AND b = ?");
	}

	@Test
	void aPseudoTableOrAClauseWhereANameWasDueIsNoTable() {
		assertThat(this.analyzer.analyze("SELECT 1 FROM DUAL WHERE 1 = 1").summary()).isEqualTo("SELECT");
		assertThat(this.analyzer.analyze("DELETE FROM WHERE x = 1").summary()).isEqualTo("DELETE");
	}

}
