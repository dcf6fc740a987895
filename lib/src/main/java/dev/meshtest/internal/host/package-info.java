/**
 * Istio's host-name rules ({@code pkg/config/host} {@code Name}), shared by the layers that
 * check configuration and those that compile it, so each rule is written once. Uses nothing of
 * ours.
 */
package dev.meshtest.internal.host;
