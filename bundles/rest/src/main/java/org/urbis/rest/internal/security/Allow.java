package org.urbis.rest.internal.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method; any one suffices. Every resource method carries one:
 * {@link RoleFeature} refuses a method without it, so that a forgotten list denies instead of
 * letting everyone in.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allow {

    Role[] value();
}
