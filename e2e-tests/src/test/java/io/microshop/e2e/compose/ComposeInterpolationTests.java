package io.microshop.e2e.compose;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The interpolation that {@link ComposeFileTests} reads docker-compose.yml with follows
 * Compose's rules.
 */
class ComposeInterpolationTests {

	private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "");

	@Test
	void bothSyntaxesOfAVariableAreReplacedByItsValue() {
		assertThat(ComposeInterpolation.interpolate("a ${SET} b $SET-c", ENV)).isEqualTo("a value b value-c");
	}

	@Test
	void aColonDefaultReplacesAnUnsetOrEmptyVariableAPlainDefaultOnlyAnUnsetOne() {
		assertThat(ComposeInterpolation.interpolate("${UNSET:-d}|${EMPTY:-d}|${SET:-d}", ENV)).isEqualTo("d|d|value");
		assertThat(ComposeInterpolation.interpolate("${UNSET-d}|${EMPTY-d}|${SET-d}", ENV)).isEqualTo("d||value");
		assertThat(ComposeInterpolation.interpolate("127.0.0.1:${UNSET:-8080}:8080", ENV))
			.isEqualTo("127.0.0.1:8080:8080");
	}

	@Test
	void aRequiredVariableThatIsMissingFailsWithItsMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> ComposeInterpolation.interpolate("${UNSET:?set it}", ENV))
			.withMessageContaining("UNSET")
			.withMessageContaining("set it");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComposeInterpolation.interpolate("${EMPTY:?set it}", ENV));
		assertThat(ComposeInterpolation.interpolate("${EMPTY?set it}", ENV)).isEmpty();
		assertThat(ComposeInterpolation.interpolate("${SET:?set it}", ENV)).isEqualTo("value");
	}

	@Test
	void anUnsetVariableWithoutADefaultIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> ComposeInterpolation.interpolate("x ${UNSET}", ENV))
			.withMessageContaining("UNSET");
	}

	@Test
	void aDoubledDollarIsALiteralDollar() {
		assertThat(ComposeInterpolation.interpolate("echo $${SET} $$HOME", ENV)).isEqualTo("echo ${SET} $HOME");
	}

	@Test
	void nestedDefaultsAreRejectedBecauseDockerComposeV1HasNone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComposeInterpolation.interpolate("${UNSET:-${SET}}", ENV));
	}

	@Test
	void everyStringOfAParsedDocumentIsInterpolatedAndOtherScalarsAreKept() {
		Object interpolated = ComposeInterpolation
			.interpolateAll(Map.of("list", List.of("${SET}", 1), "map", Map.of("k", "$SET", "n", true)), ENV);
		assertThat(interpolated).isEqualTo(Map.of("list", List.of("value", 1), "map", Map.of("k", "value", "n", true)));
	}

}
