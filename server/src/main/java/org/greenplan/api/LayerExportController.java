package org.greenplan.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.greenplan.ingest.LayerExport;
import org.greenplan.ingest.LayerExport.ExportFile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Layer downloads: {@code GET /api/v1/workspaces/{ws}/layers/{id}/export?format=shp|gpkg|geojson|csv[&crs=…]
 * [&version=…]}, and the same as {@code /w/{ws}/collections/{id}/items?f=shp|gpkg|csv} (f=json/geojson stays the
 * paged OGC items). The unscoped paths serve the default workspace.
 */
@RestController
public class LayerExportController {

    private final LayerExport export;

    public LayerExportController(LayerExport export) {
        this.export = export;
    }

    @GetMapping({"/api/v1/workspaces/{ws}/layers/{layerId}/export", "/api/v1/layers/{layerId}/export"})
    public void export(WorkspaceScope scope, @PathVariable String layerId, @RequestParam(required = false) String format,
            @RequestParam(required = false) String crs, @RequestParam(required = false) Integer version,
            HttpServletResponse response) throws IOException {
        send(scope, layerId, "format", format == null ? "geojson" : format, crs, version, response);
    }

    @GetMapping(value = {"/w/{ws}/collections/{layerId}/items", "/collections/{layerId}/items"},
            params = {"f", "f!=json", "f!=geojson"})
    public void items(WorkspaceScope scope, @PathVariable String layerId, @RequestParam String f, @RequestParam(required = false) String crs,
            @RequestParam(required = false) Integer version, HttpServletResponse response) throws IOException {
        send(scope, layerId, "f", f, crs, version, response);
    }

    private void send(WorkspaceScope scope, String layerId, String formatField, String format, String crs, Integer version,
            HttpServletResponse response) throws IOException {
        ExportFile file;
        try {
            file = export.export(scope.id(), layerId, version, format, crs);
        } catch (LayerExport.ExportRefusedException e) {
            throw new BadRequestException(e.field().equals("format") ? formatField : e.field(), e.getMessage());
        }
        try (file) {
            Downloads.send(file, response);
        }
    }
}
