package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.api.grid.Feeders;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Identity;
import org.urbis.testing.FakeFeeders;

class GridResourceTest {

    private static SecurityContext as(Identity who) {
        return (SecurityContext) Proxy.newProxyInstance(
                GridResourceTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class},
                (proxy, method, args) -> method.getName().equals("getUserPrincipal") ? who : null);
    }

    @Test
    void forecastsAndApprovalsGoToTheGridAsTheCaller() throws Exception {
        ServiceSlot<Feeders> slot = new ServiceSlot<>("the grid");
        GridResource r = new GridResource(slot);
        assertEquals(
                503, assertThrows(ProblemException.class, r::list).problem().status(), "no grid installed");
        FakeFeeders feeders = new FakeFeeders();
        feeders.feeders.add(new FeederStatus("PT-F1", "GM-PT-F1-TX", 15, 8, 1, "advise", "automatic"));
        feeders.outlooks.put(
                "PT-F1",
                new FeederOutlook(
                        "PT-F1",
                        Instant.EPOCH,
                        Instant.EPOCH,
                        15,
                        List.of(1.0),
                        List.of(0.0),
                        23,
                        0,
                        null,
                        null,
                        null,
                        null,
                        ""));
        feeders.proposals.put(
                "P1", List.of(new CommandResult("c1", "PV-PT-001", CommandState.CONFIRMED, "", Instant.EPOCH, null)));
        slot.set(feeders);
        assertEquals("PT-F1", r.list().get(0).id());
        assertEquals(1, r.forecast("PT-F1").loadKw().size());
        assertEquals(
                404,
                assertThrows(ProblemException.class, () -> r.forecast("PT-F9"))
                        .problem()
                        .status());
        SecurityContext operator = as(new Identity("an", Set.of("operator")));
        assertEquals(CommandState.CONFIRMED, r.approve("P1", operator).get(0).state());
        assertEquals(List.of("P1 an [operator]"), feeders.approvals);
        ProblemException gone = assertThrows(ProblemException.class, () -> r.approve("P2", operator));
        assertEquals(404, gone.problem().status());
        assertEquals("UNKNOWN_PROPOSAL", gone.problem().code());
    }
}
