/**
 * The deterministic demo town 示范镇: a synthetic but planner-plausible set of planning layers near
 * Hangzhou (street network, river, development boundary, red lines, farmland, parcels, parks,
 * facilities, greenways, sponge zones, admin areas) for demos, tests and benchmarks.
 *
 * <p>Everything is built in metres in CGCS2000 GK zone 40 and unprojected to lon/lat only when written.
 * A city of {@code columns × rows} town tiles is generated one tile at a time and streamed to disk, so a
 * 100-tile city never sits in memory whole. The output depends only on the seed and the scale: every
 * random draw comes from a seeded {@link java.util.SplittableRandom} or from a hash of the seed and
 * global grid indices (which is how neighbouring tiles agree on shared street nodes and rivers).
 *
 * <p>Entry point: {@link org.greenplan.demo.DemoTownGenerator}. No real survey data is used.
 */
package org.greenplan.demo;
