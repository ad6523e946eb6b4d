package io.microshop.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether Docker can serve the Docker mode: an engine answers, and every image of
 * {@link TestImages} is there or can be pulled. Asked of the engine directly, not through
 * Testcontainers' own client, which would first start its resource reaper and wait
 * minutes for an image that cannot be pulled.
 */
final class DockerCheck {

	/** How long a registry may take to answer a pull, before it counts as unreachable. */
	private static final Duration REGISTRY_ANSWER = Duration.ofSeconds(15);

	/** How long a pull that has started may take. */
	private static final Duration PULL = Duration.ofMinutes(5);

	static final String NO_ENGINE = "no Docker engine answers";

	private DockerCheck() {
	}

	/**
	 * Why Docker cannot serve the Docker mode.
	 * @return the reason, or {@code null} if it can
	 */
	static String problem() {
		return problem(TestImages.all());
	}

	/**
	 * Why Docker cannot serve these images.
	 * @param images image names with their tags
	 * @return the reason, or {@code null} if it can
	 */
	static String problem(List<String> images) {
		DockerClient docker;
		try {
			docker = DockerClientProviderStrategy
				.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
		}
		catch (RuntimeException ex) {
			return NO_ENGINE;
		}
		List<String> missing = new ArrayList<>();
		for (String image : images) {
			if (!present(docker, image) && !pull(docker, image)) {
				missing.add(image);
			}
		}
		return missing.isEmpty() ? null
				: "Docker cannot serve " + String.join(", ", missing) + " (not here, and not pullable)";
	}

	private static boolean present(DockerClient docker, String image) {
		try {
			docker.inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private static boolean pull(DockerClient docker, String image) {
		DockerImageName name = DockerImageName.parse(image);
		CountDownLatch answered = new CountDownLatch(1);
		AtomicBoolean failed = new AtomicBoolean();
		PullImageResultCallback pull = new PullImageResultCallback() {

			@Override
			public void onNext(PullResponseItem item) {
				answered.countDown();
				super.onNext(item);
			}

			@Override
			public void onError(Throwable error) {
				// an expected answer here (no registry, no such image): not logged as an
				// error
				failed.set(true);
				answered.countDown();
				try {
					close();
				}
				catch (IOException ex) {
					// closed anyway
				}
			}

			@Override
			public void onComplete() {
				answered.countDown();
				super.onComplete();
			}

		};
		try {
			docker.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec(pull);
			if (!answered.await(REGISTRY_ANSWER.toSeconds(), TimeUnit.SECONDS) || failed.get()) {
				pull.close();
				return false;
			}
			return pull.awaitCompletion(PULL.toSeconds(), TimeUnit.SECONDS) && !failed.get() && present(docker, image);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
