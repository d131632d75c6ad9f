package io.urlcheck.apiguard;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class LoopbackWithoutTokenTest {

    @Test
    void withoutATokenTheServerBindsToLoopbackOnly() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.host", String.class))
                .isEqualTo(BindAddressConfigFactory.LOOPBACK);
    }

    @Test
    void withoutATokenTheApiNeedsNoHeader() {
        given().get("/api/ping").then().statusCode(200);
    }
}
