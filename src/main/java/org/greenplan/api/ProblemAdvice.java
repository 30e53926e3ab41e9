package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.greenplan.ingest.GdalRunner;
import org.greenplan.ingest.ImportJobs;
import org.greenplan.ingest.RejectedUploadException;
import org.greenplan.ingest.UploadTooLargeException;
import org.greenplan.layer.InvalidLayerDataException;
import org.greenplan.layer.LayerConflictException;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.limits.BodyTooLargeException;
import org.greenplan.limits.BusyException;
import org.greenplan.limits.LimitExceededException;
import org.greenplan.network.service.NetworkRequestException;
import org.greenplan.security.AccessDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.field(), null);
    }

    @ExceptionHandler(InvalidLayerDataException.class)
    ResponseEntity<ProblemDetail> invalidData(InvalidLayerDataException e) {
        // a body that is not GeoJSON at all is a malformed request; well-formed but unusable data is 422
        HttpStatus status = e.field().equals("body") ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
        List<Map<String, Object>> errors = e.problems().stream()
                .map(p -> Map.<String, Object>of("feature", p.index(), "reason", p.reason())).toList();
        return problem(status, "Data not accepted", e.getMessage(), e.field(), errors.isEmpty() ? null : errors);
    }

    @ExceptionHandler(NetworkRequestException.class)
    ResponseEntity<ProblemDetail> network(NetworkRequestException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot compute on the walking network", e.getMessage(),
                e.field(), null);
    }

    @ExceptionHandler({LayerNotFoundException.class, NotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null, null);
    }

    @ExceptionHandler(LayerConflictException.class)
    ResponseEntity<ProblemDetail> conflict(LayerConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), "id", null);
    }

    @ExceptionHandler(UploadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(UploadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", e.getMessage(), "body", null);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage(),
                e.field(), null);
        r.getBody().setProperty("limit", e.limit());
        return r;
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.field(),
                null);
        r.getBody().setProperty("limit", e.limit());
        return r;
    }

    /** A bulkhead is full: 503 naming the kind of computation, with when to try again. */
    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException e) {
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage(), null, null).getBody();
        p.setProperty("kind", e.kind().id());
        p.setProperty("limit", e.limit());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(RejectedUploadException.class)
    ResponseEntity<ProblemDetail> rejectedUpload(RejectedUploadException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Upload not accepted", e.getMessage(), e.field(), null);
    }

    @ExceptionHandler(ImportJobs.ImportQueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(ImportJobs.ImportQueueFullException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage(), null, null);
    }

    @ExceptionHandler(GdalRunner.GdalException.class)
    ResponseEntity<ProblemDetail> gdal(GdalRunner.GdalException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Upload not accepted", e.getMessage(), "file", null);
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

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        ResponseEntity<ProblemDetail> r = problem(e.status(), e.status() == HttpStatus.UNAUTHORIZED
                ? "Authentication required" : "Not allowed", e.getMessage(), "Authorization", null);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            return ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(r.getHeaders().getContentType()).body(r.getBody());
        }
        return r;
    }

    @ExceptionHandler(org.greenplan.indicator.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(org.greenplan.indicator.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(), e.parameter(), null);
    }

    @ExceptionHandler(org.greenplan.indicator.service.IndicatorRequestException.class)
    ResponseEntity<ProblemDetail> indicatorRequest(org.greenplan.indicator.service.IndicatorRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.field(), null);
    }

    @ExceptionHandler(org.greenplan.indicator.service.MissingLayerException.class)
    ResponseEntity<ProblemDetail> missingLayer(org.greenplan.indicator.service.MissingLayerException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Missing input layer", e.getMessage(),
                "layers", null);
        r.getBody().setProperty("missingKinds", e.missing().stream().map(k -> k.id()).toList());
        return r;
    }

    @ExceptionHandler(org.greenplan.indicator.service.UnknownIndicatorException.class)
    ResponseEntity<ProblemDetail> unknownIndicator(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "id", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "'" + e.getValue() + "' is not a valid value for " + e.getName(), e.getName(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to answer this request (error id " + id + "); it has been logged", null, null);
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

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String reason, String field,
            Object errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, reason);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        if (field != null) {
            p.setProperty("field", field);
        }
        p.setProperty("reason", reason);
        if (errors != null) {
            p.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
