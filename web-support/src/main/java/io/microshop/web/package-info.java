/**
 * RFC 9457 problem responses, page parameters and the OpenAPI conventions shared by the
 * services' HTTP APIs.
 */
package io.microshop.web;
