package io.microshop.order.ordering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdempotencyKeyTests {

	@Test
	void aKeyIsOneTo128PrintableAsciiCharactersSpacesIncluded() {
		assertThat(new IdempotencyKey("a").value()).isEqualTo("a");
		assertThat(new IdempotencyKey("k".repeat(128)).value()).hasSize(128);
		assertThat(new IdempotencyKey(" !~ order 42 ~! ").value()).isEqualTo(" !~ order 42 ~! ");
	}

	@Test
	void anythingElseIsNoKey() {
		for (String value : new String[] { null, "", "k".repeat(129), "a\u0000b", "a\nb", "a\u007fb", "caf\u00e9" }) {
			assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> new IdempotencyKey(value))
				.withMessage("must be 1 to 128 printable ASCII characters");
		}
	}

}
