/**
 * The Spring side of 补短板选址: {@link org.greenplan.siting.service.SitingService} reads a workspace's layers as the
 * indicator reads them, makes and filters the candidates (control lines), builds the covering problem and runs the
 * solvers; {@link org.greenplan.siting.service.SitingJobs} runs it in the background with progress and cancelling.
 */
package org.greenplan.siting.service;
