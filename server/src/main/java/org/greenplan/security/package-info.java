/**
 * Who may do what, with Spring Security: bearer tokens (API keys kept hashed in PostgreSQL, JWTs of an OIDC
 * issuer, the configured tokens of the environment) become a {@link org.greenplan.security.Caller} with roles per
 * workspace; {@link org.greenplan.security.AccessRules} applies {@link org.greenplan.security.RequiresRole} in the
 * request's workspace and keeps private workspaces to their members, before the body is read.
 */
package org.greenplan.security;
