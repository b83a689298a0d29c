package io.mirrormaestro.api.search;

import io.mirrormaestro.api.estate.QueryParameters;
import io.mirrormaestro.api.problem.UnprocessableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/search")
class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    /** {@code q} at least one character; {@code limit} 1 to 50 per category, default 10. */
    @GetMapping
    Search.Results search(@RequestParam(required = false) String q, @RequestParam(required = false) String limit) {
        if (q == null || q.isBlank()) {
            throw new UnprocessableException("q", "must have at least one character");
        }
        return search.find(q.trim(), QueryParameters.intBetween("limit", limit, 1, Search.MAX_LIMIT, 10));
    }
}
