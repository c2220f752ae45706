package dev.otelspring.autoconfigure.jdbc;

import java.util.Locale;

/**
 * What a JDBC URL tells about the database, for the semantic conventions: the system
 * ({@code db.system.name}), the database ({@code db.namespace}) and the server
 * ({@code server.address}, {@code server.port}). Read from the URL only, never with a
 * call to the database; user names and passwords in the URL are never kept.
 *
 * @param system the {@code db.system.name} value
 * @param namespace the database name, or {@code null}
 * @param serverAddress the host, or {@code null} (in-process databases)
 * @param serverPort the port given in the URL, or {@code -1}
 */
record DatabaseInfo(String system, String namespace, String serverAddress, int serverPort) {

	static final DatabaseInfo UNKNOWN = new DatabaseInfo("other_sql", null, null, -1);

	/**
	 * Reads a JDBC URL.
	 * @param url the URL, {@code jdbc:<subprotocol>:...}
	 * @return what it says, {@link #UNKNOWN} when it cannot be read
	 */
	static DatabaseInfo fromUrl(String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			return UNKNOWN;
		}
		String rest = url.substring(5);
		int colon = rest.indexOf(':');
		if (colon < 0) {
			return UNKNOWN;
		}
		String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
		String body = rest.substring(colon + 1);
		return switch (subprotocol) {
			case "postgresql", "pgsql" -> network("postgresql", body);
			case "mysql" -> network("mysql", body);
			case "mariadb" -> network("mariadb", body);
			case "sqlserver" -> sqlServer(body);
			case "oracle" -> oracle(body);
			case "h2" -> embedded("h2database", body);
			case "hsqldb" -> embedded("hsqldb", body);
			case "derby" -> embedded("derby", body);
			case "db2" -> db2(body);
			case "sqlite" -> embedded("sqlite", body);
			default -> new DatabaseInfo("other_sql", null, null, -1);
		};
	}

	/** {@code //host[:port][,host2...]/database[?params]}. */
	private static DatabaseInfo network(String system, String body) {
		if (!body.startsWith("//")) {
			return new DatabaseInfo(system, stripParameters(body), null, -1);
		}
		String authorityAndPath = body.substring(2);
		int slash = authorityAndPath.indexOf('/');
		String authority = (slash >= 0) ? authorityAndPath.substring(0, slash) : stripParameters(authorityAndPath);
		String database = (slash >= 0) ? stripParameters(authorityAndPath.substring(slash + 1)) : null;
		return withServer(system, database, authority);
	}

	/** {@code //host:port/database:property=value;...}. */
	private static DatabaseInfo db2(String body) {
		DatabaseInfo info = network("ibm.db2", body);
		String database = info.namespace();
		if (database != null && database.indexOf(':') >= 0) {
			database = database.substring(0, database.indexOf(':'));
		}
		return new DatabaseInfo(info.system(), (database == null || database.isEmpty()) ? null : database,
				info.serverAddress(), info.serverPort());
	}

	/** {@code //host[\instance][:port][;databaseName=db;...]}. */
	private static DatabaseInfo sqlServer(String body) {
		String withoutSlashes = body.startsWith("//") ? body.substring(2) : body;
		int semicolon = withoutSlashes.indexOf(';');
		String authority = (semicolon >= 0) ? withoutSlashes.substring(0, semicolon) : withoutSlashes;
		String database = null;
		if (semicolon >= 0) {
			for (String part : withoutSlashes.substring(semicolon + 1).split(";")) {
				int equals = part.indexOf('=');
				if (equals > 0) {
					String name = part.substring(0, equals).trim();
					if (name.equalsIgnoreCase("databaseName") || name.equalsIgnoreCase("database")) {
						database = part.substring(equals + 1).trim();
					}
				}
			}
		}
		int backslash = authority.indexOf('\\');
		if (backslash >= 0) {
			int portColon = authority.indexOf(':', backslash);
			String instance = authority.substring(backslash + 1, (portColon >= 0) ? portColon : authority.length());
			authority = authority.substring(0, backslash) + ((portColon >= 0) ? authority.substring(portColon) : "");
			if (!instance.isEmpty()) {
				database = (database != null) ? instance + "|" + database : instance;
			}
		}
		return withServer("microsoft.sql_server", database, authority);
	}

	/** {@code thin:@host:port:sid}, {@code thin:@//host:port/service}. */
	private static DatabaseInfo oracle(String body) {
		int at = body.indexOf('@');
		if (at < 0) {
			return new DatabaseInfo("oracle.db", null, null, -1);
		}
		String target = body.substring(at + 1);
		if (target.startsWith("//")) {
			target = target.substring(2);
		}
		if (target.startsWith("(")) {
			return new DatabaseInfo("oracle.db", null, null, -1);
		}
		int slash = target.indexOf('/');
		if (slash >= 0) {
			return withServer("oracle.db", stripParameters(target.substring(slash + 1)), target.substring(0, slash));
		}
		String[] parts = target.split(":");
		String database = (parts.length >= 3) ? stripParameters(parts[2]) : null;
		String authority = (parts.length >= 2) ? parts[0] + ":" + parts[1] : parts[0];
		return withServer("oracle.db", database, authority);
	}

	/**
	 * {@code mem:name}, {@code file:path}, {@code tcp://host:port/name}, {@code name}.
	 */
	private static DatabaseInfo embedded(String system, String body) {
		String lower = body.toLowerCase(Locale.ROOT);
		if (lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("hsql:")
				|| lower.startsWith("hsqls:") || lower.startsWith("http:") || lower.startsWith("//")) {
			DatabaseInfo server = network(system,
					lower.startsWith("//") ? body : body.substring(body.indexOf(':') + 1));
			String database = (server.namespace() != null) ? embeddedName(server.namespace()) : null;
			return new DatabaseInfo(system, database, server.serverAddress(), server.serverPort());
		}
		return new DatabaseInfo(system, embeddedName(body), null, -1);
	}

	/** The name of an in-process database: its path's last part, without a prefix. */
	private static String embeddedName(String body) {
		String lower = body.toLowerCase(Locale.ROOT);
		String path = body;
		for (String prefix : new String[] { "mem:", "file:", "zip:", "res:" }) {
			if (lower.startsWith(prefix)) {
				path = body.substring(prefix.length());
				break;
			}
		}
		path = stripParameters(path);
		int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
		String name = (slash >= 0) ? path.substring(slash + 1) : path;
		return name.isEmpty() ? null : name;
	}

	private static DatabaseInfo withServer(String system, String database, String authority) {
		String host = authority;
		int comma = host.indexOf(',');
		if (comma >= 0) {
			host = host.substring(0, comma);
		}
		int at = host.lastIndexOf('@');
		if (at >= 0) {
			host = host.substring(at + 1);
		}
		int port = -1;
		int portColon = host.startsWith("[") ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
		if (portColon >= 0) {
			try {
				port = Integer.parseInt(host.substring(portColon + 1));
			}
			catch (NumberFormatException ex) {
				port = -1;
			}
			host = host.substring(0, portColon);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new DatabaseInfo(system, (database == null || database.isEmpty()) ? null : database,
				host.isEmpty() ? null : host, port);
	}

	private static String stripParameters(String text) {
		int end = text.length();
		for (char c : new char[] { '?', ';', '&' }) {
			int index = text.indexOf(c);
			if (index >= 0 && index < end) {
				end = index;
			}
		}
		return text.substring(0, end);
	}

}
