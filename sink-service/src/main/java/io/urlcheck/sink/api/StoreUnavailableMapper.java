package io.urlcheck.sink.api;

import io.urlcheck.sink.store.StoreUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** Answers a query the store cannot serve now (database down) with 503 and the reason. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);

    @Override
    public Response toResponse(StoreUnavailableException e) {
        LOG.warnf("query failed: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("the store is unavailable; retry later"))
                .build();
    }
}
