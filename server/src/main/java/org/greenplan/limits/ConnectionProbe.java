package org.greenplan.limits;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Request;

/**
 * Whether the client of an asynchronous request has hung up. Tomcat does not watch the connection of an
 * asynchronous request that reads nothing (it registers no read interest), so nobody would notice: this probe
 * asks Tomcat for a non-blocking read on the request's connection ({@link ActionCode#AVAILABLE} with a read).
 * A closed connection answers with an end-of-stream error, which Tomcat reports as "1 byte available" every time
 * it is asked; bytes a client really sent ahead (pipelining, which clients do not use) are read once and then sit in
 * the buffer, answered as 0 afterwards. So two probes in a row reporting bytes mean the client is gone.
 *
 * <p>Tomcat-specific and reached by reflection (the facade hides the connector's request); where that fails (another
 * container) the probe says "still there", and only the request's timeout cancels its work. Probing and the
 * response's writing never overlap: the caller stops probing ({@link #close}) before the answer is written.
 */
final class ConnectionProbe {

    private static final Field FACADE_REQUEST = facadeField();

    private final Request coyote;
    private boolean closed;
    private int bytesSeen;

    private ConnectionProbe(Request coyote) {
        this.coyote = coyote;
    }

    /** A probe of this request's connection, or null where the container is not Tomcat. */
    static ConnectionProbe of(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            r = w.getRequest();
        }
        if (FACADE_REQUEST == null || !FACADE_REQUEST.getDeclaringClass().isInstance(r)) {
            return null;
        }
        try {
            Object connector = FACADE_REQUEST.get(r);
            return connector instanceof org.apache.catalina.connector.Request c ? new ConnectionProbe(c.getCoyoteRequest())
                    : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** True once the client has closed the connection (see the class comment). */
    synchronized boolean clientGone() {
        if (closed) {
            return false;
        }
        coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
        bytesSeen = coyote.getAvailable() > 0 ? bytesSeen + 1 : 0;
        return bytesSeen >= 2;
    }

    /** No probe after this returns: the response may be written. */
    synchronized void close() {
        closed = true;
    }

    private static Field facadeField() {
        try {
            Field f = Class.forName("org.apache.catalina.connector.RequestFacade").getDeclaredField("request");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
