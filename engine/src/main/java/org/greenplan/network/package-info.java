/**
 * The walking network: from road lines to walking distances, life-circle (生活圈) coverage and isochrones.
 *
 * <ul>
 * <li>{@link org.greenplan.network.WalkGraphBuilder} builds a {@link org.greenplan.network.WalkGraph} from road
 * features: walkability by {@link org.greenplan.network.WalkRules} (data file
 * {@code network/walk-rules.properties}), noding at crossings except across bridges/tunnels/layers,
 * vertex merging, largest component.</li>
 * <li>{@link org.greenplan.network.EdgeSnapper} attaches points to the nearest edge
 * ({@link org.greenplan.network.Snap}); too far means unreachable, never an exception.</li>
 * <li>{@link org.greenplan.network.MultiSourceDijkstra} gives every node its distance to the nearest facility
 * of a category ({@link org.greenplan.network.NetworkDistances}).</li>
 * <li>{@link org.greenplan.network.LifeCircle} turns those into 5/10/15-minute coverage of residential parcels
 * ({@link org.greenplan.network.LifeCircleResult}).</li>
 * <li>{@link org.greenplan.network.Isochrone} draws walking service areas
 * ({@link org.greenplan.network.ServiceArea}).</li>
 * <li>{@link org.greenplan.network.ServedGround} is the one model of what a walk serves (a street point reached
 * after d metres serves the land within min(walk-off, limit − d)): isochrones draw it,
 * {@link org.greenplan.network.ParkCoverage} clips it to the parcels.</li>
 * </ul>
 *
 * <p>Inputs are lon/lat {@link org.greenplan.geo.Feature}s; all measuring happens in metres in the graph's
 * Gauss-Krüger zone. Plain Java and JTS, no Spring, no SQL: the server keeps one graph per road-layer
 * version in memory, and the CLI and batch job run the same code. Graphs are immutable and thread-safe.
 */
package org.greenplan.network;
