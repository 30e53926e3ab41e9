package org.greenplan.siting.service;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.greenplan.FieldException;
import org.greenplan.geo.GeoJson;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.greenplan.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Siting runs in the background, as imports do ({@code ingest.ImportJobs}: accepted at once with 202, queued in a
 * bounded pool, polled for state, percent and stage, a 4xx-worthy error kept with its field). Unlike an import a
 * siting run writes nothing, so its jobs live in memory (the last {@value #KEPT}); a restart loses them and the
 * planner runs it again. Cancelling stops the run between its steps.
 */
@Service
public class SitingJobs {

    private static final Logger log = LoggerFactory.getLogger(SitingJobs.class);
    static final int KEPT = 100;

    /** A job as polled. */
    public static final class Job {
        final UUID id;
        final String workspace;
        final SitingRequest request;
        final Instant createdAt = Instant.now();
        volatile String state = "queued";
        volatile int percent;
        volatile String stage = "queued";
        volatile SitingService.Result result;
        volatile Map<String, Object> error;
        volatile boolean cancelled;
        volatile Future<?> future;
        volatile String scenario;

        Job(UUID id, String workspace, SitingRequest request) {
            this.id = id;
            this.workspace = workspace;
            this.request = request;
        }

        public UUID id() {
            return id;
        }

        public SitingRequest request() {
            return request;
        }

        public String state() {
            return state;
        }

        public int percent() {
            return percent;
        }

        public String stage() {
            return stage;
        }

        public SitingService.Result result() {
            return result;
        }

        public Map<String, Object> error() {
            return error;
        }

        /** The scenario holding the sites, once a scenario service made one. */
        public String scenario() {
            return scenario;
        }

        public Instant createdAt() {
            return createdAt;
        }
    }

    private final SitingService service;
    private final SiteScenarios scenarios;
    private final ObjectMapper json;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> org.greenplan.limits.BackgroundThreads.daemon(r, "siting"));
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();

    public SitingJobs(SitingService service, ObjectProvider<SiteScenarios> scenarios, ObjectMapper json) {
        this.service = service;
        this.scenarios = scenarios.getIfAvailable(() -> SiteScenarios.NONE);
        this.json = json;
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }

    /** Checks the request (400s now, not in the job) and queues the run. */
    public Job submit(Workspace ws, SitingRequest raw) {
        SitingRequest req = raw.checked();
        service.precheck(ws, req);
        Job job = new Job(UUID.randomUUID(), ws.id(), req);
        synchronized (jobs) {
            jobs.put(job.id, job);
            while (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        try {
            job.future = executor.submit(() -> run(ws, job));
        } catch (RejectedExecutionException e) {
            synchronized (jobs) {
                jobs.remove(job.id);
            }
            throw new SitingBusyException();
        }
        return job;
    }

    private void run(Workspace ws, Job job) {
        if (job.cancelled) {
            return;
        }
        job.state = "running";
        try {
            job.result = service.run(ws, job.request, new SitingService.Progress() {
                public void at(int percent, String stage) {
                    job.percent = Math.max(job.percent, percent);
                    job.stage = stage;
                }

                public boolean cancelled() {
                    return job.cancelled;
                }
            });
            // a plan with no layer of the sites' kind to join stays in the result only
            job.scenario = job.result.siteLayer() == null || job.result.sites().isEmpty() ? null
                    : scenarios.create(ws.id(), "补短板 " + job.id.toString().substring(0, 8),
                            job.result.siteLayer(), sitesGeoJson(job.result, json));
            job.percent = 100;
            job.stage = "done";
            job.state = "succeeded";
        } catch (SitingService.CancelledException e) {
            job.stage = "cancelled";
            job.state = "cancelled";
        } catch (FieldException e) {
            job.error = error(e.field(), e.getMessage());
            job.stage = "failed";
            job.state = "failed";
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Siting job {} failed unexpectedly (error id {})", job.id, ref, e);
            job.error = error(null, "the siting failed unexpectedly (error id " + ref + "); it has been logged");
            job.stage = "failed";
            job.state = "failed";
        }
    }

    /** The job, if it was submitted in this workspace. */
    public Optional<Job> find(String ws, UUID id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).filter(j -> j.workspace.equals(ws));
        }
    }

    /** Asks the job to stop; a queued job never starts, a running one stops at its next step. */
    public Optional<Job> cancel(String ws, UUID id) {
        Optional<Job> job = find(ws, id);
        job.ifPresent(j -> {
            j.cancelled = true;
            if ("queued".equals(j.state)) {
                j.state = "cancelled";
                j.stage = "cancelled";
                if (j.future != null) {
                    j.future.cancel(false);
                }
            }
        });
        return job;
    }

    /** The sites of a result as a GeoJSON FeatureCollection (lon/lat, coordinates as computed), in order. */
    public static JsonNode sitesGeoJson(SitingService.Result r, ObjectMapper json) {
        ObjectNode fc = json.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (SitingService.Site s : r.sites()) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", "site-" + s.order());
            f.set("geometry", json.readTree(GeoJson.write(s.geometry(), SitingService.DECIMALS)));
            ObjectNode p = f.putObject("properties");
            p.put("order", s.order());
            p.put("name", (r.category() == null ? "新建公园 " : "新建设施 ") + s.order());
            if (r.category() != null) {
                p.put("category", r.category());
            }
            p.put("candidate", s.candidateId());
            p.put("coverageAfter", s.coverageAfter());
            if (r.category() == null) { // a new park's size and service radius; a facility is a point (NaN, 0 before)
                p.put("radius", s.radius());
                p.put("area", s.areaSquareMetres());
            }
            if (r.capacitated()) {
                // the attribute 2SFCA reads as a facility's supply, so the scenario's accessibility counts it
                p.put("capacity", r.capacity());
                p.put("servedResidents", s.servedResidents());
            }
        }
        return fc;
    }

    private static Map<String, Object> error(String field, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (field != null) {
            m.put("field", field);
        }
        m.put("reason", reason);
        return m;
    }

    /** More runs waiting than the queue holds (503). */
    public static class SitingBusyException extends FieldException {
        public SitingBusyException() {
            super(Category.BUSY, null, "too many siting runs are waiting; try again later");
        }
    }
}
