package org.urbis.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.schedule.ScheduleRefusedException;

/** Every failure of a request as {@code application/problem+json}. */
public final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    /** The answer for a problem. */
    public static Response response(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** A body that is not JSON, or JSON that does not fit: unknown fields, wrong types. */
    public static final class MalformedJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return response(Problem.of(400, "MALFORMED_JSON", "Malformed JSON", e.getOriginalMessage()));
        }
    }

    /** What JAX-RS itself refuses: no such path, method not allowed, media type not supported, ... */
    public static final class Http implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof ProblemException) {
                return e.getResponse();
            }
            if (e.getCause() instanceof JsonProcessingException j) {
                return new MalformedJson().toResponse(j);
            }
            int status = e.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? "HTTP " + status : type.getReasonPhrase();
            String code = title.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            return response(Problem.of(status, code, title, e.getMessage()));
        }
    }

    /** A schedule with problems: every one is listed. */
    public static final class RefusedSchedule implements ExceptionMapper<ScheduleRefusedException> {
        @Override
        public Response toResponse(ScheduleRefusedException e) {
            return response(Problem.of(422, "SCHEDULE_REFUSED", "Schedule refused", e.getMessage())
                    .withProblems(e.problems()));
        }
    }

    /** A request a service found wrong: a group without schedule, dates reversed, a level out of range. */
    public static final class Invalid implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return response(Problem.of(422, "INVALID_REQUEST", "Invalid request", e.getMessage()));
        }
    }

    /** Anything else is a bug: logged, and answered without internals. */
    public static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.error("REST request failed", e);
            return response(Problem.of(
                    500, "INTERNAL_ERROR", "Internal error", "the request failed; the platform log has the details"));
        }
    }
}
