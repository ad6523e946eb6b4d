package io.microshop.gateway.ratelimit;

import java.time.Duration;
import java.util.function.IntFunction;

import reactor.core.publisher.Mono;

/**
 * The tokens one gateway instance has taken from one client's shared bucket and not yet
 * handed out (ADR 0011). A client that sends many requests through this instance takes
 * its tokens from Redis several at a time, in one script call, and this instance then
 * hands them out one per request without asking Redis again; a client that sends few
 * takes one token per request, as without leases. Every request served has taken a token
 * from the shared bucket, so the instances together never let a client through more often
 * than its bucket allows: a lease can only make a client wait sooner, never later.
 * <p>
 * A lease is good for {@link #LIFETIME} and holds at most what the bucket refills in that
 * time, so that tokens one instance holds and does not use deny the client little
 * elsewhere. Its size follows the client's demand: twice the last one when that was used
 * up in time, what was used of it when not. When the bucket refuses a lease of several
 * tokens, one token is asked for; when it refuses one, the client is refused here for the
 * rest of the lifetime without asking again, so that a client over its limit costs Redis
 * nothing more. While one request asks Redis, the client's other requests wait for its
 * answer instead of asking too.
 * <p>
 * Thread-safe: the event loops of the gateway and of the Redis client share a lease.
 */
final class Lease {

	/**
	 * How long tokens taken from the shared bucket may be handed out, and how long a
	 * refusal is repeated without asking Redis.
	 */
	static final Duration LIFETIME = Duration.ofMillis(100);

	private static final long LIFETIME_NANOS = LIFETIME.toNanos();

	private final int maxSize;

	/** Taken from the shared bucket and not yet handed out. */
	private long tokens;

	/** What the shared bucket held after the last grant. */
	private long sharedTokensLeft;

	/**
	 * When the tokens or the refusal of the last answer expire
	 * ({@link System#nanoTime()}).
	 */
	private long expiresAt;

	/** The shared bucket refused the last request for one token. */
	private boolean refused;

	/** How many tokens the last grant held, and how many of them were handed out. */
	private int lastSize;

	private int handedOut;

	/** Redis's answer that the client's requests are waiting for, if one is asked for. */
	private Mono<Grant> pending;

	/**
	 * A lease of at most {@code maxSize} tokens.
	 * @param maxSize the most tokens a lease holds, a power of two
	 */
	Lease(int maxSize) {
		this.maxSize = maxSize;
		// expired: nanoTime's origin is arbitrary, so zero could lie in the future
		this.expiresAt = System.nanoTime();
		this.lastSize = 1;
	}

	/**
	 * The largest lease for a bucket that refills at the given rate: what it refills in a
	 * {@link #LIFETIME}, rounded down to a power of two, at least one token.
	 * @param requestsPerSecond the bucket's rate
	 * @return the most tokens a lease may hold
	 */
	static int maxSize(int requestsPerSecond) {
		long refilled = requestsPerSecond * LIFETIME.toMillis() / 1000;
		return Integer.highestOneBit((int) Math.max(1, Math.min(refilled, 1 << 30)));
	}

	/**
	 * What this request gets: a token of the lease, a refusal, or Redis's answer to wait
	 * for. At most one answer is asked for at a time: when the lease is used up and none
	 * is pending, {@code ask} is called for one of the size the demand calls for.
	 * @param now {@link System#nanoTime()}
	 * @param ask the call to Redis for a grant of the given size, which must answer with
	 * a grant (an unavailable one when Redis could not be asked), never an error or
	 * nothing
	 * @return the step to take
	 */
	synchronized Step next(long now, IntFunction<Mono<Grant>> ask) {
		boolean current = now - this.expiresAt < 0;
		if (current && this.tokens > 0) {
			this.tokens--;
			this.handedOut++;
			return new Step(Outcome.SERVED, this.sharedTokensLeft + this.tokens, null);
		}
		if (current && this.refused) {
			return new Step(Outcome.REFUSED, 0, null);
		}
		Mono<Grant> answer = this.pending;
		if (answer == null) {
			int size = current ? Math.min(this.lastSize * 2, this.maxSize) : roundUp(this.handedOut);
			// asked at once, not when a request subscribes: a request that is cancelled
			// must not leave the others waiting for an answer nobody asked for (the
			// answer may also come at once, and settle before this returns)
			answer = ask.apply(size).doOnNext(this::settle).cache();
			this.pending = answer;
			answer.subscribe();
		}
		return new Step(Outcome.WAIT, 0, answer);
	}

	private synchronized void settle(Grant grant) {
		this.pending = null;
		long now = System.nanoTime();
		if (grant.unavailable()) {
			this.tokens = 0;
			this.expiresAt = now;
			return;
		}
		this.refused = !grant.allowed() && grant.size() == 1;
		this.tokens = grant.allowed() ? grant.size() : 0;
		this.sharedTokensLeft = grant.sharedTokensLeft();
		// a refused lease of several tokens expires at once: the next request asks for
		// one
		this.expiresAt = (grant.allowed() || this.refused) ? now + LIFETIME_NANOS : now;
		this.lastSize = grant.allowed() ? grant.size() : 1;
		this.handedOut = 0;
	}

	private int roundUp(int demand) {
		return Math.min(Integer.highestOneBit(Math.max(1, demand * 2 - 1)), this.maxSize);
	}

	/**
	 * What a request gets from its client's lease.
	 *
	 * @param outcome served from the lease, refused, or to wait for a grant
	 * @param remaining for a served request: what the client may still send at once (the
	 * shared bucket as of the last grant, and the lease)
	 * @param grant for a request that waits: Redis's answer
	 */
	record Step(Outcome outcome, long remaining, Mono<Grant> grant) {

	}

	enum Outcome {

		SERVED, REFUSED, WAIT

	}

	/**
	 * Redis's answer to a request for {@code size} tokens.
	 *
	 * @param size the tokens asked for
	 * @param allowed whether the shared bucket held them (they are then taken)
	 * @param sharedTokensLeft what the bucket holds now
	 * @param unavailable Redis could not be asked (the request is let through, ADR 0011)
	 */
	record Grant(int size, boolean allowed, long sharedTokensLeft, boolean unavailable) {

	}

}
