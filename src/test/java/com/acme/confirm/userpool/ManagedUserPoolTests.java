package com.acme.confirm.userpool;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ManagedUserPoolTests {

	@Test
	void regionWhenPoolIdThenItsPrefix() {
		assertThat(pool("eu-west-1_AbCdEf123").region()).isEqualTo("eu-west-1");
		assertThat(pool("us-gov-west-1_X1").region()).isEqualTo("us-gov-west-1");
	}

	@Test
	void poolWhenIdHasNoRegionPrefixThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> pool("_abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> pool("abc"));
	}

	@Test
	void appClientWhenSecretEmptyThenNone() {
		assertThat(new AppClient("web", "").secret()).isNull();
		assertThat(new AppClient("web", "s3cret").secret()).isEqualTo("s3cret");
		assertThat(new AppClient("web", "s3cret")).hasToString("AppClient[id=web, secret=******]");
	}

	private static ManagedUserPool pool(String id) {
		return new ManagedUserPool("alias", id, false, Map.of(), Map.of(), null);
	}

}
