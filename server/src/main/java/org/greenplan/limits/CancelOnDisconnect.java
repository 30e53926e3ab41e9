package org.greenplan.limits;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.greenplan.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A computation stops when its client hangs up. Endpoints whose work is engine work return a {@link Callable}, so
 * the request thread is released while it computes. This interceptor gives each such request a
 * {@link Cancellation} token, binds it (and the request's attributes, which links are built from) to the thread
 * that computes, and cancels it when the client's connection is found closed (probed every
 * {@value #PROBE_MILLIS} ms by {@link ConnectionProbe}: Tomcat itself does not watch an asynchronous request's
 * connection), on an error the container reports, or on the request's timeout. The bulkhead queue and the engines'
 * loops read the token and stop.
 *
 * <p>The computing threads come from their own pool without a queue, as large as every bulkhead's slots and
 * queue together plus {@code greenplan.limits.async-threads} for cached answers: a request waits in a bulkhead's
 * bounded queue (counted, 503 beyond it), never unseen in an executor's queue. A pool full anyway refuses with
 * {@link TaskRejectedException}, answered 503 like a full queue.
 */
@Configuration
public class CancelOnDisconnect implements WebMvcConfigurer, CallableProcessingInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CancelOnDisconnect.class);
    private static final String TOKEN = CancelOnDisconnect.class.getName() + ".token";

    private final AtomicLong cancelled = new AtomicLong();
    private final int threads;
    private final Duration timeout;
    private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    private static final long PROBE_MILLIS = 250;
    private static final String PROBE = CancelOnDisconnect.class.getName() + ".probe";
    private final java.util.Map<Cancellation, ConnectionProbe> watched = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService watcher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "connection-probe");
                t.setDaemon(true);
                return t;
            });

    public CancelOnDisconnect(LimitsProperties limits, @Value("${greenplan.limits.async-threads:32}") int extra,
            @Value("${greenplan.limits.request-timeout:10m}") Duration timeout) {
        int slots = 0;
        for (Bulkheads.Kind k : Bulkheads.Kind.values()) {
            slots += limits.concurrent().of(k) + limits.queue();
        }
        this.threads = slots + extra;
        this.timeout = timeout;
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setKeepAliveSeconds(30);
        pool.setQueueCapacity(0);
        pool.setAllowCoreThreadTimeOut(true);
        // not a background priority: isochrones and new cards are someone waiting at the map (measured: at nice +4 the
        // load test's isochrone p95 went 465 → 695 ms while the tiles' p95 did not improve; docs/BENCHMARKS.md)
        pool.setThreadNamePrefix("engine-");
        pool.initialize();
        watcher.scheduleWithFixedDelay(this::probe, PROBE_MILLIS, PROBE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Cancels the computations whose clients have gone. */
    private void probe() {
        watched.forEach((token, probe) -> {
            try {
                if (probe.clientGone()) {
                    watched.remove(token);
                    probe.close();
                    cancelled(token, "the client closed the connection");
                }
            } catch (RuntimeException e) {
                log.debug("probing a connection failed", e);
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        watcher.shutdownNow();
        pool.shutdown();
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        // a first network answer on a city builds its walking graph: tens of seconds, not the container's 30 s
        configurer.setDefaultTimeout(timeout.toMillis());
        configurer.setTaskExecutor(pool);
        configurer.registerCallableInterceptors(this);
    }

    @Override
    public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
        Cancellation token = new Cancellation(describe(request));
        request.setAttribute(TOKEN, token, RequestAttributes.SCOPE_REQUEST);
        ConnectionProbe probe = ConnectionProbe.of(request.getNativeRequest(HttpServletRequest.class));
        if (probe != null) {
            request.setAttribute(PROBE, probe, RequestAttributes.SCOPE_REQUEST);
            watched.put(token, probe);
        }
    }

    @Override
    public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
        // a fresh holder of the same request: the request thread's own is marked completed when that thread returns
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                request.getNativeRequest(HttpServletRequest.class)));
        SCOPES.set(token(request).bind());
    }

    @Override
    public <T> void postProcess(NativeWebRequest request, Callable<T> task, Object result) {
        stopProbing(request); // before the answer is written
        Cancellation.Scope s = SCOPES.get();
        if (s != null) {
            s.close();
            SCOPES.remove();
        }
        RequestContextHolder.resetRequestAttributes();
    }

    @Override
    public <T> Object handleTimeout(NativeWebRequest request, Callable<T> task) {
        cancel(request, "the request timed out");
        return RESULT_NONE;
    }

    @Override
    public <T> Object handleError(NativeWebRequest request, Callable<T> task, Throwable t) {
        cancel(request, "the client closed the connection");
        return RESULT_NONE;
    }

    @Override
    public <T> void afterCompletion(NativeWebRequest request, Callable<T> task) {
        stopProbing(request);
    }

    private void stopProbing(NativeWebRequest request) {
        Cancellation c = token(request);
        if (c != null) {
            watched.remove(c);
        }
        if (request.getAttribute(PROBE, RequestAttributes.SCOPE_REQUEST) instanceof ConnectionProbe p) {
            p.close();
        }
    }

    private void cancel(NativeWebRequest request, String why) {
        stopProbing(request);
        Cancellation c = token(request);
        if (c != null) {
            cancelled(c, why);
        }
    }

    private void cancelled(Cancellation c, String why) {
        if (!c.isCancelled()) {
            c.cancel(why);
            cancelled.incrementAndGet();
            log.info("cancelled {}: {}", c.what(), why);
        }
    }

    private static Cancellation token(NativeWebRequest request) {
        return (Cancellation) request.getAttribute(TOKEN, RequestAttributes.SCOPE_REQUEST);
    }

    private static String describe(NativeWebRequest request) {
        return request.getDescription(false);
    }

    private static final ThreadLocal<Cancellation.Scope> SCOPES = new ThreadLocal<>();

    /** Requests cancelled so far (tests, metrics). */
    public long cancelled() {
        return cancelled.get();
    }

    /** Threads computing or queued in a bulkhead now. */
    public int active() {
        return pool.getActiveCount();
    }

    public int threads() {
        return threads;
    }
}
