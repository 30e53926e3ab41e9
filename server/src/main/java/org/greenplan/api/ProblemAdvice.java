package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.greenplan.Refusal;
import org.greenplan.limits.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error becomes an RFC 9457 problem (application/problem+json) that names the field at fault and
 * the reason; unexpected failures are logged with an id and answered without internals.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /**
     * Every refusal, by its category: the status and title come from the category (or the exception's own
     * title), the field and the extra members from the exception. A 401 asks for a bearer token, a 503 from a
     * computation bulkhead says when to try again.
     */
    static ResponseEntity<ProblemDetail> refused(Refusal e) {
        HttpStatus status = HttpStatus.valueOf(e.category().status());
        ResponseEntity<ProblemDetail> r = problem(status, e.title(), e.getMessage(), e.field());
        e.details().forEach(r.getBody()::setProperty);
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.category() == Refusal.Category.UNAUTHENTICATED) {
            reply.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof BusyException busy) {
            reply.header(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
        }
        return reply.body(r.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "the upload is larger than allowed (greenplan.import.max-upload-size)");
        body.setTitle("Upload too large");
        body.setProperty("field", "file");
        return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "'" + e.getValue() + "' is not a valid value for " + e.getName(), e.getName());
    }

    /** A refusal (see {@link Refusal}) is answered by its category; anything else is unexpected. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> exception(Exception e, HttpServletRequest request) {
        if (e instanceof Refusal r) {
            return refused(r);
        }
        if (org.greenplan.ingest.StorageFullException.isDiskFull(e)) {
            // the container's multipart directory filled up while it wrote the upload
            log.warn("Storage full on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return refused(new org.greenplan.ingest.StorageFullException(e));
        }
        if (org.greenplan.limits.DatabaseOutage.is(e)) {
            log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            int wait = org.greenplan.limits.DatabaseOutage.RETRY_AFTER_SECONDS;
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "" + wait)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                            org.greenplan.limits.DatabaseOutage.TITLE, org.greenplan.limits.DatabaseOutage.REASON,
                            null).getBody());
        }
        if (e instanceof org.springframework.core.task.TaskRejectedException) {
            // every computing thread is taken (CancelOnDisconnect's pool): as busy as a full bulkhead queue
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                            "Busy", "every computing thread of this server is taken; try again in 5 s", null).getBody());
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to answer this request (error id " + id + "); it has been logged", null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ex.getBody();
        body.setProperty("field", ex.getParameterName());
        body.setProperty("reason", "required parameter '" + ex.getParameterName() + "' is missing");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail p && p.getProperties() != null && !p.getProperties().containsKey("reason")) {
            p.setProperty("reason", p.getDetail());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String reason, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, reason);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        if (field != null) {
            p.setProperty("field", field);
        }
        p.setProperty("reason", reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
