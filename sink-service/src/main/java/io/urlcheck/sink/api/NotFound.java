package io.urlcheck.sink.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A 404 with {@code {"error": "..."}}. */
final class NotFound {

    private NotFound() {
    }

    static WebApplicationException because(String reason) {
        return new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON).entity(new ErrorBody(reason)).build());
    }
}
