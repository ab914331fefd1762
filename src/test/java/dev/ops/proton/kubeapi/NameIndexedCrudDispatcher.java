package dev.ops.proton.kubeapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fabric8 mock server's CRUD dispatcher with an index by (name, namespace), as a real API server has. The stock
 * dispatcher finds the object a write names by matching every stored object, so with thousands of connections (and
 * their Events) every write scanned them all: at 5000 connections that scan took about 70% of the CPU, and the
 * benchmark measured the mock server rather than the operator. Written by hand because the mock
 * server offers no indexed store; it replaces the dispatcher's map (a protected final field, hence reflection) with
 * one that keeps the index as objects are put and removed, which is how the dispatcher changes its store.
 */
class NameIndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private final IndexedStore store = new IndexedStore();

    NameIndexedCrudDispatcher() {
        try {
            Field field = io.fabric8.mockwebserver.crud.CrudDispatcher.class.getDeclaredField("map");
            field.setAccessible(true);
            field.set(this, store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the mock server's CrudDispatcher no longer has a map field", e);
        }
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        if (query.getAttribute("name") == null) {
            return super.findResource(query);
        }
        synchronized (store) {
            for (AttributeSet candidate : store.named(query)) {
                if (store.containsKey(candidate) && candidate.matches(query)) {
                    return new AbstractMap.SimpleImmutableEntry<>(candidate, store.get(candidate));
                }
            }
        }
        return null;
    }

    /** The dispatcher's store, indexed by the name and namespace attributes of each key. */
    private static final class IndexedStore extends LinkedHashMap<AttributeSet, String> {

        private final Map<List<Attribute>, List<AttributeSet>> byName = new HashMap<>();

        private static List<Attribute> nameOf(AttributeSet key) {
            return Arrays.asList(key.getAttribute("name"), key.getAttribute("namespace"));
        }

        List<AttributeSet> named(AttributeSet query) {
            return byName.getOrDefault(nameOf(query), List.of());
        }

        @Override
        public synchronized String put(AttributeSet key, String value) {
            String previous = super.put(key, value);
            if (previous == null) {
                byName.computeIfAbsent(nameOf(key), k -> new ArrayList<>(1)).add(key);
            }
            return previous;
        }

        @Override
        public synchronized String remove(Object key) {
            String previous = super.remove(key);
            if (previous != null && key instanceof AttributeSet set) {
                List<AttributeSet> keys = byName.get(nameOf(set));
                if (keys != null) {
                    keys.remove(set);
                }
            }
            return previous;
        }

        @Override
        public synchronized void clear() {
            super.clear();
            byName.clear();
        }
    }
}
