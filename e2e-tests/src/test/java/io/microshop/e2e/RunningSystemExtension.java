package io.microshop.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the {@link RunningSystem} and its {@link Gateway}. The system takes
 * a minute or more to start, so it starts once, on first use, and every test class of the
 * run shares it: it lives in the root context's store, which closes it (as an
 * {@link AutoCloseable}) when the whole run ends.
 */
class RunningSystemExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RunningSystemExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == RunningSystem.class || type == Gateway.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		RunningSystem system = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(SharedSystem.class, (key) -> SharedSystem.start(), SharedSystem.class)
			.get();
		return (parameter.getParameter().getType() == Gateway.class) ? system.gateway() : system;
	}

	/**
	 * The outcome of the one start. A failed start is kept too, so that the other test
	 * classes fail at once with its cause instead of spending minutes on another attempt
	 * that would also overwrite the failed processes' logs.
	 *
	 * @param system the running system, or {@code null} if it did not start
	 * @param failure why it did not start, or {@code null}
	 */
	private record SharedSystem(RunningSystem system, RuntimeException failure) implements AutoCloseable {

		static SharedSystem start() {
			try {
				return new SharedSystem(RunningSystem.start(), null);
			}
			catch (RuntimeException ex) {
				return new SharedSystem(null, ex);
			}
		}

		RunningSystem get() {
			if (this.failure != null) {
				throw new IllegalStateException("The system did not start: " + this.failure.getMessage(), this.failure);
			}
			return this.system;
		}

		@Override
		public void close() {
			if (this.system != null) {
				this.system.close();
			}
		}

	}

}
