package io.urlcheck.apiguard;

import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.ApiHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class LoopbackWithoutTokenTest {

    @Test
    void withoutATokenTheServerBindsToLoopbackOnly() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.host", String.class))
                .isEqualTo(BindAddressConfigFactory.LOOPBACK);
    }

    @Test
    void withoutATokenTheApiNeedsNoHeaderFromALocalClient() {
        given().get("/api/ping").then().statusCode(200);
        given().contentType("application/json").body("[]").post("/api/ping").then().statusCode(200);
        given().contentType("text/plain").header(ApiHeaders.CLIENT, "test").body("x").post("/api/ping").then().statusCode(200);
    }

    @Test
    void aFormLikePostWithoutTheClientHeaderIsRefused() {
        given().contentType("text/plain").body("x").post("/api/ping").then().statusCode(403)
                .body(containsString(ApiHeaders.CLIENT));
    }

    @Test
    void aForeignHostOrOriginIsRefused() {
        given().header("Host", "evil.example").get("/api/ping").then().statusCode(403);
        given().header("Origin", "http://evil.example").get("/api/ping").then().statusCode(403);
    }
}
