package org.roentgen.router.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.roentgen.router.RouterService;
import org.roentgen.router.delivery.DestinationStatus;

/**
 * The destinations: their queues and circuits, and pause and resume (a paused destination keeps
 * queueing, it only stops sending: for a PACS upgrade window).
 */
@Path("/destinations")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationsResource {
  private final RouterService service;

  public DestinationsResource(RouterService service) {
    this.service = service;
  }

  @GET
  public List<DestinationStatus> all() {
    return service.engine().status();
  }

  @GET
  @Path("/{name}")
  public DestinationStatus one(@PathParam("name") String name) {
    return service.engine().status(known(name));
  }

  @POST
  @Path("/{name}/pause")
  public DestinationStatus pause(@PathParam("name") String name) {
    service.engine().pause(known(name));
    return service.engine().status(name);
  }

  @POST
  @Path("/{name}/resume")
  public DestinationStatus resume(@PathParam("name") String name) {
    service.engine().resume(known(name));
    return service.engine().status(name);
  }

  private String known(String name) {
    if (!service.engine().has(name)) {
      throw new NotFoundException("no destination named " + name);
    }
    return name;
  }
}
