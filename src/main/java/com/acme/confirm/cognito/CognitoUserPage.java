package com.acme.confirm.cognito;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of ListUsers.
 *
 * @param users the users on this page, in Cognito's order
 * @param paginationToken where the next page starts; {@code null} on the last page
 */
public record CognitoUserPage(List<CognitoUser> users, @Nullable String paginationToken) {

	public CognitoUserPage {
		users = List.copyOf(users);
	}

	public boolean isLast() {
		return this.paginationToken == null;
	}

}
