package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;

class TitleOverHttpTest {

    private static final Charset GBK = Charset.forName("GBK");

    private static Vertx vertx;
    private static HostileServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = HostileServer.http(vertx, "127.0.0.1")
                .route("/gbk-meta", Routes.body("text/html",
                        "<html><head><meta charset=\"gb2312\"><title>百度一下，你就知道</title></head></html>".getBytes(GBK)))
                .route("/gbk-header", Routes.body("text/html; charset=GBK",
                        "<html><head><title>新浪首页</title></head></html>".getBytes(GBK)));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void gbkTitleFromMetaCharset() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/gbk-meta"));

        assertThat(result.title()).isEqualTo("百度一下，你就知道");
    }

    @Test
    void gbkTitleFromContentTypeHeader() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/gbk-header"));

        assertThat(result.title()).isEqualTo("新浪首页");
        assertThat(result.contentType()).isEqualTo("text/html; charset=GBK");
    }
}
