package io.microshop.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DockerCheckTests {

	@Test
	void anImageThatIsNeitherHereNorPullableIsNamedWithinSeconds() {
		assumeTrue(!DockerCheck.NO_ENGINE.equals(DockerCheck.problem(List.of())), "needs a Docker engine");
		String image = "microshop/no-such-image:" + UUID.randomUUID();
		String problem = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> DockerCheck.problem(List.of(image)));
		assertThat(problem).isEqualTo("Docker cannot serve " + image + " (not here, and not pullable)");
	}

}
