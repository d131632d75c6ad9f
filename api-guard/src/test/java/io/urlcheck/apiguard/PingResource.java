package io.urlcheck.apiguard;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A stand-in API for the guard's tests: guarded paths, and one the tests configure as public. */
@Path("/")
public class PingResource {

    @GET
    @Path("api/ping")
    public String ping() {
        return "pong";
    }

    @POST
    @Path("api/ping")
    @Consumes({"text/plain", "application/json"})
    public String post(String body) {
        return "got " + body.length();
    }

    @GET
    @Path("open")
    public String open() {
        return "open";
    }

    @GET
    @Path("elsewhere")
    public String elsewhere() {
        return "elsewhere";
    }
}
