/**
 * RFC 9457 problem responses and page parameters shared by the services' HTTP APIs.
 */
package io.microshop.web;
