package org.greenplan.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.greenplan.ingest.UploadTooLargeException;
import org.greenplan.security.SecurityConfig;
import org.greenplan.security.Endpoints;
import org.greenplan.security.Endpoints.Endpoint;
import org.greenplan.security.Refusals;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Every endpoint's body is finite ({@link BodyLimit}, JSON by default). A declared Content-Length over the
 * limit is refused with 413 before anything is read; a body without one (chunked) is counted as it is read
 * and fails with 413 once it passes the limit. Multipart uploads are counted by the servlet container
 * against the multipart limits, GeoJSON layer uploads by their own reader: only their declared length is
 * checked here. Runs after the token check, so an anonymous upload is a 401 whatever its size.
 */
@Component
@Order(SecurityConfig.FILTER_ORDER + 1)
public class BodyLimitFilter extends OncePerRequestFilter {

    private final Endpoints endpoints;
    private final RequestLimits limits;
    private final Refusals refusals;

    public BodyLimitFilter(Endpoints endpoints, RequestLimits limits, Refusals refusals) {
        this.endpoints = endpoints;
        this.limits = limits;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Endpoint> endpoint = endpoints.find(request);
        if (endpoint.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        BodyLimit annotation = endpoint.get().method().getMethodAnnotation(BodyLimit.class);
        BodyLimit.Kind kind = annotation == null ? BodyLimit.Kind.JSON : annotation.value();
        long limit = limits.bodyBytes(kind);
        long length = request.getContentLengthLong();
        if (length > limit) {
            refusals.refuse(request, response, endpoint.get(), switch (kind) {
                case JSON -> new BodyTooLargeException(limit);
                case GEOJSON -> new UploadTooLargeException(limit);
                case UPLOAD -> new MaxUploadSizeExceededException(limits.uploadBytes());
            });
            if (length <= 2 * limit) {
                drain(request, response);
            }
            return;
        }
        chain.doFilter(kind == BodyLimit.Kind.JSON ? new CountedBody(request, limit) : request, response);
    }

    /**
     * Reads and drops the rest of a body that is a little over the limit (at most twice it; the caller passed the
     * token check to get here). Without it Tomcat closes the connection with the body unread and the client,
     * still sending, sees a reset instead of the 413; a body far over the limit is cut off all the same.
     */
    private static void drain(HttpServletRequest request, HttpServletResponse response) {
        try {
            response.flushBuffer();
            request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException gone) {
            // the client hung up: nothing left to keep
        }
    }

    /** A request whose body stream fails with {@link BodyTooLargeException} past the limit. */
    private static final class CountedBody extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        CountedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
