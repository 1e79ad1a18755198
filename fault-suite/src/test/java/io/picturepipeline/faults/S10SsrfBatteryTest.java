package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 10: download records whose output URLs point where the download stage must never go — the cloud metadata
 * address, localhost, IPv6 loopback, loopback spelt as a decimal, short, mapped or any-local address, {@code file:},
 * a trusted host redirecting to loopback, a name that resolves to loopback, a private address, and huge, endless
 * and mislabelled bodies. The canary's host names and addresses are even on the allow-list: the address rules alone
 * must stop them. Each generation fails for good (no retry can help) and is dead-lettered once with the reason; the
 * canary listening on loopback records no hit; a normal generation afterwards still completes.
 */
@Order(7)
@Tag("fault")
@Tag("smoke")
class S10SsrfBatteryTest {

    private static final String SCENARIO = "s10-ssrf";

    @Test
    void noBadUrlIsEverFetchedAndEachFailsForGoodWithItsReason() {
        FaultStack stack = SharedStack.standard();
        SsrfRig rig = SharedStack.rig();
        Injections inject = new Injections(stack);
        int canary = rig.canaryPort();
        String hostile = rig.hostileUrl();
        Map<String, String[]> battery = new LinkedHashMap<>();
        battery.put("cloud metadata address", new String[] {"http://169.254.169.254/latest/meta-data/", "link-local"});
        battery.put("metadata by name", new String[] {"http://" + SsrfRig.METADATA_NAME + "/latest/", "refused"});
        battery.put("localhost", new String[] {rig.canaryUrl("localhost") + "/a.png", "loopback"});
        battery.put("127.0.0.1", new String[] {rig.canaryUrl("127.0.0.1") + "/a.png", "loopback"});
        battery.put("IPv6 loopback", new String[] {rig.canaryUrl("[::1]") + "/a.png", "loopback"});
        battery.put("decimal IP", new String[] {rig.canaryUrl("2130706433") + "/a.png", "loopback"});
        battery.put("short IP 127.1", new String[] {rig.canaryUrl("127.1") + "/a.png", "refused"});
        battery.put("IPv4-mapped IPv6", new String[] {rig.canaryUrl("[::ffff:127.0.0.1]") + "/a.png", "loopback"});
        battery.put("any-local 0.0.0.0", new String[] {rig.canaryUrl("0.0.0.0") + "/a.png", "refused"});
        battery.put(
                "name resolving to loopback",
                new String[] {rig.canaryUrl(SsrfRig.LOOPBACK_NAME) + "/a.png", "loopback"});
        battery.put(
                "name resolving to a private address",
                new String[] {"http://" + SsrfRig.PRIVATE_NAME + "/a.png", "private"});
        battery.put(
                "host not on the allow-list", new String[] {"http://example.com:" + canary + "/a.png", "allow-list"});
        battery.put("file URL", new String[] {"file:///etc/passwd", "only http and https"});
        battery.put("user info", new String[] {"http://user:secret@127.0.0.1:" + canary + "/a.png", "user info"});
        battery.put("redirect to loopback", new String[] {hostile + "/redirect/loopback", "loopback"});
        battery.put("redirect to a loopback name", new String[] {hostile + "/redirect/name", "loopback"});
        battery.put("redirect to the metadata address", new String[] {hostile + "/redirect/metadata", "link-local"});
        battery.put("redirect to file:", new String[] {hostile + "/redirect/file", "only http and https"});
        battery.put("redirect chain to loopback", new String[] {hostile + "/redirect/chain", "loopback"});
        battery.put("huge declared body", new String[] {hostile + "/huge/declared", "exceeds"});
        battery.put("huge chunked body", new String[] {hostile + "/huge/chunked", "exceeds"});
        battery.put("endless body", new String[] {hostile + "/endless", "exceeds"});
        battery.put("not an image", new String[] {hostile + "/not-an-image", "refused"});

        battery.forEach((what, urlAndReason) -> {
            UUID id = UUID.randomUUID();
            stack.ledger()
                    .expectDeadLetter(new ExpectedDeadLetter(
                            SCENARIO, Topics.deadLetter(Topics.DOWNLOAD), id.toString(), "", urlAndReason[1], what));
            inject.download(SCENARIO, id, List.of(urlAndReason[0]), Set.of(GenerationStatus.FAILED), what);
        });
        Scenarios.log(SCENARIO + ": " + battery.size() + " hostile download records published");
        // the stage is not wedged: a normal generation afterwards completes
        stack.driver(SCENARIO).submit();

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(2, 4)));
        report.count("hostile URLs", battery.size());
        report.count("canary hits", rig.hits());

        Scenarios.file(SCENARIO, report, stack);
        assertThat(rig.hits())
                .as("requests that reached the canary on loopback")
                .isEmpty();
        Scenarios.assertHolds(report);
    }
}
