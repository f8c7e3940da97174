package org.roentgen.validation.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.roentgen.validation.domain.RuleBook;
import org.roentgen.validation.domain.RuleSettings;
import org.roentgen.validation.domain.RuleSpec;

/** {@code GET /rules}: the rules in force, their severities and switches, and their settings. */
@Path("/rules")
public class RulesResource {
  /** The body of GET /rules. */
  public record RulesView(
      String source, String sha256, List<RuleSpec> rules, RuleSettings settings) {}

  private final RuleBook book;

  public RulesResource(RuleBook book) {
    this.book = book;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public RulesView rules() {
    return new RulesView(
        book.source(), book.sha256(), List.copyOf(book.inOrder()), book.settings());
  }
}
