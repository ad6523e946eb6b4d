package io.microshop.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ToolOutputTests {

	@Test
	void wrksResultIsReadFromTheLineItsScriptPrints() {
		String output = """
				Running 20s test @ http://localhost:8080/api/products/BENCH-1
				  2 threads and 32 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency    15.16ms    8.39ms 101.12ms   76.69%
				  32747 requests in 20.00s, 5.87MB read
				  Non-2xx or 3xx responses: 3
				Requests/sec:   1637.35
				wrk-result {"requests":32747,"durationMicros":20000000,"bytes":6155000,"errors":{"connect":0,"read":1,"write":0,"status":3,"timeout":2},"latencyMicros":{"mean":15160.5,"max":101120,"p50":13000,"p90":25000,"p99":45000,"p999":90500}}
				""";

		Wrk.Result result = Wrk.parse(output);

		assertThat(result.requests()).isEqualTo(32747);
		assertThat(result.seconds()).isEqualTo(20.0);
		assertThat(result.requestsPerSecond()).isEqualTo(1637.35);
		assertThat(result.errors()).isEqualTo(6);
		assertThat(result.latency()).isEqualTo(new Latency(15.1605, 13.0, 25.0, 45.0, 90.5, 101.12));
	}

	@Test
	void wrkOutputWithoutAResultIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> Wrk.parse("unable to connect to localhost:8080"))
			.withMessageContaining("unable to connect");
	}

	@Test
	void pgbenchsThroughputLatencyAndFailuresAreReadFromItsSummary() {
		String output = """
				transaction type: /tmp/place-order.pgbench.sql
				scaling factor: 1
				query mode: prepared
				number of clients: 16
				number of threads: 2
				maximum number of tries: 1
				duration: 20 s
				number of transactions actually processed: 61234
				number of failed transactions: 0 (0.000%)
				latency average = 5.226 ms
				initial connection time = 25.456 ms
				tps = 3061.652113 (without initial connection time)
				""";

		PgBench.Result result = PgBench.parse(output);

		assertThat(result.transactionsPerSecond()).isEqualTo(3061.652113);
		assertThat(result.latencyMillis()).isEqualTo(5.226);
		assertThat(result.failed()).isZero();
	}

}
