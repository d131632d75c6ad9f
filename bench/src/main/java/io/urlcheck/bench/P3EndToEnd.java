package io.urlcheck.bench;

/** P3: end to end through producer, worker, Kafka and sink into PostgreSQL. */
final class P3EndToEnd {

    private P3EndToEnd() {
    }

    static void run(Bench bench) {
        throw new UnsupportedOperationException("p3 is not written yet");
    }
}
