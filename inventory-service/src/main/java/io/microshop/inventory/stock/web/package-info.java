/**
 * The products HTTP API: request and response bodies, the controller and the problem
 * responses.
 */
package io.microshop.inventory.stock.web;
