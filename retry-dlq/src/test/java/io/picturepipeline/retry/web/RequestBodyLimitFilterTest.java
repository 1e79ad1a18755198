package io.picturepipeline.retry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The cap every service's servlet requests pass through, the provider webhook's included. */
class RequestBodyLimitFilterTest {

    private static final int MAX = 1024;

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(MAX);

    @Test
    void aContentLengthOverTheCapIsRefusedWithoutCallingTheApplication() throws Exception {
        MockHttpServletRequest request = post(new byte[MAX + 1]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean called = new AtomicBoolean();

        filter.doFilter(request, response, (req, res) -> called.set(true));

        assertThat(called).isFalse();
        assertTooLarge(response);
    }

    @Test
    void aBodyWithoutALengthIsCutOffAtTheCapAndAnswered413WhateverTheApplicationMadeOfIt() throws Exception {
        MockHttpServletRequest request = post(new byte[10 * MAX]);
        request.removeHeader("Content-Length");
        MockHttpServletResponse response = new MockHttpServletResponse();
        int[] read = {0};
        FilterChain application = (req, res) -> {
            try {
                while (req.getInputStream().read(new byte[100]) > 0) {
                    read[0] += 100;
                }
            } catch (IOException e) {
                assertThat(e).isInstanceOf(RequestBodyTooLargeException.class);
                // what Spring MVC makes of an unreadable body
                ((HttpServletResponse) res).setStatus(400);
                res.getWriter().write("{\"status\":400}");
            }
        };

        filter.doFilter(new UnknownLength(request), response, application);

        assertThat(read[0]).isLessThanOrEqualTo(MAX);
        assertTooLarge(response);
    }

    @Test
    void aBodyWithinTheCapIsReadWhole() throws Exception {
        MockHttpServletRequest request = post(new byte[MAX]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(
                request,
                response,
                (req, res) -> assertThat(req.getInputStream().readAllBytes()).hasSize(MAX));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aReadPastTheCapFails() {
        MockHttpServletRequest request = post(new byte[2 * MAX]);

        assertThatThrownBy(() -> filter.doFilter(
                        new UnknownLength(request),
                        new MockHttpServletResponse(),
                        (req, res) -> req.getInputStream().readAllBytes()))
                .isInstanceOf(RequestBodyTooLargeException.class);
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/replicate");
        request.setContent(body);
        request.addHeader("Content-Length", body.length);
        return request;
    }

    private static void assertTooLarge(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413", "\"field\":\"body\"");
    }

    /** A chunked request: the container knows no length. */
    private static final class UnknownLength extends jakarta.servlet.http.HttpServletRequestWrapper {

        UnknownLength(MockHttpServletRequest request) {
            super(request);
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }
    }
}
