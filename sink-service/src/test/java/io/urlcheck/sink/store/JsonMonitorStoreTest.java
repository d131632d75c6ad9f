package io.urlcheck.sink.store;

import io.urlcheck.sink.store.json.JsonMonitorStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The JSON monitor store against the shared contract, on a real directory. */
class JsonMonitorStoreTest extends MonitorStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MonitorStore newStore() {
        return JsonMonitorStore.open(dir);
    }

    @Override
    protected MonitorStore reopen(MonitorStore old) {
        old.close();
        return newStore();
    }
}
