package io.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilesTests {

	@Test
	void classesAreChargedToTheirLibraryByTheStartOfTheirPackage() {
		assertThat(Profiles.libraryOf("org.springframework.cloud.gateway.filter.NettyRoutingFilter"))
			.isEqualTo("Spring Cloud Gateway");
		assertThat(Profiles.libraryOf("org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer"))
			.isEqualTo("Spring Cloud");
		assertThat(Profiles.libraryOf("reactor.netty.http.server.HttpServerOperations")).isEqualTo("Reactor Netty");
		assertThat(Profiles.libraryOf("reactor.core.publisher.Mono")).isEqualTo("Reactor");
		assertThat(Profiles.libraryOf("org.hibernate.engine.spi.ActionQueue")).isEqualTo("Hibernate");
		assertThat(Profiles.libraryOf("io.microshop.order.ordering.Order")).isEqualTo("Microshop");
		assertThat(Profiles.libraryOf("com.example.shop.Thing")).isEqualTo("com.example.shop");
	}

	@Test
	void aRecordingOfBusyCodeChargesItsSamplesToThatCode(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("busy.jfr");
		try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
			recording.start();
			busy(Duration.ofSeconds(2));
			recording.stop();
			recording.dump(file);
		}

		Profiles.Profile profile = Profiles.analyse(file);

		assertThat(profile.samples()).isGreaterThan(20);
		assertThat(profile.libraries().getFirst().name()).isEqualTo("Microshop");
		assertThat(profile.libraries().getFirst().fraction()).isGreaterThan(0.5);
		assertThat(profile.methods()).extracting(Profiles.Share::name).anyMatch((name) -> name.contains("JDK"));
	}

	// hashing in a loop of this package's own: the samples' innermost non-JDK frame is
	// here
	private static long busy(Duration duration) throws IOException {
		Instant end = Instant.now().plus(duration);
		long sum = 0;
		while (Instant.now().isBefore(end)) {
			for (int i = 0; i < 10_000; i++) {
				sum += Integer.toString(i).hashCode();
			}
		}
		return sum;
	}

}
