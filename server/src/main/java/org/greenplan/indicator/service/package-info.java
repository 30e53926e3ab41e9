/**
 * The server side of the indicators: picks the layers an indicator reads (every layer of each kind at its
 * current version, or the ones named), loads their features for the area asked for from PostGIS
 * ({@link org.greenplan.indicator.service.IndicatorFeatureRepository}), runs the plain-Java engine
 * ({@code org.greenplan.indicator}), caches results by indicator, area, parameters and layer versions,
 * evaluates them against the policy target sets ({@link org.greenplan.indicator.TargetSets}, engine code; data in
 * {@code targets/targets.json}), and checks proposed project sites against the control lines
 * ({@link org.greenplan.indicator.service.ControlLineService}). Controllers live in {@code org.greenplan.api}.
 */
package org.greenplan.indicator.service;
