package com.acme.confirm.confirmation;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Publishes the username constraint in a form every client can use. Cognito's rule,
 * {@value RequestConstraints#USERNAME}, is Java (or Unicode-mode ECMAScript) syntax:
 * Swagger UI and other JavaScript tools compile patterns without the {@code u} flag, read
 * {@code \p{L}} as the letter p and refuse nearly every username. JSON Schema asks for
 * portable patterns, so the document carries the part of the rule that every regex engine
 * reads alike (no control characters, no spaces) and states the full rule in words; the
 * service itself checks the full rule.
 */
@Component
class PortableUsernamePattern implements OpenApiCustomizer {

	static final String PORTABLE = "^[^\\u0000-\\u0020\\u007F-\\u009F]+$";

	static final String RULE = "Cognito's username rule: letters, marks, symbols, numbers and punctuation only "
			+ "(Unicode categories L, M, S, N, P), checked by the service; the pattern is its portable part.";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
			openApi.getComponents().getSchemas().values().forEach(PortableUsernamePattern::portable);
		}
		if (openApi.getPaths() != null) {
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations()
					.stream()
					.filter((operation) -> operation.getParameters() != null)
					.forEach((operation) -> operation.getParameters()
						.forEach((parameter) -> portable(parameter.getSchema()))));
		}
	}

	private static void portable(@Nullable Schema<?> schema) {
		if (schema == null) {
			return;
		}
		if (RequestConstraints.USERNAME.equals(schema.getPattern())) {
			schema.setPattern(PORTABLE);
			schema.setDescription((schema.getDescription() != null) ? schema.getDescription() + " " + RULE : RULE);
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(PortableUsernamePattern::portable);
		}
		portable(schema.getItems());
	}

}
