package org.urbis.rest.internal;

import java.util.List;
import java.util.Map;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/**
 * Ends a request with a problem answer. It carries its answer, so it is answered right from a
 * filter as well as from a resource.
 */
public class ProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.code() + ": " + problem.detail(), answer(problem, headers));
        this.problem = problem;
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(Problem.of(status, code, title, detail), Map.of());
    }

    private static Response answer(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder r =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(r::header);
        return r.build();
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Bad request", detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not found", detail);
    }

    public static ProblemException unprocessable(String code, String detail, List<String> problems) {
        return new ProblemException(Problem.of(422, code, "Refused", detail).withProblems(problems), Map.of());
    }

    public static ProblemException unavailable(String what) {
        return new ProblemException(503, "SERVICE_UNAVAILABLE", "Not available", what + " is not running");
    }

    public Problem problem() {
        return problem;
    }
}
