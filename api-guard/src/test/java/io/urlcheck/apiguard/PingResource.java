package io.urlcheck.apiguard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A stand-in API for the guard's tests: one guarded path, one open one. */
@Path("/")
public class PingResource {

    @GET
    @Path("api/ping")
    public String ping() {
        return "pong";
    }

    @GET
    @Path("open")
    public String open() {
        return "open";
    }
}
