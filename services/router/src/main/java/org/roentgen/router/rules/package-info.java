/**
 * Routing rules as data: the YAML rule file format ({@link
 * org.roentgen.router.rules.RuleFileParser}, validated with line-numbered errors collected in a
 * {@link org.roentgen.router.rules.RuleFileException}), the evaluation of an event into a {@link
 * org.roentgen.router.rules.RoutingDecision} ({@link org.roentgen.router.rules.RuleSet#decide}),
 * reloading of the file when it changes ({@link org.roentgen.router.rules.RuleReloader}) and the
 * application of attribute coercions to a data set ({@link
 * org.roentgen.router.rules.CoercionApplier}).
 *
 * <p>Plain Java without CDI, so that every decision is unit-tested; the service wires it. The
 * format is described in the router's README, section "Rules".
 */
package org.roentgen.router.rules;
