package org.urbis.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.urbis.api.schedule.ScheduleRefusedException;

class ProblemTest {

    @Test
    void theReasonCodeIsWhatStartsAPipelineReason() {
        assertEquals("OUT_OF_LIMITS", Problem.codeOf("OUT_OF_LIMITS: 150.0 lies outside [0, 100] %", "REJECTED"));
        assertEquals("REJECTED", Problem.codeOf("no code here: just words", "REJECTED"));
        assertEquals("REJECTED", Problem.codeOf("", "REJECTED"));
        assertEquals("REJECTED", Problem.codeOf(null, "REJECTED"));
    }

    @Test
    void aProblemIsWrittenAsRfc7807WithItsCode() throws Exception {
        String json =
                new ObjectMapper().writeValueAsString(Problem.of(404, "UNKNOWN_DEVICE", "Not found", "no device 'X'"));
        assertEquals(
                "{\"type\":\"urn:urbis:problem:UNKNOWN_DEVICE\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"no device 'X'\",\"code\":\"UNKNOWN_DEVICE\"}",
                json);
        assertTrue(new ObjectMapper()
                .writeValueAsString(Problem.of(422, "X", "t", "d").withProblems(List.of("a", "b")))
                .endsWith("\"problems\":[\"a\",\"b\"]}"));
    }

    @Test
    void aRaisedProblemCarriesItsAnswerAndHeaders() {
        ProblemException e =
                new ProblemException(Problem.of(429, "TOO_MANY_LOGINS", "t", "d"), Map.of("Retry-After", "42"));
        Response r = new ProblemMappers.Http().toResponse(e);
        assertEquals(429, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals("42", r.getHeaderString("Retry-After"));
    }

    @Test
    void failuresOfJaxRsJsonAndServicesMapToTheirProblems() {
        Response notFound = new ProblemMappers.Http().toResponse(new NotFoundException());
        assertEquals(404, notFound.getStatus());
        assertEquals("NOT_FOUND", ((Problem) notFound.getEntity()).code());

        Response malformed =
                new ProblemMappers.MalformedJson().toResponse(new JsonParseException(null, "Unexpected end"));
        assertEquals(400, malformed.getStatus());
        assertEquals("MALFORMED_JSON", ((Problem) malformed.getEntity()).code());

        Response refused =
                new ProblemMappers.RefusedSchedule().toResponse(new ScheduleRefusedException("s", List.of("p1", "p2")));
        assertEquals(422, refused.getStatus());
        assertEquals(List.of("p1", "p2"), ((Problem) refused.getEntity()).problems());

        Response bug = new ProblemMappers.Unexpected().toResponse(new NullPointerException("secret internals"));
        assertEquals(500, bug.getStatus());
        assertFalse(((Problem) bug.getEntity()).detail().contains("secret"));
    }
}
