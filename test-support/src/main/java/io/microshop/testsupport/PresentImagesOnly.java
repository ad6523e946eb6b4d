package io.microshop.testsupport;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' pull policy in the Docker mode ({@code pull.policy} in
 * {@code testcontainers.properties}): never pull. {@link DockerCheck} has made sure,
 * before the first container, that every image is here, pulling what it could; after that
 * a pull can only wait for a registry that this machine may not reach (Testcontainers
 * retries for two minutes per container), where a missing image should fail at once and
 * say so.
 */
public final class PresentImagesOnly implements ImagePullPolicy {

	@Override
	public boolean shouldPull(DockerImageName imageName) {
		return false;
	}

}
