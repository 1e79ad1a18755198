package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bodies past the cap are refused with 413 while they arrive, whatever the client claims, and JSON past the parser's
 * limits with 400: nothing is stored either way. Raw sockets, because a client that keeps sending after the answer is
 * exactly the case.
 */
class RequestBodyLimitsTest extends IngestIntegrationTest {

    private static final int EIGHT_MIB = 8 * 1024 * 1024;

    @Test
    void anEightMebibyteBodyIsRefusedWith413BeforeItIsRead() {
        String user = Api.newUser("huge");

        String response = post(user, "Content-Length: " + EIGHT_MIB, hugeSubmission(), false);

        assertTooLarge(response);
        assertThat(stored(user)).isZero();
    }

    @Test
    void aChunkedEightMebibyteBodyIsRefusedWith413WhileItIsRead() {
        String user = Api.newUser("chunked");

        String response = post(user, "Transfer-Encoding: chunked", hugeSubmission(), true);

        assertTooLarge(response);
        assertThat(stored(user)).isZero();
    }

    @Test
    void deeplyNestedJsonIsA400NamingTheField() {
        // every field is a scalar, so binding stops at the first bracket; the nesting limit guards any other reader
        String user = Api.newUser("nested");
        String nested = "[".repeat(5000) + "]".repeat(5000);

        JsonNode problem = badRequest(user, "{\"prompt\": \"a kite\", \"seed\": " + nested + "}");

        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("seed");
        assertThat(stored(user)).isZero();
    }

    @Test
    void aHugeNumberIsA400NamingTheField() {
        String user = Api.newUser("number");

        JsonNode problem = badRequest(user, "{\"prompt\": \"a kite\", \"seed\": " + "9".repeat(5000) + "}");

        assertThat(problem.at("/errors/0/message").asString()).contains("number of more than 32 characters");
        assertThat(stored(user)).isZero();
    }

    @Test
    void aHugeStringIsA400NamingTheField() {
        String user = Api.newUser("string");

        JsonNode problem = badRequest(user, "{\"prompt\": \"" + "x".repeat(40_000) + "\"}");

        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("prompt");
        assertThat(problem.at("/errors/0/message").asString()).contains("string of more than 16384 characters");
        assertThat(stored(user)).isZero();
    }

    private JsonNode badRequest(String user, String json) {
        Api.Response response = api().submit(user, json);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        return response.json();
    }

    private static void assertTooLarge(String response) {
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"status\":413", "\"field\":\"body\"");
    }

    /** {"prompt": "a kite"} padded with whitespace to 8 MiB: valid JSON that trips none of the parser's limits. */
    private static byte[] hugeSubmission() {
        byte[] body = new byte[EIGHT_MIB];
        Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"prompt\": \"a kite\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        body[body.length - 1] = '}';
        return body;
    }

    /** Sends the request from another thread (the server may answer, and close, before it is all sent). */
    private String post(String user, String lengthHeader, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/v1/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + Api.token(user) + "\r\nContent-Type: application/json\r\n" + lengthHeader + "\r\n\r\n";
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(out, head, body, chunked));
            String response = readResponse(socket.getInputStream());
            sending.cancel(true);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(OutputStream out, String head, byte[] body, boolean chunked) {
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            int chunk = 16 * 1024;
            for (int offset = 0; offset < body.length; offset += chunk) {
                int length = Math.min(chunk, body.length - offset);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, offset, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected once the server has answered
        }
    }

    /** The status line, the headers and the body of a response that ends with the connection or its length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && complete(text, end)) {
                return text;
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String text, int headerEnd) {
        for (String line : text.substring(0, headerEnd).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
                return text.length() - headerEnd - 4 >= length;
            }
        }
        return false;
    }

    private int stored(String user) {
        return jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }
}
