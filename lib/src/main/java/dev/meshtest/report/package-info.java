/**
 * Explanations: why a request went where it went ({@link dev.meshtest.report.Explanation}).
 */
package dev.meshtest.report;
