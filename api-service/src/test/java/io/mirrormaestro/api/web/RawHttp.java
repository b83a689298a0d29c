package io.mirrormaestro.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A GET written byte for byte over a socket: for what an HTTP client library refuses to send (encoded control
 * characters in the path) or cannot choose (the local address a request comes from).
 */
/** A request written by hand on a socket: what a browser or script sends, without a client library fixing it up. */
public final class RawHttp {

    private RawHttp() {}

    /** {@code authorization} is the header's value, or null for none; {@code from} the local address, or null. */
    public static Response get(int port, String path, String authorization, String from) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Accept: application/json\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new Response(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public record Response(String text) {

        public int status() {
            return Integer.parseInt(text.split(" ", 3)[1]);
        }

        public String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        /** The JSON body (a chunked body's one chunk, or the whole). */
        public String json() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
        }
    }
}
