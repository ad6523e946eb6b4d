package io.microshop.gateway.edge;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses, right after Netty has decoded it, a request whose request line the gateway
 * must not route: one Netty could not decode (a request target or headers over Netty's
 * limits), or one with a malformed {@link RequestTarget}. The client gets an RFC 9457
 * problem, and the connection is closed; nothing reaches Spring or a service. Without it
 * such a request got an empty 400, 404 or 414 from the gateway, or Tomcat's HTML error
 * page from the service it was routed to. One instance per connection.
 */
final class RequestLineGuard extends ChannelInboundHandlerAdapter {

	private boolean discarding;

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof HttpRequest request) {
			Refusal refusal = refusalOf(request);
			if (refusal != null) {
				this.discarding = true;
				ReferenceCountUtil.release(message);
				refuse(context, refusal);
				return;
			}
			this.discarding = false;
		}
		else if (this.discarding && message instanceof HttpContent) {
			ReferenceCountUtil.release(message);
			return;
		}
		context.fireChannelRead(message);
	}

	private static Refusal refusalOf(HttpRequest request) {
		DecoderResult result = request.decoderResult();
		if (result.isFailure()) {
			Throwable cause = result.cause();
			if (cause instanceof TooLongHttpLineException) {
				return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "URI too long",
						"The request target is longer than the gateway accepts");
			}
			if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
				return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
						"Request headers too large", "The request headers are larger than the gateway accepts");
			}
			return new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed request",
					"The request could not be read as HTTP");
		}
		String problem = RequestTarget.problem(request.uri());
		return (problem != null)
				? new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed request", problem) : null;
	}

	private static void refuse(ChannelHandlerContext context, Refusal refusal) {
		byte[] body = refusal.json().getBytes(StandardCharsets.UTF_8);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(),
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * A refused request's problem. The request target is not echoed back: it is what
	 * could not be read.
	 */
	private record Refusal(HttpResponseStatus status, String type, String title, String detail) {

		String json() {
			return "{\"type\":\"urn:microshop:problem:%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
				.formatted(this.type, this.title, this.status.code(), this.detail.replace("\\", "\\\\"));
		}

	}

}
