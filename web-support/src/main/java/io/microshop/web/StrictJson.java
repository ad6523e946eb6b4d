package io.microshop.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the services read JSON: strictly. A request body with a field the API does not
 * have, a field given twice (which value would count?), or text that is not well-formed
 * Unicode (a lone UTF-16 surrogate from a {@code \ud800} escape, or a NUL character,
 * which PostgreSQL cannot store) is a client mistake, answered with a 400 naming the
 * field. Event readers are not affected by the first rule: they ignore unknown fields
 * explicitly, as tolerant readers.
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * Makes a mapper builder read strictly.
	 * @param builder the builder of the service's {@code JsonMapper}
	 */
	public static void apply(JsonMapper.Builder builder) {
		builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.addModule(new SimpleModule("well-formed-text").addDeserializer(String.class,
					new WellFormedStringDeserializer()));
	}

	/**
	 * Whether a string is text that can be stored and sent on: every UTF-16 surrogate in
	 * a pair, and no NUL.
	 * @param text the text
	 * @return whether it is well-formed
	 */
	static boolean isWellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0' || Character.isLowSurrogate(c)) {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
		}
		return true;
	}

	/**
	 * A string value that is not well-formed text.
	 */
	public static final class MalformedTextException extends MismatchedInputException {

		MalformedTextException(JsonParser parser) {
			super(parser, "Text is not well-formed (a lone UTF-16 surrogate or a NUL character)");
		}

	}

	private static final class WellFormedStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			if (value != null && !isWellFormed(value)) {
				throw new MalformedTextException(parser);
			}
			return value;
		}

	}

}
