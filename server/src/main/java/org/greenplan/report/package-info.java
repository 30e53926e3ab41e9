/**
 * Documents a planning office can file: the indicators of a workspace for an area, judged against a target
 * set and citing each target's source, with maps drawn by the server's own tile renderer, the layer versions
 * read and a SHA-256 of the inputs, as Word ({@code .docx}, Apache POI) and PDF (PDFBox). A report holds one
 * result set (the baseline) and optionally a second one to compare it with (another area or other layer
 * versions today; a scenario once scenarios exist). Identical inputs give byte-identical files: every date and
 * identifier the libraries would take from the clock is set from the inputs.
 */
package org.greenplan.report;
