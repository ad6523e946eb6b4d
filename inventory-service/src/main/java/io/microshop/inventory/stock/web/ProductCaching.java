package io.microshop.inventory.stock.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * HTTP caching of the catalogue, by revalidation only: stock changes with every order, so
 * no answer may be used without asking. Every read says so ({@code Cache-Control:
 * no-cache}) and carries an ETag a client sends back in {@code If-None-Match}: a
 * product's version (strong), or a hash of a page of products (weak, by Spring's
 * {@link ShallowEtagHeaderFilter}: a page has no version of its own). An unchanged answer
 * is a {@code 304} without a body.
 */
@Configuration(proxyBeanMethods = false)
class ProductCaching {

	/** Any cache may keep a read, and must ask before it uses it again. */
	static final CacheControl REVALIDATE = CacheControl.noCache();

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> catalogueEtags() {
		ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();
		etags.setWriteWeakETag(true);
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(etags);
		// the catalogue's pages only: a product has its version
		registration.addUrlPatterns("/api/products");
		return registration;
	}

}
