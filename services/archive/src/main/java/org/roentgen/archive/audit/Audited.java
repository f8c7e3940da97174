package org.roentgen.archive.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that touches patient data: every call leaves an audit record ({@link
 * AuditFilter}), whatever its outcome. The OpenAPI walk test checks that every endpoint has it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  AuditEvent value();
}
