package dev.otelspring.sample.security;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks that the customer exists. A demo: a real service would verify the Authorization
 * header.
 */
@Service
public class AuthenticationService {

	private final JdbcTemplate jdbc;

	AuthenticationService(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Traced(value = "authenticate-user", attributes = "auth.method=demo")
	public void authenticate(String authorization, @SpanAttribute("enduser.id") String customerId) {
		Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM customers WHERE id = ?", Integer.class,
				customerId);
		if (known == null || known == 0) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "unknown customer");
		}
	}

}
