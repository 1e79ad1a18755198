package io.picturepipeline.ingest.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A caller who opened an event stream with a redeemed stream ticket; the name is the ticket's owner. */
final class StreamTicketAuthentication extends AbstractAuthenticationToken {

    private final String owner;

    StreamTicketAuthentication(String owner) {
        super(List.of());
        this.owner = owner;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return owner;
    }

    @Override
    public String getName() {
        return owner;
    }
}
