package com.acme.confirm.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings of the service.
 *
 * @param cors cross-origin access for the admin dashboard
 */
@Validated
@ConfigurationProperties("confirm.web")
record WebProperties(@DefaultValue Cors cors) {

	/**
	 * Cross-origin settings.
	 *
	 * @param allowedOrigins origins of the admin dashboard allowed to call the API from a
	 * browser; empty allows none
	 */
	record Cors(@DefaultValue List<String> allowedOrigins) {
	}

}
