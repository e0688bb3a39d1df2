package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.urbis.rest.internal.RestApplication;
import org.urbis.rest.internal.security.Allow;

/** The description covers every resource method, and every resource method says who may call it. */
class OpenApiResourceTest {

    /** {@code METHOD /path} of every resource method, path parameters without their regular expressions. */
    private static Set<String> resourceMethods() {
        Set<String> all = new TreeSet<>();
        for (Class<?> c : RestApplication.API_RESOURCES) {
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class)
                        ? "GET"
                        : m.isAnnotationPresent(POST.class)
                                ? "POST"
                                : m.isAnnotationPresent(PUT.class)
                                        ? "PUT"
                                        : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = ("/" + base + (sub == null ? "" : "/" + sub.value()))
                        .replaceAll("/+", "/")
                        .replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                all.add(verb + " " + path);
            }
        }
        return all;
    }

    @Test
    void everyResourceMethodIsDescribed() {
        OpenAPI api = OpenApiResource.describe(RestApplication.API_RESOURCES, "test");
        Set<String> described = new TreeSet<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            p.getValue().readOperationsMap().keySet().forEach(verb -> described.add(verb.name() + " " + p.getKey()));
        }
        assertEquals(resourceMethods(), described);
        assertTrue(api.getOpenapi().startsWith("3."));
        assertEquals("/api/v1", api.getServers().get(0).getUrl());
    }

    @Test
    void everyResourceMethodListsItsRoles() {
        for (Class<?> c : RestApplication.API_RESOURCES) {
            for (Method m : c.getMethods()) {
                boolean endpoint = m.isAnnotationPresent(GET.class)
                        || m.isAnnotationPresent(POST.class)
                        || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(DELETE.class);
                assertTrue(
                        !endpoint || m.getAnnotation(Allow.class).value().length > 0,
                        c.getSimpleName() + "." + m.getName());
            }
        }
    }
}
