package io.microshop.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Names the trace of each request in its response ({@link TraceIdHeader}). Registered
 * right after Spring's {@link ServerHttpObservationFilter}, which starts the request's
 * observation, and before the security filters, so that refusals carry it too.
 */
class ServletTraceIdHeader extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TraceIdHeader.traceId(ServerHttpObservationFilter.findObservationContext(request))
			.ifPresent((traceId) -> response.setHeader(TraceIdHeader.NAME, traceId));
		chain.doFilter(request, response);
	}

}
