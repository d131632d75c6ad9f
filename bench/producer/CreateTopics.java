import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;

/**
 * Creates the urlcheck topics on the benchmark broker before the producer starts, so that the timed runs
 * never wait for topic auto-creation. Run as a single-file program: java -cp KAFKA_CP CreateTopics.java HOST:PORT
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            admin.createTopics(List.of(
                    new NewTopic("urlcheck.intake", 4, (short) 1),
                    new NewTopic("urlcheck.requests", 4, (short) 1),
                    new NewTopic("urlcheck.results", 4, (short) 1),
                    new NewTopic("urlcheck.dead-letter", 1, (short) 1),
                    new NewTopic("urlcheck.jobs", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
            System.out.println("topics created");
        }
    }
}
