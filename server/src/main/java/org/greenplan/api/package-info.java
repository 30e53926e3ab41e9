/**
 * The web API: OGC API – Features for layers, the greenplan JSON API under /api/v1, and the JSON problem
 * responses every error becomes. Controllers stay thin: parse, call one service, map to JSON.
 */
package org.greenplan.api;
