package dev.otelspring.autoconfigure.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.otelspring.autoconfigure.config.PathPattern;

/**
 * Request paths that another part of the starter serves and that get no SERVER span (the
 * trace view's page and data, which would otherwise fill the view with its own requests).
 * The servlet filter and the WebFlux filter skip them as they skip the configured skip
 * paths.
 */
@FunctionalInterface
public interface UntracedServerPaths {

	/**
	 * Returns the paths.
	 * @return the patterns of the paths
	 */
	List<PathPattern> patterns();

	/**
	 * Returns the configured skip paths followed by every contributed path.
	 * @param configured the configured skip paths
	 * @param contributions the contributed paths
	 * @return the paths to skip
	 */
	static List<PathPattern> withConfigured(List<PathPattern> configured, Stream<UntracedServerPaths> contributions) {
		List<PathPattern> all = new ArrayList<>(configured);
		contributions.forEach((contribution) -> all.addAll(contribution.patterns()));
		return List.copyOf(all);
	}

}
