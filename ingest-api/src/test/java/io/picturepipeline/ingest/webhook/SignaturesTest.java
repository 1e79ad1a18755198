package io.picturepipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesTheStandardWebhooksTestVector() {
        // the vector the Standard Webhooks reference libraries test against
        assertThat(Signatures.header(
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        BODY,
                        List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretWhileARotatedOneIsHonoured() {
        String current = Secrets.generate();
        String header = Signatures.header(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                BODY,
                List.of(current, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        assertThat(header.split(" "))
                .containsExactly(
                        Signatures.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY, List.of(current)),
                        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(current).startsWith("whsec_").hasSize("whsec_".length() + 44);
    }
}
