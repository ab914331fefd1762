package dev.ops.proton.localaws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Counts every request the endpoint answered, by account, service, operation and outcome ({@code ok} or the AWS
 * error code), so tests and the benchmark can assert how many AWS calls the operator made.
 */
public final class CallCounter {

    public static final String OK = "ok";

    /** One counted combination. */
    public record Key(String account, String service, String operation, String outcome) {
        @Override
        public String toString() {
            return account + " " + service + ":" + operation + " " + outcome;
        }
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(String account, String service, String operation, String outcome) {
        counts.computeIfAbsent(new Key(account, service, operation, outcome), k -> new LongAdder())
                .increment();
    }

    public long count(Predicate<Key> filter) {
        return counts.entrySet().stream()
                .filter(e -> filter.test(e.getKey()))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** Calls of one operation, any account and outcome. */
    public long count(String service, String operation) {
        return count(k -> k.service().equals(service) && k.operation().equals(operation));
    }

    /** Calls of one operation by one account, any outcome. */
    public long count(String account, String service, String operation) {
        return count(k -> k.account().equals(account)
                && k.service().equals(service)
                && k.operation().equals(operation));
    }

    /** Calls to one service, any account, operation and outcome. */
    public long total(String service) {
        return count(k -> k.service().equals(service));
    }

    public long total() {
        return count(k -> true);
    }

    public Map<Key, Long> snapshot() {
        Map<Key, Long> copy = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        counts.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    public void reset() {
        counts.clear();
    }
}
