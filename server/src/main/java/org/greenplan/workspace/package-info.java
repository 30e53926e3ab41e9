/**
 * Workspaces (工作空间): the unit of data, scope and access. A workspace owns its layers and their versions, its
 * scope and its measuring CRS; nothing in one changes a figure in another. Its metadata is a JPA entity (with
 * hibernate-spatial for the extent); the features themselves stay on JDBC and COPY.
 */
package org.greenplan.workspace;
