package dev.otelspring.autoconfigure.aop;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a small {@code @Traced} class without {@code -parameters}, as a user's build
 * might.
 */
final class NoParametersCompiler {

	private NoParametersCompiler() {
	}

	static Class<?> compileWithoutParameterNames() throws Exception {
		Path dir = Files.createTempDirectory("no-parameters");
		Path source = dir.resolve("NoNames.java");
		Files.writeString(source, "public class NoNames {\n" + "  @dev.otelspring.annotation.Traced\n"
				+ "  public String handle(@dev.otelspring.annotation.SpanAttribute String orderId) { return orderId; }\n"
				+ "}\n");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int result = compiler.run(null, null, null,
				List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), source.toString())
					.toArray(String[]::new));
		if (result != 0) {
			throw new IllegalStateException("compilation failed");
		}
		URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				NoParametersCompiler.class.getClassLoader());
		return loader.loadClass("NoNames");
	}

}
