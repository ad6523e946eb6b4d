package io.microshop.messaging;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microshop.testsupport.ImportTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@SpringBootTest(classes = MessagingTestApplication.class)
@ImportTestInfrastructure
class InboxTests {

	@Autowired
	private Inbox inbox;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void onlyTheFirstDeliveryOfAnEventIsFirst() {
		UUID eventId = UUID.randomUUID();

		assertThat(deliver(eventId)).isTrue();
		assertThat(deliver(eventId)).isFalse();
		assertThat(this.inbox.contains(eventId)).isTrue();
	}

	@Test
	void anEventWhoseEffectRolledBackIsNotRecorded() {
		UUID eventId = UUID.randomUUID();

		this.transactions.executeWithoutResult((status) -> {
			assertThat(this.inbox.firstDelivery(eventId)).isTrue();
			status.setRollbackOnly();
		});

		assertThat(this.inbox.contains(eventId)).isFalse();
		assertThat(deliver(eventId)).isTrue();
	}

	@Test
	void aRedeliveryRacingTheFirstWaitsForItAndIsNotFirst() throws Exception {
		UUID eventId = UUID.randomUUID();
		CountDownLatch firstRecorded = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> this.transactions.execute((status) -> {
			boolean recorded = this.inbox.firstDelivery(eventId);
			firstRecorded.countDown();
			await(commitFirst);
			return recorded;
		}));
		await(firstRecorded);
		CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> deliver(eventId));

		commitFirst.countDown();

		assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS))).containsExactly(true,
				false);
	}

	@Test
	void anEventIsRecordedOnlyInTheTransactionOfItsEffect() {
		assertThatIllegalStateException().isThrownBy(() -> this.inbox.firstDelivery(UUID.randomUUID()))
			.withMessageContaining("transaction");
	}

	private boolean deliver(UUID eventId) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.inbox.firstDelivery(eventId)));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
