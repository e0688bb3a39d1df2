package org.urbis.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An error answer, RFC 7807 {@code application/problem+json}, with the platform's reason code.
 *
 * @param type     {@code urn:urbis:problem:<code>}
 * @param title    a short sentence for the code
 * @param status   the HTTP status
 * @param detail   what exactly went wrong
 * @param code     the reason code: the command pipeline's (OUT_OF_LIMITS, UNKNOWN_DEVICE, ...) or the API's
 *                 (MALFORMED_JSON, TOO_LARGE, CSRF, ...)
 * @param problems every problem found, where there are several (an inventory file, a schedule)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<String> problems) {

    /** The media type of problem answers. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(code, "code");
        problems = problems == null || problems.isEmpty() ? null : List.copyOf(problems);
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:urbis:problem:" + code, title, status, detail, code, null);
    }

    /** The same problem listing every problem found. */
    public Problem withProblems(List<String> all) {
        return new Problem(type, title, status, detail, code, all);
    }

    /**
     * The reason code that starts a pipeline reason ({@code OUT_OF_LIMITS: 150 lies outside [0, 100]}),
     * or {@code fallback} when it starts with none.
     */
    public static String codeOf(String reason, String fallback) {
        int colon = reason == null ? -1 : reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : "";
        return head.matches("[A-Z][A-Z0-9_]*") ? head : fallback;
    }
}
