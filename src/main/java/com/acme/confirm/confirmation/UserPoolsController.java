package com.acme.confirm.confirmation;

import com.acme.confirm.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "user-pools", description = "The user pools this service manages")
class UserPoolsController {

	private final UserPoolDirectory directory;

	UserPoolsController(UserPoolDirectory directory) {
		this.directory = directory;
	}

	@Operation(operationId = "listUserPools", summary = "List the pools the caller holds a grant on",
			description = "With the caller's permissions and the operations it may call on each. Pools the caller "
					+ "holds no grant on are not listed.")
	@GetMapping(path = "/api/v1/user-pools", produces = MediaType.APPLICATION_JSON_VALUE)
	UserPoolSummary.Page listUserPools(Caller caller) {
		return this.directory.listUserPools(caller);
	}

}
