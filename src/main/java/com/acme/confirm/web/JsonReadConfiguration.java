package com.acme.confirm.web;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Holds the JSON parser to what the API's bodies can be, rather than Jackson's defaults
 * (strings of 100 million characters, 500 levels of nesting): its longest string is
 * {@code userContextData.encodedData}, its deepest nesting two objects, it has no
 * numbers, and no body is longer than the largest body limit. A name given twice in one
 * object is refused rather than the last one winning.
 */
@Configuration(proxyBeanMethods = false)
class JsonReadConfiguration {

	/** The longest string of any request: confirmSignUp's userContextData.encodedData. */
	static final int MAX_STRING_LENGTH = 16384;

	// Two levels in the contract; a little room keeps deeper unknown fields a field
	// error.
	static final int MAX_NESTING_DEPTH = 4;

	// A field name is a clientMetadata key at most (128), or an unknown field.
	static final int MAX_NAME_LENGTH = 1024;

	static final int MAX_NUMBER_LENGTH = 32;

	@Bean
	JsonFactoryBuilderCustomizer strictJsonReading(WebProperties properties) {
		return (factory) -> factory.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxNameLength(MAX_NAME_LENGTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxDocumentLength(properties.bodyLimits().largestJson())
			.build());
	}

	@Bean
	JsonMapperBuilderCustomizer duplicateNamesRefused() {
		return (mapper) -> mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
