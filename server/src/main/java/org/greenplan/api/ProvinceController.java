package org.greenplan.api;

import java.util.List;
import org.greenplan.province.ProvinceRuns;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The province view's data: a finished province run of the batch job (the latest unless {@code run} names
 * one), every unit ranked against the run's targets, with its boundary for the choropleth.
 */
@RestController
public class ProvinceController {

    private final ProvinceRuns runs;

    public ProvinceController(ProvinceRuns runs) {
        this.runs = runs;
    }

    /** The run and its ranked units. */
    public record ProvinceResponse(ProvinceRuns.Run run, List<ProvinceRuns.Unit> units) {
    }

    @GetMapping(value = "/api/v1/province", produces = "application/json")
    public ProvinceResponse province(@RequestParam(value = "run", required = false) String run) {
        Long id = null;
        if (run != null) {
            try {
                id = Long.valueOf(run.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("run", "must be the id of a province run (a whole number), not '" + run + "'");
            }
        }
        Long wanted = id;
        ProvinceRuns.Run r = runs.run(wanted).orElseThrow(() -> new NotFoundException(wanted == null
                ? "no finished province run yet: run ./batch.sh with --jdbc against this database"
                : "no finished province run " + wanted));
        return new ProvinceResponse(r, runs.units(r));
    }
}
