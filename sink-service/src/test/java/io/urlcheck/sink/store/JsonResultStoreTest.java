package io.urlcheck.sink.store;

import io.urlcheck.sink.store.json.JsonResultStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** The JSON store against the shared contract, on a real directory. */
class JsonResultStoreTest extends ResultStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ResultStore newStore() {
        return new JsonResultStore(dir, Duration.ofMillis(50));
    }

    @Override
    protected ResultStore reopen(ResultStore old) {
        old.close();
        return newStore();
    }
}
