package io.microshop.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	@Test
	void noArgumentsStartOneInstanceOfEachServiceOnTheKeptData() {
		LocalStack.Options options = LocalStack.Options.parse();

		assertThat(options.reset()).isFalse();
		assertThat(options.detail()).isEqualTo(Console.Detail.EVENTS);
		assertThat(options.help()).isFalse();
		assertThat(options.instances()).isEmpty();
	}

	@Test
	void scaleTakesAServiceAndACountInEitherSpelling() {
		LocalStack.Options options = LocalStack.Options.parse("--reset", "--scale", "inventory-service=2",
				"--scale=order-service=3", "--quiet");

		assertThat(options.reset()).isTrue();
		assertThat(options.detail()).isEqualTo(Console.Detail.QUIET);
		assertThat(options.instances()).isEqualTo(Map.of("inventory-service", 2, "order-service", 3));
	}

	@Test
	void verboseShowsEverythingAndCannotBeQuietToo() {
		assertThat(LocalStack.Options.parse("-v").detail()).isEqualTo(Console.Detail.VERBOSE);
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--quiet", "--verbose"))
			.withMessageContaining("choose one");
	}

	@Test
	void onlyTheThreeServicesCanBeScaled() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--scale", "gateway-service=2"))
			.withMessageContaining("inventory-service, order-service, notification-service");
	}

	@Test
	void aCountOutsideOneToFiveIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--scale=inventory-service=0"))
			.withMessageContaining("from 1 to 5");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--scale=inventory-service=x"))
			.withMessageContaining("from 1 to 5");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--scale"))
			.withMessageContaining("<service>=<n>");
	}

	@Test
	void anUnknownOptionIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--rest"))
			.withMessage("Unknown option: --rest");
	}

}
