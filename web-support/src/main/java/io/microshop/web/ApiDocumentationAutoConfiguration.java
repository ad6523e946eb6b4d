package io.microshop.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The conventions of the service's OpenAPI document ({@link ApiDocumentation}), wherever
 * springdoc makes one.
 */
@AutoConfiguration(afterName = { "org.springdoc.core.configuration.SpringDocConfiguration",
		"org.springdoc.core.properties.SpringDocConfigProperties" })
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBean(SpringDocConfigProperties.class)
public class ApiDocumentationAutoConfiguration {

	@Bean
	ApiDocumentation apiDocumentation(@Value("${microshop.identity.issuer}") String issuer,
			SpringDocConfigProperties springDoc) {
		return new ApiDocumentation(issuer, springDoc.isOpenapi31());
	}

}
