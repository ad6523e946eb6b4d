package io.microshop.messaging;

import java.time.Instant;

/**
 * A record a consumer gave up on.
 *
 * @param id the id to replay it by
 * @param sourceTopic the topic it was read from, and is replayed to
 * @param sourcePartition its partition there
 * @param sourceOffset its offset there
 * @param key its key
 * @param payload its value, verbatim
 * @param errorClass the exception that made the consumer give up
 * @param errorMessage that exception's message
 * @param deadAt when it was dead-lettered
 * @param replayedAt when it was replayed, or {@code null} if it is still waiting
 */
public record DeadLetter(long id, String sourceTopic, int sourcePartition, long sourceOffset, String key,
		String payload, String errorClass, String errorMessage, Instant deadAt, Instant replayedAt) {

}
