/**
 * What to send ({@link dev.meshtest.traffic.TrafficSpec}) and what happened
 * ({@link dev.meshtest.traffic.TrafficResult}: one {@link dev.meshtest.traffic.Outcome} per request,
 * counts in a stable order, a readable summary).
 */
package dev.meshtest.traffic;
