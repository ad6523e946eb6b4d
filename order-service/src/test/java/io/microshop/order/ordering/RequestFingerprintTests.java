package io.microshop.order.ordering;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTests {

	private static final PlaceOrder REQUEST = new PlaceOrder("Ada@example.com",
			List.of(new PlaceOrder.Line("BOOK-1", 2), new PlaceOrder.Line("PEN-1", 1)));

	// Pinned: changing the canonical form would turn retries across a deployment into
	// 422s. printf '%s'
	// '{"customerEmail":"Ada@example.com","lines":[{"sku":"BOOK-1","quantity":2},{"sku":"PEN-1","quantity":1}]}'
	// | sha256sum
	private static final String EXPECTED = "a4bd892397977778db39ece60f3dbb670512620dd63dfb88104c8224c00b217a";

	@Test
	void aFingerprintIsTheSha256OfTheCanonicalJsonOfTheRequest() {
		assertThat(RequestFingerprint.of(REQUEST)).matches("[0-9a-f]{64}").isEqualTo(EXPECTED);
	}

	@Test
	void theSameRequestHasTheSameFingerprint() {
		assertThat(RequestFingerprint.of(new PlaceOrder("Ada@example.com",
				List.of(new PlaceOrder.Line("BOOK-1", 2), new PlaceOrder.Line("PEN-1", 1)))))
			.isEqualTo(RequestFingerprint.of(REQUEST));
	}

	@Test
	void anyDifferenceMakesAnotherFingerprint() {
		assertThat(List.of(new PlaceOrder("ada@example.com", REQUEST.lines()),
				new PlaceOrder("Ada@example.com",
						List.of(new PlaceOrder.Line("BOOK-1", 3), new PlaceOrder.Line("PEN-1", 1))),
				new PlaceOrder("Ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 2))),
				new PlaceOrder("Ada@example.com",
						List.of(new PlaceOrder.Line("PEN-1", 1), new PlaceOrder.Line("BOOK-1", 2)))))
			.extracting(RequestFingerprint::of)
			.doesNotContain(RequestFingerprint.of(REQUEST))
			.doesNotHaveDuplicates();
	}

}
