package io.microshop.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PostmasterTests {

	@TempDir
	Path data;

	@Test
	void aPostgresqlLeftRunningOnADataDirectoryIsFoundAndStoppedWithItsBackends() throws Exception {
		// as a killed launcher leaves it: started, and never closed
		EmbeddedPostgres.builder()
			.setPort(Ports.freePort())
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
		Optional<ProcessHandle> postmaster = Postmaster.running(this.data);
		assertThat(postmaster).isPresent();
		List<ProcessHandle> backends = postmaster.get().descendants().toList();
		assertThat(backends).isNotEmpty();

		Optional<Long> stopped = Postmaster.stop(this.data, Duration.ofSeconds(5));

		assertThat(stopped).contains(postmaster.get().pid());
		assertThat(postmaster.get().isAlive()).isFalse();
		assertThat(backends).noneMatch(ProcessHandle::isAlive);
		assertThat(Postmaster.running(this.data)).isEmpty();
		assertThat(Postmaster.stop(this.data, Duration.ofSeconds(5))).isEmpty();
	}

	@Test
	void aDataDirectoryWithoutAServerHasNone() {
		assertThat(Postmaster.running(this.data)).isEmpty();
	}

}
