package org.greenplan.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.greenplan.siting.service.SitingJobs;
import org.greenplan.siting.service.SitingRequest;
import org.greenplan.siting.service.SitingService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 补短板选址: {@code POST /api/v1/workspaces/{ws}/siting} with a {@link SitingRequest} starts a run (202 and a job to
 * poll at {@code GET …/siting/{jobId}}, cancelled by {@code DELETE}); its result holds the chosen sites (GeoJSON, in
 * the order added), the coverage curve, the optimality gap where known and the candidates excluded by reason.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/siting")
public class SitingController {

    private final SitingJobs jobs;
    private final ObjectMapper json;

    public SitingController(SitingJobs jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /** A siting run: where it is, what was asked, and its result or error once it ended. */
    public record SitingJobResponse(String id, String workspace, String state, int percent, String stage,
            SitingRequest request, SitingResultResponse result, Map<String, Object> error, String createdAt,
            List<Link> links) {
    }

    /**
     * The result of a run (see {@link SitingService.Result}); {@code sites} is a GeoJSON FeatureCollection whose
     * features carry {@code order}, {@code coverageAfter} (%), {@code radius} (m) and {@code area} (m²), and with a
     * capacity {@code capacity} and {@code servedResidents}; {@code capacitated} says whether the run counted a
     * capacity per new site, {@code existingCapacity} what it assumed of the existing facilities.
     */
    public record SitingResultResponse(String indicator, String mode, Double target, Integer sitesAsked, JsonNode sites,
            double coverageBefore, double[] curve, double coverage, boolean reached, Double bestReachable,
            String solver, Double gap, Integer fewestPossible, boolean proven, int candidates, int candidatesKept,
            Map<String, Integer> excluded, List<String> notes, String scenario, boolean capacitated, Double capacity,
            String existingCapacity) {
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    public ResponseEntity<SitingJobResponse> submit(WorkspaceScope scope, @RequestBody SitingRequest request) {
        if (request == null) {
            throw new BadRequestException("body", "send a JSON siting request");
        }
        SitingJobs.Job job = jobs.submit(scope.workspace(), request);
        String self = scope.api() + "/siting/" + job.id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", self).body(response(scope, job));
    }

    @GetMapping(value = "/{jobId}", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    public SitingJobResponse get(WorkspaceScope scope, @PathVariable String jobId) {
        return response(scope, jobs.find(scope.id(), id(jobId)).orElseThrow(() -> notFound(scope, jobId)));
    }

    @DeleteMapping(value = "/{jobId}", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    public SitingJobResponse cancel(WorkspaceScope scope, @PathVariable String jobId) {
        return response(scope, jobs.cancel(scope.id(), id(jobId)).orElseThrow(() -> notFound(scope, jobId)));
    }

    private static UUID id(String jobId) {
        try {
            return UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no siting job '" + jobId + "'");
        }
    }

    private static NotFoundException notFound(WorkspaceScope scope, String jobId) {
        return new NotFoundException("no siting job '" + jobId + "' in workspace '" + scope.id() + "'");
    }

    private SitingJobResponse response(WorkspaceScope scope, SitingJobs.Job job) {
        SitingService.Result r = job.result();
        SitingResultResponse result = r == null ? null : new SitingResultResponse(r.indicator(), r.mode(), r.target(),
                r.sitesAsked(), sites(r), r.coverageBefore(), r.curve(), r.coverage(), r.reached(), r.bestReachable(),
                r.solver(), r.gap(), r.fewestPossible(), r.proven(), r.candidates(), r.candidatesKept(), r.excluded(),
                r.notes(), job.scenario(), r.capacitated(), r.capacity(), r.existingCapacity());
        String self = scope.api() + "/siting/" + job.id();
        return new SitingJobResponse(job.id().toString(), scope.id(), job.state(), job.percent(), job.stage(),
                job.request(), result, job.error(), job.createdAt().toString(),
                List.of(Links.link(self, "self", Links.JSON, "The siting job")));
    }

    private JsonNode sites(SitingService.Result r) {
        return SitingJobs.sitesGeoJson(r, json);
    }
}
