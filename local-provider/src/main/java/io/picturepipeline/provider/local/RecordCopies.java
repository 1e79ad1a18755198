package io.picturepipeline.provider.local;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code with…} methods of the settings records: a copy with some components changed, made through the canonical
 * constructor, so its checks and defaults apply to the copy as they did to the original.
 */
final class RecordCopies {

    private RecordCopies() {}

    static <R extends Record> R with(R record, String component, Object value) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(component, value);
        return with(record, changes);
    }

    static <R extends Record> R with(R record, Map<String, Object> changes) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = changes.containsKey(name) ? changes.get(name) : read(record, components[i]);
        }
        if (!Arrays.stream(components).map(RecordComponent::getName).toList().containsAll(changes.keySet())) {
            throw new IllegalArgumentException(
                    record.getClass().getSimpleName() + " has no component among " + changes.keySet());
        }
        try {
            @SuppressWarnings("unchecked")
            Constructor<R> canonical = (Constructor<R>) record.getClass()
                    .getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException invalid ? invalid : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
