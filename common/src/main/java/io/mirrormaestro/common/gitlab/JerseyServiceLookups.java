package io.mirrormaestro.common.gitlab;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.internal.ServiceFinder;

/**
 * Remembers which classes Jersey finds under {@code META-INF/services}. gitlab4j-api 6.2.0 changes its request
 * target's configuration on every call, so Jersey builds a new client runtime per GitLab request and looks its
 * services up again; inside a Spring Boot executable jar each lookup opens nested jar URLs under one global lock,
 * which made concurrent GitLab calls queue behind each other (about 0.5 s per mirror during an import). The set of
 * service classes on the classpath never changes while the JVM runs, so the first answer serves every later one;
 * instances are still created fresh each time, as Jersey's own lookup does.
 */
public final class JerseyServiceLookups extends ServiceFinder.ServiceIteratorProvider {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final ServiceFinder.DefaultServiceIteratorProvider jersey =
            new ServiceFinder.DefaultServiceIteratorProvider();
    private final Map<Key, List<Class<?>>> found = new ConcurrentHashMap<>();

    private record Key(Class<?> service, String name, ClassLoader loader, boolean ignoreMissing) {}

    private JerseyServiceLookups() {}

    /** Installs the cache for this JVM; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ServiceFinder.setIteratorProvider(new JerseyServiceLookups());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterator<Class<T>> createClassIterator(
            Class<T> service, String name, ClassLoader loader, boolean ignoreMissing) {
        List<Class<?>> classes = found.computeIfAbsent(new Key(service, name, loader, ignoreMissing), key -> {
            List<Class<?>> all = new ArrayList<>();
            jersey.createClassIterator(service, name, loader, ignoreMissing).forEachRemaining(all::add);
            return List.copyOf(all);
        });
        return (Iterator<Class<T>>) (Iterator<?>) classes.iterator();
    }

    @Override
    public <T> Iterator<T> createIterator(Class<T> service, String name, ClassLoader loader, boolean ignoreMissing) {
        Iterator<Class<T>> classes = createClassIterator(service, name, loader, ignoreMissing);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return classes.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Class<T> type = classes.next();
                try {
                    return service.cast(type.getDeclaredConstructor().newInstance());
                } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
                    throw new IllegalStateException("cannot create Jersey service " + type.getName(), e);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException("cannot create Jersey service " + type.getName(), e.getCause());
                }
            }
        };
    }
}
