/**
 * What the gateway refuses before it routes: malformed request lines, and bodies that
 * never arrive.
 */
package io.microshop.gateway.edge;
