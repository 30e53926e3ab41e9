/**
 * The kinds of planning layer ({@link org.greenplan.kind.LayerKind}: 生态保护红线, 公园绿地, 居住用地 …) and the
 * geometry each holds ({@link org.greenplan.kind.GeometryFamily}): the vocabulary the engines, the server
 * and the web page share. Plain Java, so the engines can name their inputs without the JDBC layer store
 * ({@code org.greenplan.layer}), which depends on this package and never the other way round.
 */
package org.greenplan.kind;
