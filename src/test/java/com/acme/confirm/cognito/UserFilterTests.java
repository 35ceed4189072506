package com.acme.confirm.cognito;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UserFilterTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', value = { "jane@example.com|email = \"jane@example.com\"",
			"a\"b|email = \"a\\\"b\"", "a\\b|email = \"a\\\\b\"", "\"|email = \"\\\"\"" })
	void expressionWhenValueHasQuotesOrBackslashesThenEscaped(String value, String expression) {
		assertThat(UserFilter.equalTo("email", value).expression()).isEqualTo(expression);
	}

	@ParameterizedTest
	@ValueSource(strings = { "email\" = \"x", "", "email or 1", "e-mail" })
	void filterWhenAttributeIsNotANameThenRefused(String attribute) {
		assertThatIllegalArgumentException().isThrownBy(() -> UserFilter.equalTo(attribute, "x"));
	}

	@org.junit.jupiter.api.Test
	void prefixAndToStringThenValueNotShown() {
		UserFilter filter = UserFilter.startsWith("cognito:user_status", "UNCONF");
		assertThat(filter.expression()).isEqualTo("cognito:user_status ^= \"UNCONF\"");
		assertThat(filter).hasToString("UserFilter[cognito:user_status ^= ...]");
	}

}
