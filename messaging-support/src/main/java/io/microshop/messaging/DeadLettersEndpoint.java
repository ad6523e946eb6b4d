package io.microshop.messaging;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/deadletters}: lists the dead letters waiting for a replay
 * ({@code GET}), shows one ({@code GET /{id}}), and replays one ({@code POST /{id}}) or
 * all of them ({@code POST}); replaying one that is not waiting answers 404. Like every
 * actuator endpoint it is served on the service's own port, never through the gateway.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

	private static final int LISTED = 100;

	private final DeadLetters deadLetters;

	DeadLettersEndpoint(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@ReadOperation
	public Report waiting() {
		return new Report(this.deadLetters.countWaiting(), this.deadLetters.countReplayed(),
				this.deadLetters.waiting(LISTED));
	}

	@ReadOperation
	public DeadLetter deadLetter(@Selector long id) {
		return this.deadLetters.find(id).orElse(null);
	}

	@WriteOperation
	public Replayed replayAll() {
		return new Replayed(this.deadLetters.replayAll());
	}

	@WriteOperation
	public WebEndpointResponse<DeadLetter> replay(@Selector long id) {
		// 404 also for a dead letter already replayed: it is not replayed twice
		return this.deadLetters.replay(id)
			.map(WebEndpointResponse::new)
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * The dead letters that wait for a replay.
	 *
	 * @param waiting how many wait
	 * @param replayed how many have been replayed
	 * @param deadLetters the oldest waiting ones, at most 100
	 */
	public record Report(long waiting, long replayed, List<DeadLetter> deadLetters) {

	}

	/**
	 * The outcome of replaying all waiting dead letters.
	 *
	 * @param replayed how many were replayed
	 */
	public record Replayed(int replayed) {

	}

}
