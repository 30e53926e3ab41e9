#!/usr/bin/env bash
# The province run (batch/: Spark + Sedona over every unit) in Spark local mode on this machine's cores.
#
#   ./batch.sh (--input DIR | --input-jdbc jdbc:postgresql://… --workspace WS) [--out DIR] [--master 'local[*]']
#              [--units-kind admin_area] [--units-code PREFIX] [--jdbc jdbc:postgresql://…] [--jdbc-user U --jdbc-password P]
#       DIR holds layers.json (id, kind, file per layer, as the demo generator writes it) and the layers as
#       GeoJSON or GeoParquet; results go to OUT/batch_result (GeoParquet) and, with --jdbc, to the table
#       batch_result. --input-jdbc reads workspace WS's current layer versions from PostGIS instead (Spark JDBC,
#       parallel id ranges; the --jdbc-user role). A progress line per stage on the console; Spark's UI on
#       http://localhost:4040 meanwhile.
#   ./batch.sh bench [--scale N]
#       generates a province of N towns' worth (demo generator --scale N, default 400) once into
#       target/bench-data/province-sN, then times the job with local[1] and local[2] and the same units one
#       after another through the engine in one JVM (docs/BENCHMARKS.md).
#
# On a cluster: spark-submit the same classes (docs/GUIDE.md, "Province runs on a cluster").
set -euo pipefail
cd "$(dirname "$0")"
source scripts/provision.sh
gp_install_base

# the engine and batch jars and the job's classpath, in one Maven call (the reactor resolves the engine)
mvn -q -B -DskipTests -pl batch -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="batch/target/greenplan-batch-0.1.0-SNAPSHOT.jar:$(cat batch/target/classpath.txt)"
heap="${GREENPLAN_BATCH_HEAP:--Xmx1g}"
if [ "${1:-}" = bench ]; then
  shift
  exec java @batch/spark-java17.args "$heap" -cp "$cp" org.greenplan.batch.BatchBench "$@"
fi
# Spark on Java 17 needs the JDK's packages opened to it (spark-submit's launcher does the same)
exec java @batch/spark-java17.args "$heap" -cp "$cp" org.greenplan.batch.ProvinceJob --master "${GREENPLAN_BATCH_MASTER:-local[*]}" "$@"
