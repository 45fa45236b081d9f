package dev.grader.mutation;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.Service;
import dev.grader.services.ServiceBroker;
import dev.grader.services.ServiceLease;
import dev.grader.support.postgres.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The services of PIT's minions, which run at once and start alike: a database exercise gets one fresh database per
 * PIT thread, listed as slots ({@link TestDatabase#SLOTS_PROPERTY}), and each minion takes a free one, so no two
 * minions share a database.
 */
final class MinionServices implements AutoCloseable {

    private static final List<String> PER_DATABASE =
            List.of(TestDatabase.URL_PROPERTY, TestDatabase.USER_PROPERTY, TestDatabase.PASSWORD_PROPERTY);

    private final List<ServiceLease> leases;

    private MinionServices(List<ServiceLease> leases) {
        this.leases = List.copyOf(leases);
    }

    /** One lease, or {@code threads} of them when {@code exercise} needs PostgreSQL. */
    static MinionServices lease(ServiceBroker services, Exercise exercise, int threads) {
        int n = exercise.manifest().needs(Service.POSTGRES) ? threads : 1;
        List<ServiceLease> leases = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                leases.add(services.lease(exercise, "pit" + i));
            }
        } catch (RuntimeException e) {
            leases.forEach(ServiceLease::close);
            throw e;
        }
        return new MinionServices(leases);
    }

    /** The minions' system properties: a single lease's as they are, several databases as slots. */
    Map<String, String> systemProperties() {
        Map<String, String> first = leases.get(0).systemProperties();
        if (leases.size() == 1) {
            return first;
        }
        Map<String, String> all = new TreeMap<>(first);
        PER_DATABASE.forEach(all::remove);
        all.put(TestDatabase.SLOTS_PROPERTY, Integer.toString(leases.size()));
        for (int i = 0; i < leases.size(); i++) {
            Map<String, String> own = leases.get(i).systemProperties();
            for (String key : PER_DATABASE) {
                if (own.containsKey(key)) {
                    all.put(key + "." + (i + 1), own.get(key));
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        leases.forEach(ServiceLease::close);
    }
}
