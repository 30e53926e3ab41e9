package org.greenplan.layer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.greenplan.kind.LayerKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes a new version of a layer in one transaction: the layer row (when new), the version, its
 * features and the switch of the layer's current version commit together or not at all. Readers keep
 * seeing the previous version until the commit.
 */
@Service
public class LayerPublisher {

    private final LayerRepository layers;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    public LayerPublisher(LayerRepository layers, JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate tx) {
        this.layers = layers;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = tx;
    }

    /**
     * What to publish, into which workspace. For a new layer give {@code name} and {@code kind}; for a new version of an existing
     * one leave {@code name} null (the kind must then match the layer's, or be null).
     */
    public record Target(String workspace, String layerId, String name, LayerKind kind, boolean newLayer, String source,
            String createdBy) {
    }

    /** {@code rejected} lists the first of the {@code rejectedCount} features left out (file imports only). */
    public record Published(Layer layer, LayerVersion version, List<FeatureProblem> repairs,
            List<FeatureProblem> rejected, long rejectedCount) {
        public Published(Layer layer, LayerVersion version, List<FeatureProblem> repairs) {
            this(layer, version, repairs, List.of(), 0);
        }
    }

    /** Runs {@code features} to stage the upload's features, then publishes them as the next version. */
    public Published publish(Target target, Consumer<StagedFeatures> features) {
        return tx.execute(status -> {
            LayerKind kind = prepareLayer(target);
            long versionId = layers.createVersion(target.workspace(), target.layerId(), target.source(), target.createdBy());
            Connection connection = DataSourceUtils.getConnection(dataSource);
            StagedFeatures staged;
            try {
                staged = new StagedFeatures(jdbc, connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the staging COPY", e);
            }
            StagedFeatures.Promotion promotion;
            try {
                features.accept(staged);
                promotion = staged.promoteInto(versionId, kind.geometry());
            } catch (RuntimeException e) {
                staged.abort();
                throw e;
            }
            if (promotion.loaded() == 0) {
                throw new InvalidLayerDataException("features", "the upload holds no features");
            }
            LayerVersion version = layers.publish(versionId, promotion);
            Layer layer = layers.find(target.workspace(), target.layerId()).orElseThrow();
            return new Published(layer, version, promotion.repairs(), promotion.rejected(), promotion.rejectedCount());
        });
    }

    private LayerKind prepareLayer(Target target) {
        if (target.newLayer()) {
            if (layers.exists(target.workspace(), target.layerId())) {
                throw new LayerConflictException(target.layerId());
            }
            try {
                layers.insertLayer(target.workspace(), target.layerId(), target.name(), target.kind());
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // another import created the same new layer between our check and our insert, and committed
                throw new LayerConflictException(target.layerId());
            }
            layers.lock(target.workspace(), target.layerId());
            return target.kind();
        }
        Layer existing = layers.lock(target.workspace(), target.layerId()).orElseThrow(() -> new LayerNotFoundException(target.layerId()));
        if (target.kind() != null && target.kind() != existing.kind()) {
            throw new InvalidLayerDataException("kind", "layer '" + existing.id() + "' is of kind "
                    + existing.kind().id() + ", not " + target.kind().id());
        }
        return existing.kind();
    }
}
