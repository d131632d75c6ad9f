package io.urlcheck.launcher.input;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkTargetsTest {

    private static final Path CWD = Path.of("/work/site");

    @Test
    void linksThatNameNoResourceAreLeftOut() {
        LinkTargets targets = new LinkTargets(null, CWD);

        for (String link : new String[] {"mailto:a@b.c", "tel:+123", "javascript:void(0)", "#install", "data:text/plain,x", " "}) {
            assertThat(targets.target(link, CWD.resolve("README.md"))).as(link).isEmpty();
        }
    }

    @Test
    void absoluteLinksGoAsWrittenAndOtherSchemesToTheProducerWhichRejectsThem() {
        LinkTargets targets = new LinkTargets(URI.create("https://site.test/"), CWD);

        assertThat(targets.target("https://Example.com/a#b", CWD.resolve("README.md"))).contains("https://Example.com/a#b");
        assertThat(targets.target("ftp://example.com/f", CWD.resolve("README.md"))).contains("ftp://example.com/f");
    }

    @Test
    void relativeLinksStayRelativeWithoutABase() {
        assertThat(new LinkTargets(null, CWD).target("docs/install.md", CWD.resolve("README.md"))).contains("docs/install.md");
    }

    @Test
    void relativeLinksResolveAgainstTheBaseAndTheDocumentsFolder() {
        LinkTargets targets = new LinkTargets(LinkTargets.parseBase("https://site.test/repo/blob/main/"), CWD);

        assertThat(targets.target("install.md", CWD.resolve("docs/guide.md"))).contains("https://site.test/repo/blob/main/docs/install.md");
        assertThat(targets.target("../README.md#top", CWD.resolve("docs/guide.md"))).contains("https://site.test/repo/blob/main/README.md#top");
        assertThat(targets.target("/root.html", CWD.resolve("docs/guide.md"))).contains("https://site.test/root.html");
        assertThat(targets.target("my file.md", CWD.resolve("README.md"))).contains("https://site.test/repo/blob/main/my%20file.md");
        assertThat(targets.target("//cdn.test/x.js", CWD.resolve("README.md"))).contains("https://cdn.test/x.js");
    }

    @Test
    void aBaseMustBeAnAbsoluteHttpUrl() {
        assertThat(LinkTargets.parseBase("http://site.test")).hasToString("http://site.test/");
        assertThatThrownBy(() -> LinkTargets.parseBase("site.test/docs")).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> LinkTargets.parseBase("file:///tmp")).hasMessageContaining("absolute http(s) URL");
    }
}
