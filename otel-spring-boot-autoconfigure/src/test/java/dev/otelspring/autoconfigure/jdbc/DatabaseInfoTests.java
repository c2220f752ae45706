package dev.otelspring.autoconfigure.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseInfoTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"jdbc:postgresql://db.example.com:5433/shop?user=u&password=p | postgresql | shop | db.example.com | 5433",
			"jdbc:postgresql://db.example.com/shop | postgresql | shop | db.example.com | -1",
			"jdbc:postgresql://h1:5432,h2:5433/shop | postgresql | shop | h1 | 5432",
			"jdbc:postgresql://[::1]:5432/x | postgresql | x | ::1 | 5432",
			"jdbc:postgresql://[::1]/x | postgresql | x | ::1 | -1",
			"JDBC:PostgreSQL://Db.Example.com/Shop | postgresql | Shop | Db.Example.com | -1",
			"jdbc:mysql://db.example.com:3306/shop?useSSL=false | mysql | shop | db.example.com | 3306",
			"jdbc:mysql://user:pw@host:3306/db | mysql | db | host | 3306",
			"jdbc:mariadb://maria.example.com:3307/inventory | mariadb | inventory | maria.example.com | 3307",
			"jdbc:mariadb://maria.example.com/inventory | mariadb | inventory | maria.example.com | -1",
			"jdbc:sqlserver://host:1433;databaseName=sales;user=x | microsoft.sql_server | sales | host | 1433",
			"jdbc:sqlserver://host;database=sales | microsoft.sql_server | sales | host | -1",
			"jdbc:oracle:thin:@host:1521:ORCL | oracle.db | ORCL | host | 1521",
			"jdbc:oracle:thin:@//host:1521/service | oracle.db | service | host | 1521",
			"jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1 | h2database | shop | | -1",
			"jdbc:h2:file:/data/app/db | h2database | db | | -1",
			"jdbc:h2:file:/data/app/db;AUTO_SERVER=TRUE | h2database | db | | -1",
			"jdbc:hsqldb:mem:testdb | hsqldb | testdb | | -1",
			"jdbc:hsqldb:file:/opt/db/testdb;shutdown=true | hsqldb | testdb | | -1",
			"jdbc:hsqldb:hsql://localhost:9001/xdb | hsqldb | xdb | localhost | 9001",
			"jdbc:db2://db2.example.com:50000/SAMPLE | ibm.db2 | SAMPLE | db2.example.com | 50000" })
	void readsTheUrl(String url, String system, String namespace, String address, int port) {
		assertThat(DatabaseInfo.fromUrl(url)).isEqualTo(new DatabaseInfo(system, namespace, address, port));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "jdbc:h2:tcp://localhost:9092/mem:x | x | 9092",
					"jdbc:h2:tcp://localhost:9092/~/test | test | 9092",
					"jdbc:h2:tcp://localhost/./data/sample | sample | -1" })
	void h2OverTcpNamesTheDatabaseAsWhenEmbedded(String url, String namespace, int port) {
		assertThat(DatabaseInfo.fromUrl(url)).isEqualTo(new DatabaseInfo("h2database", namespace, "localhost", port));
	}

	@Test
	void sqlServerNamedInstanceQualifiesTheDatabase() {
		// {instance_name}|{database_name}, as the SQL Server semantic conventions ask
		assertThat(DatabaseInfo.fromUrl("jdbc:sqlserver://host\\SQLEXPRESS:1433;databaseName=sales"))
			.isEqualTo(new DatabaseInfo("microsoft.sql_server", "SQLEXPRESS|sales", "host", 1433));
	}

	@Test
	void derbyOverTheNetworkNamesTheServer() {
		assertThat(DatabaseInfo.fromUrl("jdbc:derby://db.example.com:1527/sales;create=true"))
			.isEqualTo(new DatabaseInfo("derby", "sales", "db.example.com", 1527));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db.example.com:5433/shop?user=u&password=s3cret",
			"jdbc:postgresql://u:s3cret@db.example.com:5433/shop", "jdbc:mysql://u:s3cret@host:3306/db",
			"jdbc:mysql://u:s3c@ret@host:3306/db", "jdbc:mysql://host:3306/db?user=u&password=s3cret",
			"jdbc:mariadb://host/db?password=s3cret",
			"jdbc:sqlserver://host:1433;databaseName=sales;user=x;password=s3cret",
			"jdbc:sqlserver://host:1433;password=s3cret;databaseName=sales",
			"jdbc:oracle:thin:scott/s3cret@host:1521:ORCL", "jdbc:h2:mem:shop;USER=sa;PASSWORD=s3cret",
			"jdbc:db2://host:50000/SAMPLE:user=u;password=s3cret;" })
	void passwordsAreNeverKept(String url) {
		DatabaseInfo info = DatabaseInfo.fromUrl(url);
		assertThat(info.toString()).doesNotContain("s3cret", "s3c");
		assertThat(info.serverAddress()).isIn("db.example.com", "host", null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://dbuser:pw@host:5432/db", "jdbc:mysql://host:3306/db?user=dbuser",
			"jdbc:oracle:thin:dbuser/pw@host:1521:db", "jdbc:sqlserver://host;user=dbuser;databaseName=db",
			"jdbc:db2://host:50000/db:user=dbuser;password=pw;" })
	void userNamesAreNeverKept(String url) {
		DatabaseInfo info = DatabaseInfo.fromUrl(url);
		assertThat(info.toString()).doesNotContain("dbuser");
		assertThat(info.namespace()).isEqualTo("db");
		assertThat(info.serverAddress()).isEqualTo("host");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "garbage", "jdbc:", "jdbc:postgresql", "http://example.com/db", "postgresql://host/db",
			"jdbc:acme://host:1234/db" })
	void anythingElseIsAnUnknownSqlDatabase(String url) {
		DatabaseInfo info = DatabaseInfo.fromUrl(url);
		assertThat(info).isEqualTo(DatabaseInfo.UNKNOWN);
		assertThat(info.system()).isEqualTo("other_sql");
	}

}
