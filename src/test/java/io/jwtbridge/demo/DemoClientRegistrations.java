package io.jwtbridge.demo;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** The demo app's one client registration, known once {@link DemoSetup} has created the app. */
final class DemoClientRegistrations implements ClientRegistrationRepository {

    static final String ID = "bridge";

    private volatile ClientRegistration registration;

    void set(ClientRegistration registration) {
        this.registration = registration;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return ID.equals(registrationId) ? registration : null;
    }
}
