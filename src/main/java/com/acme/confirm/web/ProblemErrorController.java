package com.acme.confirm.web;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (failures outside Spring MVC) with a
 * problem detail instead of Boot's default error body.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = (status instanceof Integer value) ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
		ProblemCode problem = ProblemCode.forStatus(code);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail body = ProblemDetails.decorate(problem,
				ProblemDetail.forStatusAndDetail(problem.status(), problem.title() + "."),
				(uri instanceof String path) ? path : null);
		return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
