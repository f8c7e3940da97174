package org.roentgen.archive.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.roentgen.archive.auth.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit record of every call of an {@link Audited} endpoint before its response goes
 * out, refused or not. A record that cannot be written fails the response (500): patient data is
 * not served without its record.
 */
public class AuditFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final List<String> STUDY_PARAMS = List.of("study");
  private static final List<String> INSTANCE_PARAMS = List.of("instance", "sop");

  @Inject AuditLog log;
  @Inject SecurityIdentity identity;
  @Inject AuditDetails details;

  @ServerResponseFilter
  public Uni<Void> audit(
      ContainerRequestContext request,
      ContainerResponseContext response,
      ResourceInfo resource,
      HttpServerRequest http) {
    Method method = resource == null ? null : resource.getResourceMethod();
    Audited audited = method == null ? null : method.getAnnotation(Audited.class);
    if (audited == null) {
      return Uni.createFrom().voidItem();
    }
    AuditRecord record = record(audited.value(), request, response, resource, http);
    return Uni.createFrom()
        .item(
            () -> {
              try {
                log.append(record);
              } catch (Exception e) {
                LOG.error("audit record of {} not written: {}", record.operation(), e.toString());
                response.setStatus(500);
                response.setEntity("{\"status\":500,\"error\":\"the audit trail is unavailable\"}");
              }
              return (Void) null;
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private AuditRecord record(
      AuditEvent event,
      ContainerRequestContext request,
      ContainerResponseContext response,
      ResourceInfo resource,
      HttpServerRequest http) {
    MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
    List<String> studies = new ArrayList<>();
    List<String> instances = new ArrayList<>();
    STUDY_PARAMS.forEach(p -> studies.addAll(params.getOrDefault(p, List.of())));
    INSTANCE_PARAMS.forEach(p -> instances.addAll(params.getOrDefault(p, List.of())));
    Map<String, Object> extra = Map.of();
    try {
      studies.addAll(details.studies());
      instances.addAll(details.instances());
      extra = Map.copyOf(details.details());
    } catch (RuntimeException e) {
      // no request context (a failure before the endpoint ran): the request alone is recorded
    }
    boolean anonymous = identity == null || identity.isAnonymous();
    String user = anonymous ? "anonymous" : identity.getPrincipal().getName();
    String roles = anonymous ? null : String.join(",", new TreeSet<>(rolesOf(identity)));
    String remote =
        http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    int status = response.getStatus();
    return new AuditRecord(
        Instant.now(),
        user,
        roles,
        remote,
        event,
        AuditRecord.outcome(status),
        request.getMethod() + " " + template(resource),
        status,
        request.getUriInfo().getRequestUri().getRawQuery(),
        studies.stream().distinct().toList(),
        instances.stream().distinct().toList(),
        List.of(),
        extra);
  }

  private static List<String> rolesOf(SecurityIdentity identity) {
    return identity.getRoles().stream().filter(Roles::known).toList();
  }

  /** The endpoint's path as the OpenAPI document names it, e.g. /dicomweb/studies/{study}. */
  static String template(ResourceInfo resource) {
    Path cls = resource.getResourceClass().getAnnotation(Path.class);
    Path m = resource.getResourceMethod().getAnnotation(Path.class);
    String path = (cls == null ? "" : cls.value()) + "/" + (m == null ? "" : m.value());
    path = path.replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
