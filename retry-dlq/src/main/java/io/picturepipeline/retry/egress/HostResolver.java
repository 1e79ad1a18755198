package io.picturepipeline.retry.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name → addresses. The system resolver in production; a fixed table where a test needs a name we cannot own. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
