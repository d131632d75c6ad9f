package io.urlcheck.apiguard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(ApiTokenRequiredTest.WithToken.class)
class ApiTokenRequiredTest {

    /** Configures a token, as the Kubernetes overlays do from a Secret, and one static public path. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("urlcheck.api.token", "t0ken", "urlcheck.api.static-paths", "/open");
        }
    }

    @Test
    void apiRefusesARequestWithoutTheToken() {
        given().get("/api/ping").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(containsString("bearer token"));
        given().header("Authorization", "Bearer wrong").get("/api/ping").then().statusCode(401);
    }

    @Test
    void apiAnswersARequestWithTheToken() {
        given().header("Authorization", "Bearer t0ken").get("/api/ping").then().statusCode(200).body(equalTo("pong"));
    }

    @Test
    void publicPathsStayOpenAndEverythingElseIsGuardedByDefault() {
        given().get("/open").then().statusCode(200);
        given().get("/elsewhere").then().statusCode(401);
        given().get("/no-such-path").then().statusCode(401);
        given().header("Authorization", "Bearer t0ken").get("/elsewhere").then().statusCode(200);
    }

    @Test
    void pathParametersDoNotSkipTheGuard() {
        given().urlEncodingEnabled(false).get("/api;x/ping").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/open;x/../api/ping").then().statusCode(401);
    }

    @Test
    void withATokenTheServerBindsToEveryInterface() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.host", String.class))
                .isEqualTo(BindAddressConfigFactory.ALL_INTERFACES);
    }
}
