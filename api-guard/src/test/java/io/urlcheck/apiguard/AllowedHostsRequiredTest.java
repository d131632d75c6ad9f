package io.urlcheck.apiguard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(AllowedHostsRequiredTest.PublicTokenOnLoopbackNames.class)
class AllowedHostsRequiredTest {

    /** As the local and dev overlays set it: a token everyone knows, and the names the API is reached by. */
    public static class PublicTokenOnLoopbackNames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("urlcheck.api.token", "local-token", "urlcheck.api.allowed-hosts", "localhost,127.0.0.1,[::1]",
                    "urlcheck.api.static-paths", "/open");
        }
    }

    @Test
    void theTokenOpensTheApiOnlyUnderAnAllowedHostName() {
        given().header("Authorization", "Bearer local-token").header("Host", "localhost:18083").get("/api/ping")
                .then().statusCode(200).body(equalTo("pong"));
        given().header("Authorization", "Bearer local-token").header("Host", "127.0.0.1").get("/api/ping")
                .then().statusCode(200);
    }

    @Test
    void aDnsRebindingPageWithThePublicTokenIsRefused() {
        given().header("Authorization", "Bearer local-token").header("Host", "evil.example:18083").get("/api/ping")
                .then().statusCode(403).body(containsString("urlcheck.api.allowed-hosts"));
        given().header("Authorization", "Bearer local-token").header("Host", "evil.example").contentType("application/json")
                .body("[]").post("/api/ping").then().statusCode(403);
    }

    @Test
    void publicPathsAnswerUnderAnyHostForProbesAndScrapers() {
        given().header("Host", "10.1.2.3:8083").get("/open").then().statusCode(200);
    }

    @Test
    void anAllowedHostStillNeedsTheToken() {
        given().header("Host", "localhost").get("/api/ping").then().statusCode(401);
    }
}
