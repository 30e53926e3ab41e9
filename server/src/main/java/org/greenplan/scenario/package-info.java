/**
 * Scenarios (方案, issue 17): a plan sketched on a workspace's layers. A scenario pins the layer versions current
 * when it branched and holds feature-level edits (add, replace, update attributes, delete) that nobody else sees;
 * indicators run on it through {@link org.greenplan.indicator.service.ScenarioInputs}; adopting publishes every
 * edited layer as a new version in one transaction (rebasing first when the baseline moved). {@link ScenarioService}
 * is the entry point, for the API and for other packages (siting proposes its sites as a new scenario).
 */
package org.greenplan.scenario;
