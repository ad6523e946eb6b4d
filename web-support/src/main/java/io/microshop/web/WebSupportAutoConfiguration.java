package io.microshop.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What every service that uses web-support gets without asking: {@link StrictJson} (and,
 * with springdoc, {@link ApiDocumentationAutoConfiguration its OpenAPI conventions}).
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapper.class)
public class WebSupportAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::apply;
	}

}
