package org.greenplan.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.CsvCells;
import org.greenplan.api.BadRequestException;
import org.greenplan.api.NotFoundException;
import org.greenplan.security.RequestScope;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.greenplan.workspace.WorkspaceRepository;
import org.springframework.data.domain.Limit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's audit log, newest first, for its admins: JSON, or CSV ({@code f=csv} or {@code Accept: text/csv})
 * for a spreadsheet. The rows of a deleted workspace stay readable (by a global admin) under its old id.
 */
@RestController
public class AuditController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;
    private static final String CSV = "text/csv";
    private static final String HEADER = "when,who,workspace,action,target,outcome,status,requestId\r\n";

    private final AuditEventRepository events;
    private final WorkspaceRepository workspaces;

    public AuditController(AuditEventRepository events, WorkspaceRepository workspaces) {
        this.events = events;
        this.workspaces = workspaces;
    }

    @GetMapping(value = "/api/v1/workspaces/{ws}/audit", produces = {"application/json", CSV})
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<?> audit(@PathVariable String ws, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String f, @RequestHeader(value = "Accept", required = false) String accept) {
        RequestScope.checkedId(ws);
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new BadRequestException("limit", "limit must be 1 to " + MAX_LIMIT);
        }
        if (f != null && !f.equals("csv") && !f.equals("json")) {
            throw new BadRequestException("f", "f must be json or csv");
        }
        List<AuditEvent> rows = events.findByWorkspaceIdOrderByAtDescIdDesc(ws, Limit.of(n));
        if (rows.isEmpty() && !workspaces.existsById(ws)) {
            throw new NotFoundException("no workspace '" + ws + "'");
        }
        boolean csv = "csv".equals(f) || (f == null && accept != null && accept.contains(CSV)
                && !accept.contains("application/json"));
        if (csv) {
            StringBuilder out = new StringBuilder(HEADER);
            for (AuditEvent e : rows) {
                out.append(CsvCells.text(e.at().toString())).append(',').append(CsvCells.text(e.who())).append(',')
                        .append(CsvCells.text(e.workspaceId())).append(',').append(CsvCells.text(e.action()))
                        .append(',').append(CsvCells.text(e.target())).append(',').append(CsvCells.text(e.outcome()))
                        .append(',').append(CsvCells.number(Integer.toString(e.status()))).append(',')
                        .append(CsvCells.text(e.requestId())).append("\r\n");
            }
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"audit-" + ws + ".csv\"").body(out.toString());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workspace", ws, "events", rows.stream().map(AuditController::describe).toList()));
    }

    private static Map<String, Object> describe(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("when", e.at());
        m.put("who", e.who());
        m.put("workspace", e.workspaceId());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("outcome", e.outcome());
        m.put("status", e.status());
        m.put("method", e.method());
        m.put("path", e.path());
        m.put("requestId", e.requestId());
        return m;
    }
}
