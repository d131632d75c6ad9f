package io.urlcheck.sink.api;

import io.urlcheck.sink.BadQueryException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a bad query parameter with 400 and the reason. */
@Provider
public class BadQueryMapper implements ExceptionMapper<BadQueryException> {

    @Override
    public Response toResponse(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage()))
                .build();
    }
}
