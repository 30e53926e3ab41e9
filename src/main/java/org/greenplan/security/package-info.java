/**
 * Who may do what. Browsing is public by default; uploads need an analyst or admin token and deletes an
 * admin token, sent as {@code Authorization: Bearer …}. Tokens come from configuration.
 */
package org.greenplan.security;
