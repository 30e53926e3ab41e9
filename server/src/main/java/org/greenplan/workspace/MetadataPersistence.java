package org.greenplan.workspace;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Two transaction managers, each for its own path. The feature path (imports, publishing, tiles, indicators) is
 * JDBC and COPY and keeps the plain JDBC transaction manager it was built and tested with: it is the primary
 * one, so {@code TransactionTemplate} and {@code @Transactional} mean what they meant. The metadata entities
 * (workspaces, keys, audit rows) are JPA and their repositories use the JPA transaction manager. With the JPA
 * manager as the only one, the import tests saw a re-import fail with "no layer" under a full suite; one
 * manager per path keeps the JDBC code's transaction semantics exactly as before. A write that must touch both
 * (deleting a workspace with its layers) is one SQL statement: the database cascades it.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "org.greenplan", transactionManagerRef = MetadataPersistence.TRANSACTIONS)
public class MetadataPersistence {

    /** The JPA transaction manager's bean name, for {@code @Transactional(MetadataPersistence.TRANSACTIONS)}. */
    public static final String TRANSACTIONS = "metadataTransactions";

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean(TRANSACTIONS)
    JpaTransactionManager metadataTransactions(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
