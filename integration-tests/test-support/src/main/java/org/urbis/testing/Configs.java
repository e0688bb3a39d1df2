package org.urbis.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A component's typed configuration outside OSGi, as Declarative Services would hand it over. */
public final class Configs {

    private Configs() {}

    /**
     * @param type   the configuration annotation
     * @param values by method name ({@code broker_url}); the annotation's defaults for the rest
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        InvocationHandler settings = (proxy, method, args) -> method.getName().equals("annotationType")
                ? type
                : values.getOrDefault(method.getName(), method.getDefaultValue());
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, settings));
    }
}
