package io.microshop.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What the gateway and every service get from observability-support: the trace id on
 * every response. The tracing settings they share are in
 * {@code microshop-observability.yml}, which each imports.
 */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveConfiguration {

		@Bean
		ReactiveTraceIdHeader traceIdHeader() {
			return new ReactiveTraceIdHeader();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		FilterRegistrationBean<ServletTraceIdHeader> traceIdHeader() {
			FilterRegistrationBean<ServletTraceIdHeader> registration = new FilterRegistrationBean<>(
					new ServletTraceIdHeader());
			// Boot registers its ServerHttpObservationFilter at HIGHEST_PRECEDENCE + 1
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
			return registration;
		}

	}

}
