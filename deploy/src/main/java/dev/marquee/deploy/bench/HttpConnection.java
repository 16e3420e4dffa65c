package dev.marquee.deploy.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection for a load worker: a request, then read the answer, over and over. The JDK's
 * {@link java.net.http.HttpClient} costs about half a millisecond of CPU per call, which on two shared cores is
 * taken from the service under test; like wrk or h2load, this does only what a benchmark needs (Content-Length
 * and chunked bodies, no redirects, no TLS), so the load generator stays small beside what it measures.
 * Not thread-safe: one per worker.
 */
final class HttpConnection implements AutoCloseable {
    /** A response: status and body as text. */
    record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String host;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    HttpConnection(URI base, int timeoutMillis) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = base.getHost() + ":" + base.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** GETs a path with the given bearer token; reconnects once if the server had closed the connection. */
    Response get(String pathAndQuery, String bearer) throws IOException {
        return send("GET", pathAndQuery, bearer, null);
    }

    /** POSTs a JSON body to a path with the given bearer token. */
    Response post(String pathAndQuery, String bearer, String json) throws IOException {
        return send("POST", pathAndQuery, bearer, json);
    }

    private Response send(String method, String pathAndQuery, String bearer, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        byte[] head = (method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: application/json\r\nAuthorization: Bearer " + bearer
                + (json == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + body.length)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (IOException e) {
            close();
            // Only a kept-alive connection the server closed in the meantime is worth one more try.
            if (!reused) {
                throw e;
            }
            return exchange(request);
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            start = end = 0;
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(length, 256));
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                read(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            read(length, body);
        } else {
            throw new IOException("answer without Content-Length or chunked body");
        }
        if (closes) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (start == end) {
                fill();
            }
            byte c = buffer[start++];
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
    }

    private void read(int count, ByteArrayOutputStream to) throws IOException {
        while (count > 0) {
            if (start == end) {
                fill();
            }
            int n = Math.min(count, end - start);
            to.write(buffer, start, n);
            start += n;
            count -= n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new IOException("connection closed by the server");
        }
        start = 0;
        end = n;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
