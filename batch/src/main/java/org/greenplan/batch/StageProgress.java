package org.greenplan.batch;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

/** A progress line per finished Spark stage on the console, beside Spark's own UI. */
final class StageProgress extends SparkListener {

    private StageProgress() {
    }

    static void attach(SparkSession spark) {
        spark.sparkContext().addSparkListener(new StageProgress());
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted done) {
        StageInfo s = done.stageInfo();
        long ms = s.completionTime().isDefined() && s.submissionTime().isDefined()
                ? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : -1;
        String name = s.name().length() > 60 ? s.name().substring(0, 60) + "…" : s.name();
        ProvinceJob.progress("  spark stage %d (%s): %d tasks, %.1f s%s", s.stageId(), name, s.numTasks(), ms / 1000.0,
                s.failureReason().isDefined() ? ", failed: " + s.failureReason().get() : "");
    }
}
