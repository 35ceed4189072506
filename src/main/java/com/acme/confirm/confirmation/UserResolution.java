package com.acme.confirm.confirmation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoPoolSettings;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.CognitoUserPage;
import com.acme.confirm.cognito.UserFilter;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds the user that an identifier names. AdminGetUser first: it knows usernames, subs
 * and verified aliases. Cognito resolves an alias only once it is verified, so an
 * identifier it does not know is looked up with ListUsers ({@code attribute = "value"},
 * exact, UNCONFIRMED users included) in each of the pool's lookup attributes that it can
 * be (an e-mail address has an {@code @}, a phone number is {@code +} and digits). One
 * user found is the user; several are {@code AMBIGUOUS_USER}; none is Cognito's
 * USER_NOT_FOUND. A username wins over another user's unverified alias.
 * <p>
 * The lookup attributes are the pool's {@code lookup-attributes}, else its
 * UsernameAttributes and AliasAttributes as DescribeUserPool gives them, read once per
 * pool; a role that may not describe the pool leaves it without lookup (logged once).
 */
@Component
class UserResolution {

	private static final Logger log = LoggerFactory.getLogger(UserResolution.class);

	/** Cognito's largest ListUsers page. */
	private static final int PAGE_SIZE = 60;

	/** Filtered pages may come back short; a few of them tell one match from several. */
	private static final int MAX_PAGES = 5;

	private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[0-9]{4,20}");

	private final CognitoOperations cognito;

	private final CognitoPoolSettings poolSettings;

	private final Map<String, List<String>> described = new ConcurrentHashMap<>();

	UserResolution(CognitoOperations cognito, CognitoPoolSettings poolSettings) {
		this.cognito = cognito;
		this.poolSettings = poolSettings;
	}

	/**
	 * The user the identifier names.
	 * @throws CognitoFailure USER_NOT_FOUND when none, or how a Cognito call failed
	 * @throws ProblemException AMBIGUOUS_USER when several users match
	 */
	CognitoUser resolve(ManagedUserPool pool, String identifier) {
		try {
			return this.cognito.getUser(pool, identifier);
		}
		catch (CognitoFailure notFound) {
			if (notFound.kind() != CognitoFailure.Kind.USER_NOT_FOUND) {
				throw notFound;
			}
			return lookUp(pool, identifier, notFound);
		}
	}

	private CognitoUser lookUp(ManagedUserPool pool, String identifier, CognitoFailure notFound) {
		Map<String, CognitoUser> found = new LinkedHashMap<>();
		boolean more = false;
		for (String attribute : lookupAttributes(pool)) {
			if (canBe(attribute, identifier)) {
				more |= list(pool, UserFilter.equalTo(attribute, identifier), found);
			}
		}
		if (found.isEmpty()) {
			throw notFound;
		}
		if (found.size() > 1 || more) {
			int matches = found.size();
			throw new ProblemException(ProblemCode.AMBIGUOUS_USER,
					"The identifier matches " + (more ? "more than " : "") + matches
							+ " users; name the user by its username or sub. Nothing was changed.")
				.with("matches", matches);
		}
		return found.values().iterator().next();
	}

	/** Adds the matching users; true when pages were left unread. */
	private boolean list(ManagedUserPool pool, UserFilter filter, Map<String, CognitoUser> found) {
		@Nullable String token = null;
		int pages = 0;
		do {
			CognitoUserPage page = this.cognito.listUsers(pool, filter, token, PAGE_SIZE);
			page.users().forEach((user) -> found.putIfAbsent(user.username(), user));
			token = page.paginationToken();
			pages++;
		}
		while (token != null && pages < MAX_PAGES);
		return token != null;
	}

	private List<String> lookupAttributes(ManagedUserPool pool) {
		if (pool.lookupAttributes() != null) {
			return pool.lookupAttributes();
		}
		return this.described.computeIfAbsent(pool.id(), (id) -> describe(pool));
	}

	private List<String> describe(ManagedUserPool pool) {
		try {
			return this.poolSettings.signInAttributes(pool);
		}
		catch (CognitoFailure ex) {
			if (ex.kind() != CognitoFailure.Kind.REJECTED) {
				throw ex;
			}
			log.warn(
					"DescribeUserPool of {} was refused ({}): identifiers that are not usernames are not looked "
							+ "up; set confirm.user-pools.{}.lookup-attributes",
					pool.id(), ex.cognitoError(), pool.alias());
			return List.of();
		}
	}

	private static boolean canBe(String attribute, String identifier) {
		return switch (attribute) {
			case "email" -> identifier.indexOf('@') > 0;
			case "phone_number" -> PHONE_NUMBER.matcher(identifier).matches();
			default -> true;
		};
	}

}
