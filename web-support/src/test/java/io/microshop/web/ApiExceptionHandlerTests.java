package io.microshop.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true")
@Import({ ApiExceptionHandlerTests.ThingController.class, ApiExceptionHandlerTests.TestProblems.class })
class ApiExceptionHandlerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void invalidFieldsAreListedUnderErrors() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": " ", "lines": [{"quantity": 0}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:microshop:problem:invalid-request"))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'lines[0].quantity')]").exists());
	}

	@Test
	void aValueOfTheWrongTypeNamesItsField() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "a", "lines": [{"quantity": "many"}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lines[0].quantity"));
	}

	@Test
	void aBodyThatIsNotJsonIsABadRequest() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON"));
	}

	@Test
	void aFieldTheApiDoesNotHaveIsABadRequestNamingIt() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "a", "lines": [{"quantity": 1, "price": 0}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The request body has a field this API does not have"))
			.andExpect(jsonPath("$.errors[0].field").value("lines[0].price"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a field of this request"));
	}

	@Test
	void aFieldGivenTwiceIsABadRequestNamingIt() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "a", "name": "b", "lines": []}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The request body gives a field more than once"))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "a", "lines": [{"quantity": 1, "quantity": 2}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lines[0].quantity"));
	}

	@Test
	void textThatIsNotWellFormedIsABadRequestNamingItsField() throws Exception {
		for (String name : List.of("\\ud800@b.c", "\\udc00", "a\\u0000b")) {
			this.mvc
				.perform(post("/things").contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\": \"" + name + "\", \"lines\": []}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("The request body has text that is not well-formed"))
				.andExpect(jsonPath("$.errors[0].field").value("name"));
		}
		this.mvc
			.perform(post("/things").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"\\ud83d\\ude00 is fine\", \"lines\": []}"))
			.andExpect(status().isOk());
	}

	@Test
	void pageParametersOutOfRangeAreABadRequest() throws Exception {
		this.mvc.perform(get("/things").param("page", "-1").param("size", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'page')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'size')]").exists());
	}

	@Test
	void aPageParameterThatIsNotANumberIsABadRequest() throws Exception {
		this.mvc.perform(get("/things").param("size", "ten"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void pagesHaveTheShapeOfTheContract() throws Exception {
		this.mvc.perform(get("/things").param("size", "5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0]").value("a"))
			.andExpect(jsonPath("$.page.size").value(5))
			.andExpect(jsonPath("$.page.number").value(0))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.page.totalPages").value(1));
	}

	@Test
	void aPageBeyondWhatAQueryCanReachIsABadRequest() throws Exception {
		this.mvc.perform(get("/things").param("page", String.valueOf(PageParameters.MAX_PAGE + 1)).param("size", "100"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
	}

	@Test
	void problemsThatSpringBuildsItselfHaveATypeToo() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:microshop:problem:unsupported-media-type"));
		this.mvc.perform(get("/search").param("q", "x").with((request) -> {
			request.setMethod("DELETE");
			return request;
		}))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value("urn:microshop:problem:method-not-allowed"));
		this.mvc.perform(get("/no-such-path"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:microshop:problem:not-found"));
	}

	@Test
	void aMissingRequiredParameterIsABadRequest() throws Exception {
		this.mvc.perform(get("/search"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"));
	}

	@Test
	void aPathVariableOfTheWrongTypeIsABadRequest() throws Exception {
		this.mvc.perform(get("/things/abc")).andExpect(status().isBadRequest());
	}

	@Test
	void anUnexpectedFailureIsAProblemWithoutItsStackTrace() throws Exception {
		this.mvc.perform(get("/things/13"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("The request could not be completed; it has been logged"));
	}

	@SpringBootApplication
	static class TestApplication {

	}

	@RestController
	static class ThingController {

		@PostMapping("/things")
		String create(@Valid @RequestBody NewThing thing) {
			return "created";
		}

		@GetMapping("/things")
		PageResponse<String> list(@Valid PageParameters pageParameters) {
			return PageResponse.of(new PageImpl<>(List.of("a"), pageParameters.toPageable(Sort.unsorted()), 1));
		}

		@GetMapping("/things/{id}")
		String one(@PathVariable int id) {
			throw new IllegalStateException("boom " + id);
		}

		@GetMapping("/search")
		String search(@RequestParam String q) {
			return q;
		}

	}

	@RestControllerAdvice
	static class TestProblems extends ApiExceptionHandler {

	}

	record NewThing(@NotBlank String name, List<@Valid Line> lines) {

	}

	record Line(@Positive int quantity) {

	}

}
